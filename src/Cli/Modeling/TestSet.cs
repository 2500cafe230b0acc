using System.Globalization;
using System.Numerics;
using FastReg.Cli.Data;
using FastReg.Nn;

namespace FastReg.Cli.Modeling;

/// <summary>
/// <c>train --test FILE</c>: a held-out CSV with the training file's columns (read in the same dialect), loaded before
/// training so a wrong file fails at once, and scored once with the final model, never used to fit or choose anything.
/// </summary>
internal sealed record TestSet(string Path, ModelInputs Input, TrueTargets Truth)
{
    public static TestSet? Load<T>(string? path, DataSource training, PreparedData<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (path is null) return null;
        if (training.Csv is null)
            throw new CliException("--test takes a CSV with the training columns; for --x/--y .npy data, save the model (--save) and score it with fastreg predict --x X.npy --y Y.npy.");
        var source = new DataSource(path, null, null, [], TaskKind.Auto) { CsvOptions = training.CsvOptions };
        ModelInputs input = DataLoader.LoadColumns(source, data.Preprocessing.Inputs, imputes: data.Preprocessing.Imputer is not null, targets: data.Source.TargetNames);
        if (input.Truth is not { } truth)
            throw new CliException($"--test {path}: no target column {string.Join(", ", data.Source.TargetNames.Select(t => $"'{t}'"))}; the test rows need their targets to be scored.");
        return new TestSet(path, input, truth);
    }

    /// <summary>The final model's scores on the test rows (unseen categories are warned about as predict does).</summary>
    public EvaluationResult Score<T>(CliConsole console, TrainedModel<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Predictions predictions;
        try
        {
            predictions = model.Predict(Input.Columns);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--test {Path}: {e.Message}");
        }
        for (int i = 0; i < model.Inputs.Count; i++)
            if (predictions.UnseenByInput[i] > 0)
                console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warning: --test column '{model.Inputs[i].Name}': {predictions.UnseenByInput[i]} row(s) hold a category not seen in training (encoded as all zeros)."));
        return Scoring.OfPredictions(model, predictions, Truth, Path);
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FastReg.Cli.Data;
using FastReg.Cli.Modeling;
using FastReg.Cli.Output;
using FastReg.IO;
using FastReg.Nn;

namespace FastReg.Cli.Commands;

/// <summary>
/// <c>fastreg predict</c>: weights plus features in, predictions out as CSV or .npy; when the data still carry the
/// model's target column(s), the predictions are scored too (as scikit-learn's classification_report, or RMSE, MAE, R²).
/// </summary>
internal static class PredictCommand
{
    /// <summary>The CSV column of a predicted target: named so that it is never mistaken for the true one (ML.NET's PredictedLabel).</summary>
    public static string PredictedColumn(string target) => "predicted_" + target;

    public static Command Create(CliConsole console)
    {
        var command = new Command("predict", "Predict with saved weights: a CSV (the model's feature columns) or .npy features in, a CSV or .npy file out; scored when the data hold the target column(s).");
        var weights = new Option<string>("--weights") { Description = "safetensors weights from fastreg train --save (or a PyTorch state_dict with --hidden etc.).", Required = true };
        var output = new Option<string>("--out") { Description = "Predictions file: .csv (predicted_<target>, then p_<class> probabilities, or predicted values) or .npy (classes or values).", Required = true };
        var targetsNpy = new Option<string?>("--y") { Description = "True targets as .npy [n] or [n, k] for --x features: the predictions are scored against them." };
        var metricsJson = new Option<string?>("--metrics-json") { Description = "Also write the scores to this JSON file (schema fastreg-metrics/1); needs the target column(s) in the data (or --y)." };
        var probaNpy = new Option<string?>("--proba-npy") { Description = "Also write a classifier's class probabilities [n, classes] (float64, columns in the model's class order) to this .npy file." };
        var data = new DataFlags();
        var network = new NetworkFlags();
        command.Options.Add(weights);
        command.Options.Add(output);
        data.AddTo(command, withTargets: false);
        command.Options.Add(targetsNpy);
        command.Options.Add(metricsJson);
        command.Options.Add(probaNpy);
        network.AddTo(command, layersOnly: true);

        command.SetAction(parsed =>
        {
            string weightsPath = parsed.GetValue(weights)!, outPath = parsed.GetValue(output)!;
            string? metricsPath = parsed.GetValue(metricsJson), probaPath = parsed.GetValue(probaNpy);
            string format = Path.GetExtension(outPath).ToLowerInvariant();
            if (format is not (".csv" or ".npy")) throw new CliException($"--out must end in .csv or .npy (got '{outPath}').");
            if (probaPath is not null && !probaPath.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
                throw new CliException($"--proba-npy must end in .npy (got '{probaPath}').");
            DataSource source = data.Read(parsed) with { TargetsNpy = parsed.GetValue(targetsNpy) };
            if (source.Id is not null && format != ".csv") throw new CliException("--id copies a column into the predictions, which needs a .csv --out.");
            OutputPaths.Check([.. source.InputPaths(), ("--weights", weightsPath)], [("--out", outPath), ("--metrics-json", metricsPath), ("--proba-npy", probaPath)]);
            TrainedModel<double> model = LoadedModel.Load(weightsPath, file =>
                LoadedModel.FromFlags(file, weightsPath, network.ReadLayers(parsed), network.ReadLossWithoutData(parsed)));
            if (probaPath is not null && !model.IsClassifier)
                throw new CliException("--proba-npy would be ignored: a regression model predicts values, not class probabilities.");
            ModelInputs input = DataLoader.LoadColumns(source, model.Inputs, imputes: model.Preprocessing.Imputer is not null, targets: model.Targets);
            if (metricsPath is not null && input.Truth is null)
                throw new CliException($"--metrics-json would be ignored: {source.Csv ?? source.FeaturesNpy} has no target column {string.Join(", ", model.Targets.Select(t => $"'{t}'"))} to score against" +
                    (source.Csv is null ? " (give the true targets with --y)." : "."));
            Predictions predictions;
            try
            {
                predictions = model.Predict(input.Columns);
            }
            catch (ArgumentException e)
            {
                throw new CliException($"{source.Csv ?? source.FeaturesNpy}: {e.Message}");
            }
            for (int i = 0; i < model.Inputs.Count; i++)
                if (predictions.UnseenByInput[i] > 0)
                    console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"warning: column '{model.Inputs[i].Name}': {predictions.UnseenByInput[i]} row(s) hold a category not seen in training (encoded as all zeros)."));
            // Scored before anything is written: an unknown class in the targets leaves no half-made outputs.
            EvaluationResult? score = input.Truth is { } truth ? Scoring.OfPredictions(model, predictions, truth, truth.Source) : null;
            Write(outPath, format, model, predictions, input);
            if (probaPath is not null) Npy.Write(probaPath, Probabilities(model, predictions), [predictions.Rows, model.Classes!.Count], NpyType.Float64);
            if (score is not null && metricsPath is not null)
                AtomicFile.WriteAllText(metricsPath, JsonSerializer.Serialize(MetricsDocument.From(score), CliJson.Default.MetricsDocument) + "\n");
            console.Out.WriteLine($"{predictions.Rows} predictions written to {Path.GetFullPath(outPath)}");
            if (probaPath is not null) console.Out.WriteLine($"probabilities: {Path.GetFullPath(probaPath)}");
            if (score is not null)
            {
                EvaluationText.Write(console, score, confusionMatrix: true);
                if (metricsPath is not null) console.Out.WriteLine($"metrics: {Path.GetFullPath(metricsPath)}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>[rows, classes] in the model's class order; a binary one-logit classifier gives both columns, as scikit-learn's predict_proba.</summary>
    private static double[] Probabilities(TrainedModel<double> model, Predictions p)
    {
        if (!model.IsBinary) return p.Probabilities!;
        var both = new double[p.Rows * 2];
        for (int i = 0; i < p.Rows; i++) (both[2 * i], both[2 * i + 1]) = (1 - p.Probabilities![i], p.Probabilities[i]);
        return both;
    }

    private static void Write(string path, string format, TrainedModel<double> model, Predictions p, ModelInputs input)
    {
        int rows = p.Rows, k = p.Width;
        // --id: the named column's cells go first in every row, as they were read.
        string IdHead() => input.IdName is null ? "" : Csv.QuoteCell(input.IdName) + ",";
        string IdCell(int row) => input.Ids is null ? "" : Csv.QuoteCell(input.Ids[row] ?? "") + ",";
        if (model.IsClassifier)
        {
            IReadOnlyList<string> classes = model.Classes!;
            if (format == ".npy")
            {
                bool numeric = classes.All(c => long.TryParse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
                var values = new double[rows];
                for (int i = 0; i < rows; i++) values[i] = numeric ? long.Parse(p.Classes![i], CultureInfo.InvariantCulture) : p.ClassIndices![i];
                Npy.Write(path, values, [rows], NpyType.Int64);
                return;
            }
            var text = new StringBuilder();
            // Each header cell is quoted whole: p_"a,b" would be two malformed cells, "p_a,b" is one.
            text.Append(IdHead()).Append(Csv.QuoteCell(PredictedColumn(model.Targets[0])));
            foreach (string c in classes) text.Append(',').Append(Csv.QuoteCell("p_" + c));
            text.Append('\n');
            for (int i = 0; i < rows; i++)
            {
                text.Append(IdCell(i)).Append(Csv.QuoteCell(p.Classes![i]));
                if (model.IsBinary) // one logit: the probability of the second class (sorted order), predicted when above 0.5
                    text.Append(',').Append((1 - p.Probabilities![i]).ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(p.Probabilities[i].ToString("R", CultureInfo.InvariantCulture));
                else
                    for (int c = 0; c < k; c++) text.Append(',').Append(p.Probabilities![i * k + c].ToString("R", CultureInfo.InvariantCulture));
                text.Append('\n');
            }
            AtomicFile.WriteAllText(path, text.ToString());
            return;
        }

        // Regression outputs in the targets' units; BCE outputs as probabilities.
        double[] y = p.Probabilities ?? p.Outputs;
        string[] names = [.. (model.Targets.Count == k ? [.. model.Targets] : DefaultNames("y", k)).Select(PredictedColumn)];
        if (format == ".npy")
            Npy.Write(path, y, k == 1 ? [rows] : [rows, k], NpyType.Float64);
        else if (input.Ids is null)
            Csv.Write(path, names, y);
        else
        {
            var text = new StringBuilder(IdHead());
            text.AppendJoin(',', names.Select(Csv.QuoteCell)).Append('\n');
            for (int i = 0; i < rows; i++)
            {
                text.Append(IdCell(i));
                for (int j = 0; j < k; j++) text.Append(j > 0 ? "," : "").Append(y[i * k + j].ToString("R", CultureInfo.InvariantCulture));
                text.Append('\n');
            }
            AtomicFile.WriteAllText(path, text.ToString());
        }
    }

    private static string[] DefaultNames(string prefix, int count)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++) names[i] = prefix + i.ToString(CultureInfo.InvariantCulture);
        return names;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using FastReg.Cli.Data;
using FastReg.Cli.Modeling;
using FastReg.Cli.Output;
using FastReg.IO;
using FastReg.Nn;

namespace FastReg.Cli.Commands;

/// <summary><c>fastreg predict</c>: weights plus features in, predictions out as CSV or .npy.</summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("predict", "Predict with saved weights: a CSV (the model's feature columns) or .npy features in, a CSV or .npy file out.");
        var weights = new Option<string>("--weights") { Description = "safetensors weights from fastreg train --save (or a PyTorch state_dict with --hidden etc.).", Required = true };
        var output = new Option<string>("--out") { Description = "Predictions file: .csv (class and probabilities, or values) or .npy (classes or values).", Required = true };
        var data = new DataFlags();
        var network = new NetworkFlags();
        command.Options.Add(weights);
        command.Options.Add(output);
        data.AddTo(command, withTargets: false);
        network.AddTo(command, layersOnly: true);

        command.SetAction(parsed =>
        {
            string weightsPath = parsed.GetValue(weights)!, outPath = parsed.GetValue(output)!;
            string format = Path.GetExtension(outPath).ToLowerInvariant();
            if (format is not (".csv" or ".npy")) throw new CliException($"--out must end in .csv or .npy (got '{outPath}').");
            DataSource source = data.Read(parsed);
            if (source.Id is not null && format != ".csv") throw new CliException("--id copies a column into the predictions, which needs a .csv --out.");
            OutputPaths.Check([.. source.InputPaths(), ("--weights", weightsPath)], [("--out", outPath)]);
            TrainedModel<double> model = LoadedModel.Load(weightsPath, file =>
                LoadedModel.FromFlags(file, weightsPath, network.ReadLayers(parsed), network.ReadLossWithoutData(parsed)));
            ModelInputs input = DataLoader.LoadColumns(source, model.Inputs, imputes: model.Preprocessing.Imputer is not null);
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
            Write(outPath, format, model, predictions, input);
            console.Out.WriteLine($"{predictions.Rows} predictions written to {Path.GetFullPath(outPath)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(string path, string format, TrainedModel<double> model, Predictions p, ModelInputs input)
    {
        int rows = p.Rows, k = p.Width;
        // --id: the named column's cells go first in every row, as they were read.
        string IdHead() => input.IdName is null ? "" : CsvCell(input.IdName) + ",";
        string IdCell(int row) => input.Ids is null ? "" : CsvCell(input.Ids[row] ?? "") + ",";
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
            text.Append(IdHead()).Append(CsvCell(model.Targets.Count == 1 ? model.Targets[0] : "prediction"));
            foreach (string c in classes) text.Append(",p_").Append(CsvCell(c));
            text.Append('\n');
            for (int i = 0; i < rows; i++)
            {
                text.Append(IdCell(i)).Append(CsvCell(p.Classes![i]));
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
        if (format == ".npy")
            Npy.Write(path, y, k == 1 ? [rows] : [rows, k], NpyType.Float64);
        else if (input.Ids is null)
            Csv.Write(path, model.Targets.Count == k ? [.. model.Targets] : DefaultNames("y", k), y);
        else
        {
            var text = new StringBuilder(IdHead());
            text.AppendJoin(',', (model.Targets.Count == k ? [.. model.Targets] : DefaultNames("y", k)).Select(CsvCell)).Append('\n');
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

    /// <summary>RFC 4180: quote a cell that holds a comma, quote or line break.</summary>
    private static string CsvCell(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

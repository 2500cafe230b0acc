using System.CommandLine;
using System.Globalization;
using System.Text;
using FastReg.Cli.Data;
using FastReg.Cli.Modeling;
using FastReg.Cli.Output;
using FastReg.IO;
using FastReg.Nn;
using FastReg.Nn.Training;

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
            LoadedModel loaded = LoadedModel.Load(weightsPath, file =>
            {
                return LoadedModel.FromFlags(file, weightsPath, network.ReadLayers(parsed), network.ReadLossWithoutData(parsed));
            });
            ModelDescription d = loaded.Description;
            string[] features = d.Features.Length > 0 ? d.Features : DefaultNames("x", d.Inputs);
            FeatureRows input = DataLoader.LoadFeatures(source, features);
            int rows = input.Rows;
            double[] y = loaded.Outputs(input.X, rows);
            Write(outPath, format, loaded, y, rows, input);
            console.Out.WriteLine($"{rows} predictions written to {Path.GetFullPath(outPath)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(string path, string format, LoadedModel loaded, double[] y, int rows, FeatureRows input)
    {
        // --id: the named column's cells go first in every row, as they were read.
        string IdHead() => input.IdName is null ? "" : CsvCell(input.IdName) + ",";
        string IdCell(int row) => input.Ids is null ? "" : CsvCell(input.Ids[row] ?? "") + ",";
        ModelDescription d = loaded.Description;
        int k = loaded.Model.OutputSize;
        LossKind loss = loaded.Model.Loss;
        if (loss == LossKind.SoftmaxCrossEntropy)
        {
            int[] predicted = new int[rows];
            for (int i = 0; i < rows; i++) predicted[i] = ModelStatistics.ArgMax<double>(y.AsSpan(i * k, k));
            if (format == ".npy")
            {
                bool numeric = Array.TrueForAll(d.Classes!, c => long.TryParse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
                var values = new double[rows];
                for (int i = 0; i < rows; i++) values[i] = numeric ? long.Parse(d.Classes![predicted[i]], CultureInfo.InvariantCulture) : predicted[i];
                Npy.Write(path, values, [rows], NpyType.Int64);
                return;
            }
            var text = new StringBuilder();
            text.Append(IdHead()).Append(CsvCell(d.Targets.Length == 1 ? d.Targets[0] : "prediction"));
            foreach (string c in d.Classes!) text.Append(",p_").Append(CsvCell(c));
            text.Append('\n');
            for (int i = 0; i < rows; i++)
            {
                text.Append(IdCell(i)).Append(CsvCell(d.Classes[predicted[i]]));
                Span<double> logits = y.AsSpan(i * k, k);
                double max = logits[ModelStatistics.ArgMax<double>(logits)], sum = 0;
                foreach (double v in logits) sum += Math.Exp(v - max);
                foreach (double v in logits) text.Append(',').Append((Math.Exp(v - max) / sum).ToString("R", CultureInfo.InvariantCulture));
                text.Append('\n');
            }
            AtomicFile.WriteAllText(path, text.ToString());
            return;
        }

        // Regression outputs as they are; BCE logits as probabilities.
        if (loss == LossKind.BinaryCrossEntropyWithLogits)
            for (int i = 0; i < y.Length; i++) y[i] = 1 / (1 + Math.Exp(-y[i]));
        if (format == ".npy")
            Npy.Write(path, y, k == 1 ? [rows] : [rows, k], NpyType.Float64);
        else if (input.Ids is null)
            Csv.Write(path, d.Targets.Length == k ? d.Targets : DefaultNames("y", k), y);
        else
        {
            var text = new StringBuilder(IdHead());
            text.AppendJoin(',', (d.Targets.Length == k ? d.Targets : DefaultNames("y", k)).Select(CsvCell)).Append('\n');
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

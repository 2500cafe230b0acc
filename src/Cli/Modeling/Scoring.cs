using System.Numerics;
using System.Globalization;
using FastReg.Cli.Data;
using FastReg.IO;
using FastReg.Nn;
using FastReg.Nn.Metrics;
using FastReg.Nn.Training;

namespace FastReg.Cli.Modeling;

/// <summary>
/// Scores a trained model with the library's metrics (<see cref="ClassificationReport"/>, <see cref="RegressionReport"/>):
/// its predictions against the true targets read from a file (predict, train --test), or its own training and
/// validation rows (train's table). Regression is scored in the targets' units (outputs and targets unscaled).
/// </summary>
internal static class Scoring
{
    /// <summary>
    /// <paramref name="predictions"/> against <paramref name="truth"/>: rows whose target is missing are skipped (counted);
    /// a class the model does not know is an error naming it and its line.
    /// </summary>
    public static EvaluationResult OfPredictions<T>(TrainedModel<T> model, Predictions predictions, TrueTargets truth, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = predictions.Rows, k = predictions.Width;
        if (model.IsClassifier)
        {
            IReadOnlyList<string> classes = model.Classes!;
            int[]? labels = ClassIndices(truth, classes, model.Targets[0]);
            var kept = new List<int>(rows);
            for (int r = 0; r < rows; r++) if (labels[r] >= 0) kept.Add(r);
            RequireSome(kept.Count, truth, model.Targets[0]);
            var actual = new int[kept.Count];
            var predicted = new int[kept.Count];
            var logits = new double[kept.Count * k];
            for (int i = 0; i < kept.Count; i++)
            {
                actual[i] = labels[kept[i]];
                predicted[i] = predictions.ClassIndices![kept[i]];
                predictions.Outputs.AsSpan(kept[i] * k, k).CopyTo(logits.AsSpan(i * k, k));
            }
            return Classified(what, actual, predicted, logits, classes, model.IsBinary) with { Skipped = rows - kept.Count };
        }

        var targets = new double[rows * k];
        var present = new bool[rows];
        Array.Fill(present, true);
        for (int j = 0; j < k; j++)
        {
            DataColumn column = truth.Columns[j];
            if (column.IsText)
                foreach (string? cell in column.Texts!)
                    if (cell is not null && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                        throw new CliException($"{truth.Source}: target '{column.Name}' holds text ('{cell}' at {truth.Where(Array.IndexOf(column.Texts!, cell))}); a regression model scores numbers.");
            for (int r = 0; r < rows; r++)
            {
                double v = column.IsText ? (column.Texts![r] is { } s ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : double.NaN) : column.Numbers![r];
                targets[r * k + j] = v;
                present[r] &= !double.IsNaN(v);
            }
        }
        int keptRows = 0;
        for (int r = 0; r < rows; r++) keptRows += present[r] ? 1 : 0;
        RequireSome(keptRows, truth, string.Join(", ", model.Targets));
        var y = new double[keptRows * k];
        var outputs = new double[keptRows * k];
        for (int r = 0, i = 0; r < rows; r++)
        {
            if (!present[r]) continue;
            targets.AsSpan(r * k, k).CopyTo(y.AsSpan(i * k, k));
            predictions.Outputs.AsSpan(r * k, k).CopyTo(outputs.AsSpan(i * k, k));
            i++;
        }
        return Regressed(what, y, outputs, model.Network.Loss, model.Targets) with { Skipped = rows - keptRows };
    }

    /// <summary>
    /// The model on rows of its own (preprocessed) training or validation set, by the library's <see cref="ModelScore"/>;
    /// the loss is left NaN, as train reports the loss training measured.
    /// </summary>
    public static EvaluationResult OfRows<T>(TrainedModel<T> model, Dataset<T> rows, string what) where T : unmanaged, IFloatingPointIeee754<T> =>
        model.IsClassifier
            ? new EvaluationResult(what, double.NaN, ModelScore.Classification(model, rows), null)
            : new EvaluationResult(what, double.NaN, null, ModelScore.Regression(model, rows));

    private static EvaluationResult Classified(string what, int[] actual, int[] predicted, double[] logits, IReadOnlyList<string> classes, bool binary)
    {
        double loss = 0;
        int n = actual.Length, k = binary ? 1 : classes.Count;
        for (int r = 0; r < n; r++)
        {
            ReadOnlySpan<double> z = logits.AsSpan(r * k, k);
            if (binary) loss += Softplus(z[0]) - actual[r] * z[0]; // −log σ(z) for class 1, −log(1 − σ(z)) for class 0
            else
            {
                double max = z[ArgMax(z)], sum = 0;
                foreach (double v in z) sum += Math.Exp(v - max);
                loss += max + Math.Log(sum) - z[actual[r]];
            }
        }
        return new EvaluationResult(what, loss / n, ClassificationReport.From(actual, predicted, classes), null);
    }

    /// <summary>mse: <paramref name="outputs"/> are values; bce without classes: logits, scored as the probabilities they give.</summary>
    private static EvaluationResult Regressed(string what, double[] targets, double[] outputs, LossKind loss, IReadOnlyList<string> names)
    {
        double sum = 0;
        double[] predicted = outputs;
        if (LossNames.Entry(loss).HasIndependentLogits)
        {
            predicted = new double[outputs.Length];
            for (int i = 0; i < outputs.Length; i++)
            {
                predicted[i] = 1 / (1 + Math.Exp(-outputs[i]));
                sum += Softplus(outputs[i]) - targets[i] * outputs[i];
            }
        }
        else
        {
            for (int i = 0; i < outputs.Length; i++) sum += (outputs[i] - targets[i]) * (outputs[i] - targets[i]);
        }
        RegressionReport report;
        try
        {
            report = RegressionReport.From(targets, predicted, names);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{what}: {FastRegApp.UserText(e)}");
        }
        return new EvaluationResult(what, sum / targets.Length, null, report);
    }

    /// <summary>Each row's class index among <paramref name="classes"/>; −1 for a missing cell. Numbers match by value (1 and 1.0 alike).</summary>
    private static int[] ClassIndices(TrueTargets truth, IReadOnlyList<string> classes, string target)
    {
        DataColumn column = truth.Columns[0];
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var byValue = new Dictionary<double, int>();
        for (int c = 0; c < classes.Count; c++)
        {
            byName[classes[c]] = c;
            if (double.TryParse(classes[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) byValue.TryAdd(v, c);
        }
        var labels = new int[column.Length];
        var unknown = new List<string>();
        int firstUnknown = -1;
        for (int r = 0; r < labels.Length; r++)
        {
            string? cell = column.IsText ? column.Texts![r]?.Trim() : double.IsNaN(column.Numbers![r]) ? null : column.Numbers[r].ToString("R", CultureInfo.InvariantCulture);
            if (cell is null or "") { labels[r] = -1; continue; }
            if (byName.TryGetValue(cell, out int c) || (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && byValue.TryGetValue(v, out c)))
            {
                labels[r] = c;
                continue;
            }
            if (firstUnknown < 0) firstUnknown = r;
            if (!unknown.Contains(cell) && unknown.Count < 5) unknown.Add(cell);
        }
        if (firstUnknown >= 0)
            throw new CliException($"{truth.Source}: target '{target}' holds class(es) the model was not trained on: {string.Join(", ", unknown.Select(u => $"'{u}'"))} " +
                $"(first at {truth.Where(firstUnknown)}); the model knows {string.Join(", ", classes.Take(20))}{(classes.Count > 20 ? ", ..." : "")}. " +
                "Remove those rows, or drop the target column to predict without scoring.");
        return labels;
    }

    private static void RequireSome(int kept, TrueTargets truth, string target)
    {
        if (kept == 0) throw new CliException($"{truth.Source}: every row's target '{target}' is missing; there is nothing to score (drop the column to predict only).");
    }

    private static int ArgMax(ReadOnlySpan<double> z)
    {
        int best = 0;
        for (int j = 1; j < z.Length; j++) if (z[j] > z[best]) best = j;
        return best;
    }

    /// <summary>log(1 + e^z) without overflow.</summary>
    private static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));
}

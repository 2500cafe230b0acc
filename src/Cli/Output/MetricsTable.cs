using System.Globalization;
using FastReg.Cli.Modeling;

namespace FastReg.Cli.Output;

/// <summary>One column of train's table: a set of rows, its data loss as training reported it, and its scores (null: no such rows).</summary>
internal sealed record SplitScores(string Name, double Loss, EvaluationResult? Scores);

/// <summary>
/// train's table, for gradient and solver fits alike: loss, then accuracy (classification) or RMSE, MAE
/// and R² in the targets' units (regression, each the average over targets of the per-target value, as scikit-learn),
/// one column per split (train, validation, and test with --test); a <see cref="FittedTable"/>, so it never wraps.
/// </summary>
internal static class MetricsTable
{
    public static void Write(CliConsole console, bool classification, IReadOnlyList<SplitScores> splits)
    {
        var columns = new FittedColumn[splits.Count + 1];
        columns[0] = new FittedColumn("metric", Numeric: false);
        for (int s = 0; s < splits.Count; s++) columns[s + 1] = new FittedColumn(splits[s].Name);
        var table = new FittedTable(columns);
        void Row(string name, Func<EvaluationResult, double> metric, Func<double, string> format, Func<SplitScores, double>? direct = null)
        {
            var cells = new string[splits.Count + 1];
            cells[0] = name;
            for (int s = 0; s < splits.Count; s++)
            {
                double v = direct is not null ? direct(splits[s]) : splits[s].Scores is { } scores ? metric(scores) : double.NaN;
                cells[s + 1] = double.IsNaN(v) ? "-" : format(v);
            }
            table.AddRow(cells);
        }
        Row("loss", _ => double.NaN, G, s => s.Loss);
        if (classification)
        {
            Row("accuracy", e => e.Classification!.Accuracy, v => v.ToString("P2", CultureInfo.InvariantCulture));
        }
        else
        {
            Row("RMSE", e => e.Regression!.Average.Rmse, G);
            Row("MAE", e => e.Regression!.Average.Mae, G);
            Row("R²", e => e.Regression!.Average.R2, v => v.ToString("F4", CultureInfo.InvariantCulture));
        }
        table.Write(console.Ansi);
    }

    private static string G(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
}

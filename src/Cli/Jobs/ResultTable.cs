using System.Globalization;
using FastReg.Cli.Output;

namespace FastReg.Cli.Jobs;

/// <summary>The main job's table: one row per regularizer, fitted to the terminal's width.</summary>
internal static class ResultTable
{
    public static void Write(CliConsole console, IReadOnlyList<CaseResult> results)
    {
        // At 80 columns the settings move under the table; the timing goes first if more must give way.
        var table = new FittedTable(
            new FittedColumn("regularizer", Numeric: false),
            new FittedColumn("setting", Numeric: false, Below: true),
            new FittedColumn("train loss", "train", Keep: 3),
            new FittedColumn("val loss", "val"),
            new FittedColumn("gap", Keep: 2),
            new FittedColumn("val acc"),
            new FittedColumn("test acc", "test"),
            new FittedColumn("‖W‖", Keep: 1),
            new FittedColumn("sparsity", "zeros", Keep: 4),
            new FittedColumn("epochs", "ep.", Keep: 5),
            new FittedColumn("time", Keep: 0));
        foreach (CaseResult r in results)
        {
            table.AddRow(
                r.Case.Name, r.Case.Setting,
                F(r.TrainLoss, "F3"), F(r.ValidationLoss, "F3"), F(r.Gap, "F3"),
                F(r.ValidationAccuracy, "P1"), F(r.TestAccuracy, "P1"), F(r.WeightNorm, "F1"), F(r.Sparsity, "P0"),
                r.EpochsRun.ToString(CultureInfo.InvariantCulture), F(r.Elapsed.TotalSeconds, "F2") + " s");
        }
        table.Write(console.Ansi);
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

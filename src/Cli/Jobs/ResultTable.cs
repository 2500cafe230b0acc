using System.Globalization;
using Spectre.Console;

namespace FastReg.Cli.Jobs;

/// <summary>The main job's table: one row per regularizer.</summary>
internal static class ResultTable
{
    public static void Write(CliConsole console, IReadOnlyList<CaseResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("regularizer");
        table.AddColumn("setting");
        foreach (string numeric in new[] { "train loss", "val loss", "gap", "val acc", "test acc", "‖W‖", "sparsity", "epochs", "time" })
            table.AddColumn(new TableColumn(numeric).RightAligned());
        foreach (CaseResult r in results)
        {
            table.AddRow(
                Markup.Escape(r.Case.Name), Markup.Escape(r.Case.Setting),
                F(r.TrainLoss, "F3"), F(r.ValidationLoss, "F3"), F(r.Gap, "F3"),
                F(r.ValidationAccuracy, "P1"), F(r.TestAccuracy, "P1"), F(r.WeightNorm, "F1"), F(r.Sparsity, "P0"),
                r.EpochsRun.ToString(CultureInfo.InvariantCulture), F(r.Elapsed.TotalSeconds, "F2") + " s");
        }
        console.Ansi.Write(table);
    }

    private static string F(double value, string format) => Markup.Escape(value.ToString(format, CultureInfo.InvariantCulture));
}

using System.Globalization;
using FastReg.Cli.Modeling;
using FastReg.Nn.Metrics;

namespace FastReg.Cli.Output;

/// <summary>
/// An <see cref="EvaluationResult"/> for a person: a summary line, scikit-learn's classification report (per class,
/// macro and weighted averages) or a table of RMSE, MAE and R² per target, and the confusion matrix; every table
/// a <see cref="FittedTable"/>, so no row wraps at the console's width.
/// </summary>
internal static class EvaluationText
{
    public static void Write(CliConsole console, EvaluationResult result, bool confusionMatrix)
    {
        string skipped = result.Skipped > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({result.Skipped:N0} rows without a target left out)") : "";
        if (result.Classification is { } c)
        {
            console.WriteWrapped(string.Create(CultureInfo.InvariantCulture,
                $"score on {result.What}: {c.Rows:N0} rows{skipped}, accuracy {c.Accuracy:P2}, loss {result.Loss:G5}"));
            WriteReport(console, c);
            if (confusionMatrix) WriteConfusion(console, c, "confusion matrix");
        }
        else
        {
            RegressionReport r = result.Regression!;
            console.WriteWrapped(string.Create(CultureInfo.InvariantCulture, $"score on {result.What}: {r.Rows:N0} rows{skipped}, loss {result.Loss:G5}"));
            var table = new FittedTable(new FittedColumn("target", Numeric: false), new FittedColumn("RMSE"), new FittedColumn("MAE"), new FittedColumn("R²"));
            for (int j = 0; j < r.Targets.Count; j++) table.AddRow(r.Targets[j], G(r.PerTarget[j].Rmse), G(r.PerTarget[j].Mae), G(r.PerTarget[j].R2));
            if (r.Targets.Count > 1) table.AddRow("average", G(r.Average.Rmse), G(r.Average.Mae), G(r.Average.R2));
            table.Write(console.Ansi);
        }
    }

    private static void WriteReport(CliConsole console, ClassificationReport c)
    {
        var table = new FittedTable(new FittedColumn("class", Numeric: false), new FittedColumn("precision"), new FittedColumn("recall"),
            new FittedColumn("F1"), new FittedColumn("support"));
        for (int k = 0; k < c.Classes.Count; k++)
            if (c.Present[k]) Row(table, c.Classes[k], c.PerClass[k]);
        Row(table, "macro avg", c.MacroAverage);
        Row(table, "weighted avg", c.WeightedAverage);
        table.Write(console.Ansi);
        if (c.Undefined.Count > 0)
            console.WriteWrapped($"note: set to 0 as scikit-learn's zero_division default does: {string.Join("; ", c.Undefined)}.");
    }

    private static void Row(FittedTable table, string name, ClassMetrics m) =>
        table.AddRow(name, F(m.Precision), F(m.Recall), F(m.F1), m.Support.ToString(CultureInfo.InvariantCulture));

    /// <summary>Rows: actual classes; columns: predicted. Too many classes for the width: a note instead of a wrapped table.</summary>
    public static void WriteConfusion(CliConsole console, ClassificationReport c, string title)
    {
        int k = c.Classes.Count;
        var columns = new FittedColumn[k + 1];
        columns[0] = new FittedColumn("actual \\ predicted", "actual", Numeric: false);
        for (int j = 0; j < k; j++) columns[j + 1] = new FittedColumn(c.Classes[j], j.ToString(CultureInfo.InvariantCulture));
        var table = new FittedTable(columns);
        for (int a = 0; a < k; a++)
        {
            var cells = new string[k + 1];
            cells[0] = c.Classes[a];
            for (int p = 0; p < k; p++) cells[p + 1] = c.Matrix[a, p].ToString(CultureInfo.InvariantCulture);
            table.AddRow(cells);
        }
        if (!table.FitsWhole(console.Ansi.Profile.Width))
        {
            console.WriteWrapped(string.Create(CultureInfo.InvariantCulture,
                $"{title}: {k} classes do not fit {console.Ansi.Profile.Width} columns; --metrics-json or --json writes it (a wider terminal shows it)."));
            return;
        }
        console.WriteWrapped($"{title} (rows: actual class, columns: predicted):");
        table.Write(console.Ansi);
        if (table.Fit(console.Ansi.Profile.Width).ShortHeaders)
            console.Out.WriteLine("(predicted classes by index, in the order of the rows)");
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);

    private static string G(double v) => double.IsNaN(v) ? "-" : v.ToString("G5", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using System.Numerics;
using FastReg.Cli.Data;
using FastReg.Cli.Modeling;
using FastReg.Cli.Output;
using FastReg.Plotting;
using FastReg.Nn;
using FastReg.Nn.Selection;
using Spectre.Console;

namespace FastReg.Cli.Commands;

/// <summary>
/// <c>fastreg sweep</c>: k-fold cross-validation (or one hold-out split) over a λ grid; the best λ,
/// the one-standard-error λ, a table and an SVG validation curve.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("sweep", "Choose λ: k-fold cross-validation (or a hold-out validation curve) over a grid, with the best and one-standard-error λ and an SVG curve.");
        var flags = new SearchFlags();
        var folds = new Option<int>("--cv") { Description = "Folds of cross-validation; 0 = one hold-out split of --valid-fraction.", DefaultValueFactory = _ => 5 };
        var metric = new Option<string>("--metric") { Description = "Held-out score: loss, error (1 − accuracy) or rmse.", DefaultValueFactory = _ => "loss" }.AcceptOnlyFromAmong("loss", "error", "rmse");
        flags.AddTo(command);
        command.Options.Add(folds);
        command.Options.Add(metric);
        command.SetAction(parsed =>
        {
            var request = new SweepRequest(parsed, flags, parsed.GetValue(folds), parsed.GetValue(metric)!);
            return flags.Training.IsDouble(parsed) ? Run<double>(console, request) : Run<float>(console, request);
        });
        return command;
    }

    private sealed record SweepRequest(ParseResult Parsed, SearchFlags Flags, int Folds, string Metric);

    private static int Run<T>(CliConsole console, SweepRequest r) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SelectionMetric metric = r.Metric switch
        {
            "error" => SelectionMetric.Error,
            "rmse" => SelectionMetric.Rmse,
            "loss" => SelectionMetric.Loss,
            _ => throw new CliException($"--metric must be loss, error or rmse (got '{r.Metric}')."),
        };
        var setup = r.Flags.Setup<T>(r.Parsed, metric);
        foreach (string note in setup.Labeled.Notes) console.Out.WriteLine(note);
        r.Flags.CheckOutput(r.Parsed, $"sweep-{setup.Penalty}.svg");
        if (r.Folds is 1 or < 0 || r.Folds > setup.Data.Count)
            throw new CliException($"--cv must be 0 (hold-out) or between 2 and the number of rows {setup.Data.Count} (got {r.Folds}).");

        double[] lambdas, train, validation, standardError;
        int best, oneSe;
        string how;
        if (r.Folds >= 2)
        {
            CrossValidationResult cv = setup.Search.CrossValidate(setup.Data, setup.Grid, r.Folds);
            (lambdas, train, validation, standardError, best, oneSe) = (cv.Lambdas, cv.MeanTrain, cv.MeanValidation, cv.StandardError, cv.BestIndex, cv.OneStandardErrorIndex);
            how = $"{r.Folds}-fold cross-validation";
        }
        else
        {
            double fraction = r.Flags.Training.ReadValidFraction(r.Parsed);
            if (fraction == 0) throw new CliException("--cv 0 needs a hold-out split: --valid-fraction must be positive.");
            var (trainRows, validRows) = setup.Labeled.Task == TaskKind.Classification
                ? Folds.StratifiedHoldout(setup.Labeled.Labels, fraction, (ulong)r.Parsed.GetValue(r.Flags.Training.Seed))
                : Folds.Holdout(setup.Data.Count, fraction, (ulong)r.Parsed.GetValue(r.Flags.Training.Seed));
            ValidationCurveResult curve = setup.Search.ValidationCurve(setup.Data.Subset(trainRows), setup.Data.Subset(validRows), setup.Grid);
            (lambdas, train, validation) = (curve.Lambdas, curve.Train, curve.Validation);
            standardError = new double[lambdas.Length];
            (best, oneSe) = OneStandardErrorRule.Choose(lambdas, validation, standardError, SweptPenalty.SmallerIsStronger(setup.Penalty));
            how = $"hold-out validation ({validRows.Length} rows)";
        }

        // Regression trained on scaled targets: the scores in the target's units (SearchSetup.SquaredFactor).
        double factor = setup.Loss == LossKind.MeanSquaredError && r.Metric == "loss" ? setup.SquaredFactor : r.Metric == "rmse" ? setup.RmseFactor : 1;
        foreach (double[] column in new[] { train, validation, standardError })
            for (int i = 0; i < column.Length; i++) column[i] *= factor;
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("λ").RightAligned())
            .AddColumn(new TableColumn($"train {r.Metric}").RightAligned()).AddColumn(new TableColumn($"validation {r.Metric}").RightAligned())
            .AddColumn(new TableColumn("± SE").RightAligned()).AddColumn("");
        for (int i = 0; i < lambdas.Length; i++)
            table.AddRow(G(lambdas[i]), G(train[i]), G(validation[i]), r.Folds >= 2 ? G(standardError[i]) : "-",
                i == best && i == oneSe ? "best, 1-SE" : i == best ? "best" : i == oneSe ? "1-SE" : "");
        console.Out.WriteLine($"{how} of {setup.Penalty} λ on {setup.Data.Count} rows, score: {r.Metric}{setup.UnitsNote}");
        console.Ansi.Write(table);
        console.Out.WriteLine($"best λ = {G(lambdas[best])}; one-standard-error λ = {G(lambdas[oneSe])} ({SweptPenalty.OneSeRule(setup.Penalty)}).");

        string path = PlotFiles.Write(r.Flags.OutputFolder(r.Parsed), $"sweep-{setup.Penalty}.svg", Plot(setup.Penalty, r.Metric, how, lambdas, train, validation, standardError, best, oneSe, r.Parsed.GetValue(r.Flags.LogY)).ToSvg());
        console.Out.WriteLine($"validation curve: {path}" + (Array.IndexOf(lambdas, 0.0) >= 0 ? " (λ = 0 as a dotted reference line)" : ""));
        return ExitCodes.Ok;
    }

    private static LinePlot Plot(string penalty, string metric, string how, double[] lambdas, double[] train, double[] validation, double[] se, int best, int oneSe, bool logY)
    {
        var low = new double[lambdas.Length];
        var high = new double[lambdas.Length];
        for (int i = 0; i < lambdas.Length; i++) (low[i], high[i]) = (validation[i] - se[i], validation[i] + se[i]);
        List<double>[] p = SearchFlags.OnLogAxis(lambdas, train, validation, low, high);
        List<double> x = p[0], t = p[1], v = p[2];
        if (logY)
            for (int i = 0; i < low.Length; i++) low[i] = low[i] > 0 ? low[i] : double.NaN; // a band below 0 has no place on a log axis
        var plot = new LinePlot($"{penalty} validation curve ({how})", $"λ ({penalty})", metric) { LogX = true, LogY = logY };
        plot.AddBand("validation ± SE", x, p[3], p[4], colorIndex: 1);
        plot.AddSeries("train", x, t, dashed: true, colorIndex: 0);
        plot.AddSeries("validation", x, v, colorIndex: 1);
        if (lambdas[best] > 0) plot.AddVerticalMarker(lambdas[best], oneSe == best ? "best λ = 1-SE λ" : "best λ");
        if (lambdas[oneSe] > 0 && oneSe != best) plot.AddVerticalMarker(lambdas[oneSe], "1-SE λ");
        // λ = 0 has no place on a log λ axis: its validation score is a reference line instead.
        int zero = Array.IndexOf(lambdas, 0.0);
        if (zero >= 0 && double.IsFinite(validation[zero]) && (!logY || validation[zero] > 0))
            plot.AddHorizontalMarker(validation[zero], $"λ = 0: validation {G(validation[zero])}" + (zero == best ? " (best)" : zero == oneSe ? " (1-SE)" : ""));
        return plot;
    }

    private static string G(double v) => double.IsNaN(v) ? "-" : v.ToString("G4", CultureInfo.InvariantCulture);
}

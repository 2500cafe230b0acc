using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using FastReg.Cli.Data;
using FastReg.Cli.Modeling;
using FastReg.Cli.Output;
using FastReg.Plotting;
using FastReg.Nn;
using FastReg.Nn.Selection;
using Spectre.Console;

namespace FastReg.Cli.Commands;

/// <summary>
/// <c>fastreg sweep</c>: k-fold cross-validation (or one hold-out split) over a λ grid, with the preprocessing
/// fitted inside each fold; the best λ, the one-standard-error λ, a table (or --json) and an SVG validation
/// curve; with --save, the model refitted on every row at the λ --choose picks, for fastreg predict.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("sweep", "Choose λ: k-fold cross-validation (or a hold-out validation curve) over a grid, with the best and one-standard-error λ and an SVG curve; --save refits on every row at the chosen λ.");
        var flags = new SearchFlags();
        var folds = new Option<int>("--cv") { Description = "Folds of cross-validation; 0 = one hold-out split of --valid-fraction.", DefaultValueFactory = _ => 5 };
        var metric = new Option<string>("--metric") { Description = "Held-out score: loss, error (1 − accuracy) or rmse.", DefaultValueFactory = _ => "loss" }.AcceptOnlyFromAmong("loss", "error", "rmse");
        var save = new Option<string?>("--save") { Description = "Refit on every row at the chosen λ and write the model to this safetensors file (as train --save; fastreg predict reads it)." };
        var choose = new Option<string>("--choose") { Description = "The λ --save refits at: 1se (the most regularized within one standard error of the best, as train's auto λ and glmnet's lambda.1se) or best (the lowest held-out score, as scikit-learn's GridSearchCV).", DefaultValueFactory = _ => "1se" }
            .AcceptOnlyFromAmong("1se", "best");
        flags.AddTo(command);
        command.Options.Add(folds);
        command.Options.Add(metric);
        command.Options.Add(save);
        command.Options.Add(choose);
        command.SetAction(parsed =>
        {
            var request = new SweepRequest(parsed, flags, parsed.GetValue(folds), parsed.GetValue(metric)!, parsed.GetValue(save), parsed.GetValue(choose)!);
            return flags.Training.IsDouble(parsed) ? Run<double>(console, request) : Run<float>(console, request);
        });
        return command;
    }

    private sealed record SweepRequest(ParseResult Parsed, SearchFlags Flags, int Folds, string Metric, string? Save, string Choose);

    /// <summary>What either search gives: scores per λ in the target's units and the two choices.</summary>
    private sealed record Scores(double[] Lambdas, double[] Train, double[] Validation, double[] StandardError, double[][]? FoldScores, int Best, int OneSe, string How)
    {
        /// <summary>The hold-out split's validation rows; null for cross-validation.</summary>
        public int? HeldOutRows { get; init; }
    }

    private static int Run<T>(CliConsole console, SweepRequest r) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SelectionMetric metric = r.Metric switch
        {
            "error" => SelectionMetric.Error,
            "rmse" => SelectionMetric.Rmse,
            "loss" => SelectionMetric.Loss,
            _ => throw new CliException($"--metric must be loss, error or rmse (got '{r.Metric}')."),
        };
        bool oneSe = r.Choose switch
        {
            "1se" => true,
            "best" => false,
            _ => throw new CliException($"--choose must be 1se or best (got '{r.Choose}')."),
        };
        bool json = r.Parsed.GetValue(r.Flags.Json);
        OutputPaths.Check(r.Flags.Data.Read(r.Parsed).InputPaths(), [("--save", r.Save)]);
        ProgressLine? progress = null;
        var setup = r.Flags.Setup<T>(r.Parsed, metric, (done, total) => progress?.Report(done, total));
        if (!json) foreach (string note in setup.Labeled.Notes) console.Out.WriteLine(note);
        string plotName = $"sweep-{setup.Penalty}.svg";
        r.Flags.CheckOutput(r.Parsed, plotName, ("--save", r.Save));
        if (r.Folds is 1 or < 0 || r.Folds > setup.Rows)
            throw new CliException($"--cv must be 0 (hold-out) or between 2 and the number of rows {setup.Rows} (got {r.Folds}).");
        double fraction = r.Folds >= 2 ? 0 : r.Flags.Training.ReadValidFraction(r.Parsed);
        if (r.Folds == 0 && fraction == 0) throw new CliException("--cv 0 needs a hold-out split: --valid-fraction must be positive.");

        Scores scores;
        Sequential<T>? refitted = null;
        using (progress = ProgressLine.Start(console, $"sweep {setup.Penalty}"))
        {
            scores = r.Folds >= 2 ? CrossValidate(setup, r.Folds, r.Metric) : HoldOut(setup, r, fraction);
            if (r.Save is not null)
            {
                double at = scores.Lambdas[oneSe ? scores.OneSe : scores.Best];
                progress?.Show(string.Create(CultureInfo.InvariantCulture, $"refitting on all {setup.Rows} rows at λ = {G(at)}"));
                refitted = setup.Search.Fit(setup.All.Train, at);
            }
        }
        int chosen = oneSe ? scores.OneSe : scores.Best;
        if (refitted is not null) setup.All.Model(refitted).Save(r.Save!);

        string path = PlotFiles.Write(r.Flags.OutputFolder(r.Parsed), plotName,
            Plot(setup.Penalty, r.Metric, scores.How, scores.Lambdas, scores.Train, scores.Validation, scores.StandardError, scores.Best, scores.OneSe, r.Parsed.GetValue(r.Flags.LogY)).ToSvg());
        string? saved = r.Save is null ? null : Path.GetFullPath(r.Save);
        if (json)
        {
            bool cv = r.Folds >= 2;
            var summary = new SweepSummary(setup.Penalty, cv ? "cross-validation" : "hold-out", cv ? r.Folds : null, setup.Rows,
                scores.HeldOutRows, r.Metric, setup.UnitsNote.Length > 0,
                scores.Lambdas, SweepSummary.Finite(scores.Train), SweepSummary.Finite(scores.Validation), cv ? SweepSummary.Finite(scores.StandardError) : null,
                scores.FoldScores is { } f ? Array.ConvertAll(f, SweepSummary.Finite) : null,
                scores.Best, scores.Lambdas[scores.Best], scores.OneSe, scores.Lambdas[scores.OneSe], SweptPenalty.OneSeRule(setup.Penalty), r.Choose,
                scores.Lambdas[chosen], saved, path, setup.Labeled.Notes);
            console.Out.WriteLine(JsonSerializer.Serialize(summary, SearchJson.Default.SweepSummary));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("λ").RightAligned())
            .AddColumn(new TableColumn($"train {r.Metric}").RightAligned()).AddColumn(new TableColumn($"validation {r.Metric}").RightAligned())
            .AddColumn(new TableColumn("± SE").RightAligned()).AddColumn("");
        for (int i = 0; i < scores.Lambdas.Length; i++)
            table.AddRow(G(scores.Lambdas[i]), G(scores.Train[i]), G(scores.Validation[i]), r.Folds >= 2 ? G(scores.StandardError[i]) : "-",
                i == scores.Best && i == scores.OneSe ? "best, 1-SE" : i == scores.Best ? "best" : i == scores.OneSe ? "1-SE" : "");
        console.WriteWrapped($"{scores.How} of {setup.Penalty} λ on {setup.Rows} rows, score: {r.Metric}{setup.UnitsNote}");
        console.Ansi.Write(table);
        console.WriteWrapped($"best λ = {G(scores.Lambdas[scores.Best])}; one-standard-error λ = {G(scores.Lambdas[scores.OneSe])} ({SweptPenalty.OneSeRule(setup.Penalty)}).");
        console.WriteWrapped($"validation curve: {path}" + (Array.IndexOf(scores.Lambdas, 0.0) >= 0 ? " (λ = 0 as a dotted reference line)" : ""));
        if (saved is not null)
        {
            // Two lines, each wrapped at the console's width: the path and the λ, then how it was chosen.
            console.WriteWrapped($"model: {saved}, refitted on all {setup.Rows} rows at the {(oneSe ? "one-standard-error" : "best")} λ = {G(scores.Lambdas[chosen])}");
            console.WriteWrapped(oneSe ? "(--choose 1se; --choose best for the lowest held-out score, as GridSearchCV)." : "(--choose best; --choose 1se for the most regularized within one SE).");
        }
        return ExitCodes.Ok;
    }

    /// <summary>k folds, each preprocessed by its own training rows (LambdaSearch's fold preparation); scores already in the target's units.</summary>
    private static Scores CrossValidate<T>(SearchSetup<T> setup, int k, string metric) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CrossValidationResult cv = setup.Search.CrossValidate(setup.Fold, setup.Rows, setup.Grid, k, setup.StratifyBy);
        return new Scores(cv.Lambdas, cv.MeanTrain, cv.MeanValidation, cv.StandardError, cv.FoldScores, cv.BestIndex, cv.OneStandardErrorIndex, $"{k}-fold cross-validation");
    }

    /// <summary>One split, preprocessed by its training rows; the scores converted to the target's units by that split's scaler.</summary>
    private static Scores HoldOut<T>(SearchSetup<T> setup, SweepRequest r, double fraction) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ulong seed = (ulong)r.Parsed.GetValue(r.Flags.Training.Seed);
        var (trainRows, validRows) = setup.Labeled.Task == TaskKind.Classification
            ? Folds.StratifiedHoldout(setup.Labeled.Labels, fraction, seed)
            : Folds.Holdout(setup.Rows, fraction, seed);
        PreparedData<T> split = setup.Prepare(trainRows, validRows);
        ValidationCurveResult curve = setup.Search.ValidationCurve(split.Train, split.Validation!, setup.Grid);
        double factor = r.Metric == "loss" ? setup.LossFactor(split.TargetScaler)
            : r.Metric == "rmse" ? SearchSetup<T>.RmseFactor(split.TargetScaler) : 1;
        double[] train = Array.ConvertAll(curve.Train, v => v * factor), validation = Array.ConvertAll(curve.Validation, v => v * factor);
        var standardError = new double[curve.Lambdas.Length];
        var (best, oneSe) = OneStandardErrorRule.Choose(curve.Lambdas, validation, standardError, SweptPenalty.SmallerIsStronger(setup.Penalty));
        return new Scores(curve.Lambdas, train, validation, standardError, null, best, oneSe, $"hold-out validation ({validRows.Length} rows)") { HeldOutRows = validRows.Length };
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

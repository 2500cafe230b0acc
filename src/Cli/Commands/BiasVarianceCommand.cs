using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using FastReg.Cli.Data;
using FastReg.Cli.Modeling;
using FastReg.Cli.Output;
using FastReg.Plotting;
using FastReg.Nn.Selection;
using Spectre.Console;

namespace FastReg.Cli.Commands;

/// <summary>
/// <c>fastreg bias-variance</c>: bootstrap bias-variance decomposition of the held-out loss across a
/// λ grid (squared error with a noise estimate for regression, 0-1 loss for classes), table and SVG.
/// </summary>
internal static class BiasVarianceCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("bias-variance", "Bias-variance decomposition across a λ grid: bootstrap rounds on the training rows, predictions on held-out rows.");
        var flags = new SearchFlags();
        var rounds = new Option<int>("--rounds") { Description = "Bootstrap rounds per λ.", DefaultValueFactory = _ => 20 };
        var testFraction = new Option<double>("--test-fraction") { Description = "Fraction of rows held out to measure the decomposition on.", DefaultValueFactory = _ => 0.3 };
        flags.AddTo(command);
        command.Options.Add(rounds);
        command.Options.Add(testFraction);
        command.SetAction(parsed =>
        {
            var request = new Request(parsed, flags, parsed.GetValue(rounds), parsed.GetValue(testFraction));
            return flags.Training.IsDouble(parsed) ? Run<double>(console, request) : Run<float>(console, request);
        });
        return command;
    }

    private sealed record Request(ParseResult Parsed, SearchFlags Flags, int Rounds, double TestFraction);

    private static int Run<T>(CliConsole console, Request r) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (r.Rounds < 2 || r.Rounds > 1000) throw new CliException($"--rounds must lie in [2, 1000] (got {r.Rounds}).");
        if (!(r.TestFraction > 0 && r.TestFraction < 1)) throw new CliException($"--test-fraction must lie in (0, 1) (got {r.TestFraction.ToString(CultureInfo.InvariantCulture)}).");
        bool json = r.Parsed.GetValue(r.Flags.Json);
        ProgressLine? progress = null;
        var setup = r.Flags.Setup<T>(r.Parsed, metric: null, (done, total) => progress?.Report(done, total));
        if (!json) foreach (string note in setup.Labeled.Notes) console.Out.WriteLine(note);
        string plotName = $"bias-variance-{setup.Penalty}.svg";
        r.Flags.CheckOutput(r.Parsed, plotName);
        int seed = r.Parsed.GetValue(r.Flags.Training.Seed);
        var (trainRows, testRows) = setup.Labeled.Task == TaskKind.Classification
            ? Folds.StratifiedHoldout(setup.Labeled.Labels, r.TestFraction, (ulong)seed)
            : Folds.Holdout(setup.Rows, r.TestFraction, (ulong)seed);
        // The preprocessing is fitted on the training rows the bootstrap samples come from, never on the held-out rows.
        PreparedData<T> split = setup.Prepare(trainRows, testRows);
        BiasVarianceResult result;
        using (progress = ProgressLine.Start(console, $"bias-variance {setup.Penalty}"))
            result = setup.Search.BiasVariance(split.Train, split.Validation!, setup.Grid, r.Rounds);

        bool squared = result.SquaredError is not null;
        double u = SearchSetup<T>.SquaredFactor(split.TargetScaler); // in the target's units when it was scaled for training
        int n = result.Lambdas.Length;
        var loss = new double[n];
        var bias = new double[n];
        var variance = new double[n];
        var noise = new double[n];
        var biasWithoutNoise = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (squared)
            {
                SquaredErrorDecomposition d = result.SquaredError![i];
                (loss[i], bias[i], variance[i], noise[i], biasWithoutNoise[i]) = (u * d.ExpectedLoss, u * d.BiasSquared, u * d.Variance, u * d.Noise, u * d.BiasSquaredWithoutNoise);
            }
            else
            {
                ZeroOneDecomposition d = result.ZeroOne![i];
                (loss[i], bias[i], variance[i], noise[i], biasWithoutNoise[i]) = (d.ExpectedLoss, d.Bias, d.Variance, double.NaN, double.NaN);
            }
        }
        string path = PlotFiles.Write(r.Flags.OutputFolder(r.Parsed), plotName, Plot(setup.Penalty, squared, result.Lambdas, loss, bias, variance, noise, r.Parsed.GetValue(r.Flags.LogY)).ToSvg());
        int zero = Array.IndexOf(result.Lambdas, 0.0);

        if (json)
        {
            var summary = new BiasVarianceSummary(setup.Penalty, r.Rounds, trainRows.Length, testRows.Length, squared ? "squared-error" : "zero-one",
                squared && setup.UnitsNote.Length > 0, result.Lambdas, SweepSummary.Finite(loss),
                squared ? SweepSummary.Finite(bias) : null, squared ? SweepSummary.Finite(biasWithoutNoise) : null, squared ? SweepSummary.Finite(noise) : null,
                squared ? null : SweepSummary.Finite(bias), SweepSummary.Finite(variance), path, setup.Labeled.Notes);
            console.Out.WriteLine(JsonSerializer.Serialize(summary, SearchJson.Default.BiasVarianceSummary));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("λ").RightAligned());
        string[] columns = squared ? ["expected MSE", "bias²", "variance", "noise", "bias² − noise"] : ["expected 0-1 loss", "bias", "variance"];
        foreach (string c in columns) table.AddColumn(new TableColumn(c).RightAligned());
        for (int i = 0; i < n; i++)
        {
            if (squared) table.AddRow(G(result.Lambdas[i]), G(loss[i]), G(bias[i]), G(variance[i]), G(noise[i]), G(biasWithoutNoise[i]));
            else table.AddRow(G(result.Lambdas[i]), G(loss[i]), G(bias[i]), G(variance[i]));
        }
        console.WriteWrapped($"{r.Rounds} bootstrap rounds per {setup.Penalty} λ on {trainRows.Length} training rows, measured on {testRows.Length} held-out rows " +
            (squared ? "(squared error; noise from nearest neighbours)" + setup.UnitsNote : "(0-1 loss, Domingos)"));
        console.Ansi.Write(table);
        console.WriteWrapped($"plot: {path}" + (zero >= 0 ? " (λ = 0 as a dotted reference line)" : ""));
        return ExitCodes.Ok;
    }

    private static LinePlot Plot(string penalty, bool squared, double[] lambdas, double[] loss, double[] bias, double[] variance, double[] noise, bool logY)
    {
        var plot = new LinePlot($"bias-variance across {penalty} λ", $"λ ({penalty})", squared ? "squared error" : "0-1 loss") { LogX = true, LogY = logY };
        int zero = Array.IndexOf(lambdas, 0.0);
        double zeroLoss = zero >= 0 ? loss[zero] : double.NaN;
        double[][] series = [(double[])loss.Clone(), (double[])bias.Clone(), (double[])variance.Clone(), (double[])noise.Clone()];
        if (logY) // zeros (no variance, no noise) have no place on a log axis: gaps
            foreach (double[] s in series)
                for (int i = 0; i < s.Length; i++) s[i] = s[i] > 0 ? s[i] : double.NaN;
        List<double>[] points = SearchFlags.OnLogAxis(lambdas, series);
        plot.AddSeries(squared ? "expected MSE" : "expected loss", points[0], points[1], colorIndex: 0);
        plot.AddSeries(squared ? "bias² (noise included)" : "bias", points[0], points[2], colorIndex: 1);
        plot.AddSeries("variance", points[0], points[3], colorIndex: 2);
        // Regression: the noise term (irreducible error, estimated from nearest neighbours) under the curves.
        if (squared) plot.AddSeries("noise", points[0], points[4], dashed: true, colorIndex: 6);
        if (zero >= 0 && double.IsFinite(zeroLoss) && (!logY || zeroLoss > 0))
            plot.AddHorizontalMarker(zeroLoss, $"λ = 0: {(squared ? "expected MSE" : "expected loss")} {G(zeroLoss)}");
        return plot;
    }

    private static string G(double v) => double.IsNaN(v) ? "-" : v.ToString("G4", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using System.Numerics;
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
        var setup = r.Flags.Setup<T>(r.Parsed, metric: null);
        foreach (string note in setup.Labeled.Notes) console.Out.WriteLine(note);
        r.Flags.CheckOutput(r.Parsed, $"bias-variance-{setup.Penalty}.svg");
        int seed = r.Parsed.GetValue(r.Flags.Training.Seed);
        var (trainRows, testRows) = setup.Labeled.Task == TaskKind.Classification
            ? Folds.StratifiedHoldout(setup.Labeled.Labels, r.TestFraction, (ulong)seed)
            : Folds.Holdout(setup.Data.Count, r.TestFraction, (ulong)seed);
        BiasVarianceResult result = setup.Search.BiasVariance(setup.Data.Subset(trainRows), setup.Data.Subset(testRows), setup.Grid, r.Rounds);

        bool squared = result.SquaredError is not null;
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("λ").RightAligned());
        string[] columns = squared ? ["expected MSE", "bias²", "variance", "noise", "bias² − noise"] : ["expected 0-1 loss", "bias", "variance"];
        foreach (string c in columns) table.AddColumn(new TableColumn(c).RightAligned());
        var loss = new double[result.Lambdas.Length];
        var bias = new double[loss.Length];
        var variance = new double[loss.Length];
        for (int i = 0; i < loss.Length; i++)
        {
            if (squared)
            {
                SquaredErrorDecomposition d = result.SquaredError![i];
                double u = setup.SquaredFactor; // in the target's units when it was scaled for training
                (loss[i], bias[i], variance[i]) = (u * d.ExpectedLoss, u * d.BiasSquared, u * d.Variance);
                table.AddRow(G(result.Lambdas[i]), G(u * d.ExpectedLoss), G(u * d.BiasSquared), G(u * d.Variance), G(u * d.Noise), G(u * d.BiasSquaredWithoutNoise));
            }
            else
            {
                ZeroOneDecomposition d = result.ZeroOne![i];
                (loss[i], bias[i], variance[i]) = (d.ExpectedLoss, d.Bias, d.Variance);
                table.AddRow(G(result.Lambdas[i]), G(d.ExpectedLoss), G(d.Bias), G(d.Variance));
            }
        }
        console.Out.WriteLine($"{r.Rounds} bootstrap rounds per {setup.Penalty} λ on {trainRows.Length} training rows, measured on {testRows.Length} held-out rows " +
            (squared ? "(squared error; noise from nearest neighbours)" + setup.UnitsNote : "(0-1 loss, Domingos)"));
        console.Ansi.Write(table);

        bool logY = r.Parsed.GetValue(r.Flags.LogY);
        var plot = new LinePlot($"bias-variance across {setup.Penalty} λ", $"λ ({setup.Penalty})", squared ? "squared error" : "0-1 loss") { LogX = true, LogY = logY };
        var noise = new double[result.Lambdas.Length];
        for (int i = 0; i < noise.Length; i++) noise[i] = squared ? result.SquaredError![i].Noise : double.NaN;
        if (logY) // zeros (no variance, no noise) have no place on a log axis: gaps
            foreach (double[] s in (double[][])[loss, bias, variance, noise])
                for (int i = 0; i < s.Length; i++) s[i] = s[i] > 0 ? s[i] : double.NaN;
        List<double>[] points = SearchFlags.OnLogAxis(result.Lambdas, loss, bias, variance, noise);
        plot.AddSeries(squared ? "expected MSE" : "expected loss", points[0], points[1], colorIndex: 0);
        plot.AddSeries(squared ? "bias² (noise included)" : "bias", points[0], points[2], colorIndex: 1);
        plot.AddSeries("variance", points[0], points[3], colorIndex: 2);
        // Regression: the noise term (irreducible error, estimated from nearest neighbours) under the curves.
        if (squared) plot.AddSeries("noise", points[0], points[4], dashed: true, colorIndex: 6);
        int zero = Array.IndexOf(result.Lambdas, 0.0);
        if (zero >= 0 && double.IsFinite(loss[zero]))
            plot.AddHorizontalMarker(loss[zero], $"λ = 0: {(squared ? "expected MSE" : "expected loss")} {G(loss[zero])}");
        string path = PlotFiles.Write(r.Flags.OutputFolder(r.Parsed), $"bias-variance-{setup.Penalty}.svg", plot.ToSvg());
        console.Out.WriteLine($"plot: {path}" + (zero >= 0 ? " (λ = 0 as a dotted reference line)" : ""));
        return ExitCodes.Ok;
    }

    private static string G(double v) => double.IsNaN(v) ? "-" : v.ToString("G4", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FastReg.Cli.Data;
using FastReg.Cli.Jobs;
using FastReg.Cli.Output;
using FastReg.Plotting;
using FastReg.Nn.Training;
using Spectre.Console;

namespace FastReg.Cli.Commands;

/// <summary>
/// <c>fastreg</c> with no command: the regularizer comparison on the shipped digits, a table on
/// stdout and SVG loss curves in the output folder.
/// </summary>
internal static class MainJobCommand
{
    public static void Configure(RootCommand root, CliConsole console)
    {
        var trainSize = new Option<int>("--train-size") { Description = "Training rows taken from the digits (small, so that overfitting shows).", DefaultValueFactory = _ => 300 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per model.", DefaultValueFactory = _ => 150 };
        var batch = new Option<int>("--batch-size") { Description = "Mini-batch size.", DefaultValueFactory = _ => 32 };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, shuffling, dropout and augmentation.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Folder for the SVG plots.", DefaultValueFactory = _ => "fastreg-output" };
        var threads = new Option<int>("--threads") { Description = "Models trained at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        foreach (Option o in new Option[] { trainSize, epochs, batch, seed, output, threads }) root.Options.Add(o);

        root.SetAction(parsed =>
        {
            var settings = new ComparisonSettings(parsed.GetValue(trainSize), parsed.GetValue(epochs), parsed.GetValue(batch),
                parsed.GetValue(seed), parsed.GetValue(threads));
            return Run(console, settings, parsed.GetValue(output)!);
        });
    }

    public static int Run(CliConsole console, ComparisonSettings settings, string outputFolder)
    {
        if (settings.Epochs < 1) throw new CliException($"--epochs must be at least 1 (got {settings.Epochs}).");
        if (settings.BatchSize < 1) throw new CliException($"--batch-size must be at least 1 (got {settings.BatchSize}).");
        if (settings.Threads < 1) throw new CliException($"--threads must be at least 1 (got {settings.Threads}).");
        if (settings.Epochs > 1_000_000) throw new CliException($"--epochs must lie in [1, 1000000] (got {settings.Epochs}).");
        long start = Stopwatch.GetTimestamp();
        ShippedDigits data = ShippedDigits.Load(settings.TrainRows);
        IReadOnlyList<RegularizerCase> cases = RegularizerCatalog.All(settings.Seed);
        // A batch beyond the training rows is the full batch, and more threads than models are idle: clamp both
        // rather than allocate a workspace for two billion rows or start threads with nothing to do.
        settings = settings with { BatchSize = Math.Min(settings.BatchSize, data.Train.Count), Threads = Math.Min(settings.Threads, cases.Count) };
        string folder = Path.GetFullPath(outputFolder);
        OutputPaths.CheckFolder("--out", folder, PlotNames(cases), []);
        console.WriteWrapped($"Digits 8x8: {data.Train.Count} training, {data.Validation.Count} validation, {data.Test.Count} test rows; " +
            $"MLP 64-{RegularizerCatalog.Hidden1}-{RegularizerCatalog.Hidden2}-10 (ReLU), Adam lr 1e-3, batch {settings.BatchSize}, " +
            $"{settings.Epochs} epochs, seed {settings.Seed}; {cases.Count} models, {settings.Threads} at a time.");

        // The L0 arm again at each λ of a grid, for the plot of units closed against λ.
        IReadOnlyList<RegularizerCase> gateSweep = RegularizerCatalog.GateSweep();
        CaseResult[] all = Train(console, data, settings, [.. cases, .. gateSweep], shown: cases.Count);
        CaseResult[] results = all[..cases.Count];
        ResultTable.Write(console, results);

        WritePlots(folder, results);
        if (all.Length > cases.Count) PlotFiles.Write(folder, "l0-units.svg", GatePlot(all[cases.Count..]).ToSvg());
        foreach (CaseResult r in results)
            if (r.GatedUnits > 0)
                console.WriteWrapped(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Case.Name}: {r.ClosedUnits} of {r.GatedUnits} hidden units closed ({(double)r.ClosedUnits / r.GatedUnits:P0}), removed by pruning."));
        CaseResult best = results.MaxBy(r => r.TestAccuracy)!;
        console.WriteWrapped(string.Create(CultureInfo.InvariantCulture,
            $"Best test accuracy: {best.TestAccuracy:P1} ({best.Case.Name}); no regularization: {results[0].TestAccuracy:P1}."));
        console.WriteWrapped($"Loss curves: {Path.Combine(folder, "loss-curves.svg")} (all models) and one SVG per model in {folder}");
        console.WriteWrapped($"L0 gates against λ: {Path.Combine(folder, "l0-units.svg")} ({string.Join(", ", all[cases.Count..].Select(r => $"{r.Case.Setting}: {r.ClosedUnits}"))} units closed)");
        console.WriteWrapped(string.Create(CultureInfo.InvariantCulture, $"Total time {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s."));
        return ExitCodes.Ok;
    }

    /// <summary>Trains every case; the first <paramref name="shown"/> get a progress bar each, the rest (the λ sweep) share one.</summary>
    private static CaseResult[] Train(CliConsole console, ShippedDigits data, ComparisonSettings settings, IReadOnlyList<RegularizerCase> cases, int shown)
    {
        if (!console.Interactive)
            return RegularizerComparison.Run(data, settings, cases);

        CaseResult[]? results = null;
        console.Ansi.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = new ProgressTask[shown + 1];
                for (int i = 0; i < shown; i++) tasks[i] = ctx.AddTask(Markup.Escape(cases[i].Name), maxValue: settings.Epochs);
                tasks[shown] = ctx.AddTask("L0 λ sweep", maxValue: Math.Max(1, (cases.Count - shown) * settings.Epochs));
                var sweepEpochs = new int[cases.Count];
                results = RegularizerComparison.Run(data, settings, cases, (i, m) =>
                {
                    if (i < shown) tasks[i].Value = m.Epoch + 1;
                    else
                    {
                        sweepEpochs[i] = m.Epoch + 1; // each index is written by its own worker only
                        tasks[shown].Value = sweepEpochs.Sum();
                    }
                }, (i, r) =>
                {
                    if (i >= shown) return;
                    // An arm that stopped early is done: show it full, with the epoch it stopped at.
                    if (r.EpochsRun < settings.Epochs) tasks[i].Description = Markup.Escape($"{cases[i].Name} (stopped at {r.EpochsRun})");
                    tasks[i].Value = tasks[i].MaxValue;
                });
                tasks[shown].Value = tasks[shown].MaxValue; // sweep arms that stopped early end short of their last epoch
            });
        return results!;
    }

    private static string PlotName(RegularizerCase c) => $"loss-{PlotFiles.Slug(c.Name)}.svg";

    private static string[] PlotNames(IReadOnlyList<RegularizerCase> cases)
    {
        var names = new string[cases.Count + 2];
        for (int i = 0; i < cases.Count; i++) names[i] = PlotName(cases[i]);
        names[^2] = "loss-curves.svg";
        names[^1] = "l0-units.svg";
        return names;
    }

    /// <summary>Hidden units closed and validation accuracy (both in %) against the gates' λ.</summary>
    private static LinePlot GatePlot(CaseResult[] sweep)
    {
        var plot = new LinePlot($"L0 gates: hidden units closed against λ ({sweep[0].GatedUnits} units, m = batch)", "λ (hard-concrete L0)", "%") { LogX = true };
        double[] lambdas = [.. RegularizerCatalog.GateLambdas];
        plot.AddSeries("hidden units closed", lambdas, [.. sweep.Select(r => 100.0 * r.ClosedUnits / Math.Max(1, r.GatedUnits))], colorIndex: 0);
        plot.AddSeries("weights removed", lambdas, [.. sweep.Select(r => 100.0 * r.Sparsity)], dashed: true, colorIndex: 0);
        plot.AddSeries("validation accuracy", lambdas, [.. sweep.Select(r => 100.0 * r.ValidationAccuracy)], colorIndex: 1);
        return plot;
    }

    private static void WritePlots(string folder, CaseResult[] results)
    {
        var plots = new List<LinePlot>(results.Length);
        for (int i = 0; i < results.Length; i++)
        {
            CaseResult r = results[i];
            string title = $"{r.Case.Name} ({r.Case.Setting})";
            LinePlot plot = PlotFiles.LossCurves(title, r.Training, i, logY: true);
            PlotFiles.Write(folder, PlotName(r.Case), plot.ToSvg());
            plots.Add(plot);
        }
        PlotFiles.Write(folder, "loss-curves.svg", PlotGrid.ToSvg(plots, columns: 3));
    }
}

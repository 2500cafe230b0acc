using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using FastReg.Cli.Data;
using FastReg.Cli.Modeling;
using FastReg.Cli.Output;
using FastReg.IO;
using FastReg.Nn;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;
using Spectre.Console;

namespace FastReg.Cli.Commands;

/// <summary><c>fastreg train</c>: one network on the user's CSV or .npy data, every library option as a flag.</summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("train", "Train a network on a CSV file (header row) or .npy features and targets.");
        var data = new DataFlags();
        var network = new NetworkFlags();
        var training = new TrainingFlags();
        var init = new Option<string?>("--init") { Description = "Start from the weights in this safetensors file (e.g. saved by PyTorch)." };
        var save = new Option<string?>("--save") { Description = "Write the trained weights to this safetensors file (torch.nn.Sequential state_dict layout)." };
        var json = new Option<bool>("--json") { Description = "Print a machine-readable JSON summary instead of the table." };
        var plot = new Option<string?>("--plot") { Description = "Write train and validation loss per epoch to this SVG file." };
        var verbose = new Option<bool>("--verbose") { Description = "Print every epoch with its metrics (default: about ten lines)." };
        var log = new Option<string?>("--log") { Description = "Write every epoch (loss, accuracy or RMSE, lr, ‖W‖, sparsity, time) to this .csv or .jsonl file." };
        var autoFolds = new Option<int>("--auto-folds") { Description = "Folds of the cross-validation that --l2/--l1/--elastic-net auto run on the training rows.", DefaultValueFactory = _ => 5 };
        var autoLambdas = new Option<string>("--auto-lambdas") { Description = "λ grid of the auto penalty: a list or a log grid FROM:TO:COUNT.", DefaultValueFactory = _ => "1e-3:10:9" };
        var test = new Option<string?>("--test") { Description = "A held-out CSV with the training file's columns: the final model is scored on it once (a test column in the table, \"test\" in --json); never used to fit or choose." };
        var confusion = new Option<bool>("--confusion-matrix") { Description = "Print the confusion matrix of the validation rows and the --test rows (of the training rows when there are neither); classification only." };
        data.AddTo(command);
        network.AddTo(command);
        training.AddTo(command);
        foreach (Option o in new Option[] { init, save, json, plot, verbose, log, autoFolds, autoLambdas, test, confusion }) command.Options.Add(o);

        command.SetAction(parsed =>
        {
            var request = new TrainRequest(data.Read(parsed), network, training, parsed,
                parsed.GetValue(init), parsed.GetValue(save), parsed.GetValue(json), parsed.GetValue(plot))
            {
                AutoFolds = parsed.GetValue(autoFolds), AutoLambdas = parsed.GetValue(autoLambdas)!,
                Verbose = parsed.GetValue(verbose), Log = parsed.GetValue(log),
                Test = parsed.GetValue(test), ConfusionMatrix = parsed.GetValue(confusion),
            };
            return training.IsDouble(parsed) ? Run<double>(console, request) : Run<float>(console, request);
        });
        return command;
    }

    internal sealed record TrainRequest(DataSource Data, NetworkFlags Network, TrainingFlags Training, ParseResult Parsed,
        string? Init, string? Save, bool Json, string? Plot)
    {
        public int AutoFolds { get; init; } = 5;
        public string AutoLambdas { get; init; } = "1e-3:10:9";
        public bool Verbose { get; init; }
        public string? Log { get; init; }
        public string? Test { get; init; }
        public bool ConfusionMatrix { get; init; }
    }

    private static int Run<T>(CliConsole console, TrainRequest request) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParseResult parsed = request.Parsed;
        OutputPaths.Check([.. request.Data.InputPaths(), ("--init", request.Init), ("--test", request.Test)], [("--save", request.Save), ("--plot", request.Plot), ("--log", request.Log)]);
        if (request.ConfusionMatrix && request.Json)
            throw new CliException("--confusion-matrix would be ignored: it prints a table and --json prints none (with --test, \"test\" in the JSON holds the test rows' matrix).");
        if (request.Log is not null) EpochLog.CheckName(request.Log);
        NetworkConfig config = request.Network.Read(parsed);
        LabeledData labeled = DataLoader.Load(request.Data.WithTaskImpliedBy(parsed.GetValue(request.Network.Loss)!));
        if (!request.Json) foreach (string note in labeled.Notes) console.Out.WriteLine(note);
        if (request.ConfusionMatrix && labeled.Task != TaskKind.Classification)
            throw new CliException("--confusion-matrix would be ignored: it counts classes, and this task is regression.");
        LossKind loss = request.Network.ReadLoss(parsed, labeled.Task == TaskKind.Classification, labeled.Classes?.Length ?? 0);
        int seed = parsed.GetValue(request.Training.Seed);
        var data = PreparedData<T>.Create(labeled, request.Training.ReadValidFraction(parsed), request.Training.ReadStandardize(parsed), seed, loss);
        TestSet? test = TestSet.Load(request.Test, request.Data, data);
        if (LinearTraining.Applies(request, config)) return LinearTraining.Run(console, request, config, labeled, data, loss, seed, test);
        config = config.WithTrainingRows(data.Train.Count);
        int batch = parsed.GetValue(request.Training.BatchSize);
        int maxBatch = batch == 0 ? data.Train.Count : Math.Clamp(batch, 1, data.Train.Count);
        double? chosen = config.AutoPenalty is { } auto ? ChooseLambda(console, config, auto, data, loss, maxBatch, seed, request) : null;
        Sequential<T> model = chosen is { } lambda
            ? SweptPenalty.BuildAt<T>(config.AutoPenalty!, config, c => c.Build<T>(data.Train.Features, data.Outputs, loss, maxBatch, (ulong)seed))(lambda)
            : config.Build<T>(data.Train.Features, data.Outputs, loss, maxBatch, (ulong)seed);
        if (request.Init is not null) ModelFile.LoadInto(SafeTensors.Read(request.Init), request.Init, model);

        if (!request.Json)
            console.WriteWrapped(string.Create(CultureInfo.InvariantCulture,
                $"{labeled.Task.ToString().ToLowerInvariant()}: {data.Train.Count} training rows, {data.Validation?.Count ?? 0} validation rows, " +
                $"{data.Train.Features} features, {data.Outputs} outputs; layers {string.Join(" ", NetworkConfig.LayerNames(model.Layers))}; " +
                $"{model.ParameterCount} parameters, {(typeof(T) == typeof(float) ? "f32" : "f64")}."));

        TrainedModel<T> trained = data.Model(model);
        // Regression on scaled targets: losses and RMSE in the targets' units from here on (TargetUnits).
        TrainingResult result = TargetUnits.Convert(Fit(console, model, data, request, quiet: request.Json), data, trained);
        string? warning = result.ConvergenceWarning;
        if (warning is not null) console.Error.WriteLine(warning);

        if (request.Save is not null) trained.Save(request.Save);
        if (request.Log is not null) EpochLog.Write(request.Log, Records(result));
        if (request.Plot is not null)
            AtomicFile.WriteAllText(request.Plot, PlotFiles.LossCurves("training", result, yLabel: LossCatalog.Title(loss)).ToSvg());

        EvaluationResult? testScores = test?.Score(console, trained);
        if (request.Json)
            console.Out.WriteLine(JsonSerializer.Serialize(Summary(result, model, labeled) with { Warning = warning, Test = TestDocument(testScores) }, CliJson.Default.TrainSummary));
        else
            WriteTable(console, result, model, trained, data, testScores, request);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// --l2/--l1/--elastic-net auto: k-fold cross-validation over the grid on the training rows (never the
    /// validation rows), each fold preprocessed with its own training rows' statistics (<see cref="PreparedData{T}.Fold"/>),
    /// the table, and the one-standard-error λ (the most regularized within one SE of the best), as cv.glmnet's lambda.1se.
    /// </summary>
    private static double ChooseLambda<T>(CliConsole console, NetworkConfig config, string penalty, PreparedData<T> data,
        LossKind loss, int maxBatch, int seed, TrainRequest request) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] grid = SweptPenalty.ParseGrid(request.AutoLambdas);
        int k = request.AutoFolds;
        Dataset<T> rows = data.Train;
        if (k < 2 || k > rows.Count) throw new CliException($"--auto-folds must lie in [2, {rows.Count}] (the training rows) (got {k}).");
        // Each fold trains as the final model will, without early stopping (a fold has no validation split of its own).
        TrainingOptions<T> options = request.Training.Read<T>(request.Parsed, null, null, forSearch: true) with { EvaluateEachEpoch = false };
        int foldBatch = Math.Min(maxBatch, rows.Count);
        int outputs = data.Outputs;
        // A fold's input width is its own training rows' (one-hot columns are fitted inside the fold).
        var search = new LambdaSearch<T>(
            (lambda, fold) => SweptPenalty.BuildAt<T>(penalty, config, c => c.Build<T>(fold.Features, outputs, loss, foldBatch, (ulong)seed))(lambda), options)
        {
            SmallerIsStronger = SweptPenalty.SmallerIsStronger(penalty),
        };
        CrossValidationResult cv = search.CrossValidate(data.Fold, rows.Count, grid, k, data.StratifyBy);
        if (!request.Json) WriteCrossValidation(console, penalty, $"{k}-fold cross-validation on the {rows.Count} training rows", cv, data.TargetScaler);
        return cv.Lambdas[cv.OneStandardErrorIndex];
    }

    /// <summary>The table of an auto λ's cross-validation and the chosen one-standard-error λ (gradient training and the linear solver alike).</summary>
    /// <remarks>One scaled target: the folds' losses are in its units (each fold's σ); several: in each fold's scaled units, said so.</remarks>
    internal static void WriteCrossValidation(CliConsole console, string penalty, string what, CrossValidationResult cv, Nn.Preprocessing.TargetScaler? scaler)
    {
        int chosen = cv.OneStandardErrorIndex;
        console.WriteWrapped($"--{penalty} auto: {what}, score: held-out loss{(TargetUnits.EpochsScaled(scaler) ? " (scaled targets)" : "")}");
        // A FittedTable: no row wraps at the console's width (the marks column goes first when even short headers are too wide).
        var table = new FittedTable(new FittedColumn("λ"), new FittedColumn("train loss", "train"), new FittedColumn("CV loss", "CV"),
            new FittedColumn("± SE", "SE"), new FittedColumn("", Numeric: false, Keep: 0));
        for (int i = 0; i < cv.Lambdas.Length; i++)
            table.AddRow(G(cv.Lambdas[i]), G(cv.MeanTrain[i]), G(cv.MeanValidation[i]), G(cv.StandardError[i]),
                i == cv.BestIndex && i == chosen ? "best, 1-SE" : i == cv.BestIndex ? "best" : i == chosen ? "1-SE" : "");
        table.Write(console.Ansi);
        console.WriteWrapped($"chosen --{penalty} {G(cv.Lambdas[chosen])} ({SweptPenalty.OneSeRule(penalty)}; best {G(cv.BestLambda)}); refitting on the training rows.");
    }

    private static string G(double v) => double.IsNaN(v) ? "-" : v.ToString("G4", CultureInfo.InvariantCulture);

    private static TrainingResult Fit<T>(CliConsole console, Sequential<T> model, PreparedData<T> data, TrainRequest request, bool quiet)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int epochs = request.Parsed.GetValue(request.Training.Epochs);
        Func<EpochMetrics, EpochMetrics> units = TargetUnits.PerEpoch(data.TargetScaler);
        string scaled = TargetUnits.EpochsScaled(data.TargetScaler) ? " (scaled targets)" : "";
        if (quiet || !console.Interactive || request.Verbose)
        {
            int every = request.Verbose ? 1 : Math.Max(1, epochs / 10);
            Action<EpochMetrics>? log = quiet ? null : m =>
            {
                if ((m.Epoch + 1) % every == 0 || m.Epoch == 0)
                    console.Out.WriteLine((request.Verbose ? EpochRecord.From(units(m)).ToLine(epochs) : EpochLine(units(m))) + scaled);
            };
            var trainer = new Trainer<T>(model, request.Training.Read(request.Parsed, data.Validation, log));
            return trainer.Fit(data.Train, data.Validation);
        }

        TrainingResult? result = null;
        console.Ansi.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask("training", maxValue: epochs);
                var trainer = new Trainer<T>(model, request.Training.Read<T>(request.Parsed, data.Validation, m =>
                {
                    task.Value = m.Epoch + 1;
                    task.Description = Markup.Escape(EpochLine(units(m)) + scaled);
                }));
                result = trainer.Fit(data.Train, data.Validation);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static string EpochLine(EpochMetrics m)
    {
        string line = string.Create(CultureInfo.InvariantCulture, $"epoch {m.Epoch + 1}: loss {m.TrainLoss:G4}");
        return double.IsNaN(m.ValidationLoss) ? line : line + string.Create(CultureInfo.InvariantCulture, $", val_loss {m.ValidationLoss:G4}");
    }


    /// <summary>"test" in --json: the metrics document of the --test rows, or null without --test.</summary>
    internal static MetricsDocument? TestDocument(EvaluationResult? test) => test is null ? null : MetricsDocument.From(test);

    /// <summary>
    /// The table of the final model (train, validation and --test columns, <see cref="MetricsTable"/>) and, with
    /// --confusion-matrix, the confusion matrices; the gradient and solver paths share it.
    /// </summary>
    internal static void WriteScores<T>(CliConsole console, TrainRequest request, TrainedModel<T> trained, PreparedData<T> data,
        double trainLoss, double validationLoss, EvaluationResult? test) where T : unmanaged, IFloatingPointIeee754<T>
    {
        EvaluationResult train = Scoring.OfRows(trained, data.Train, "the training rows");
        EvaluationResult? validation = data.Validation is null ? null : Scoring.OfRows(trained, data.Validation, "the validation rows");
        var splits = new List<SplitScores> { new("train", trainLoss, train), new("validation", validationLoss, validation) };
        if (test is not null) splits.Add(new SplitScores("test", test.Loss, test));
        bool classification = trained.IsClassifier;
        MetricsTable.Write(console, classification, splits);
        if (test is not null && test.Skipped > 0)
            console.WriteWrapped(string.Create(CultureInfo.InvariantCulture, $"test: {test.Rows:N0} rows of {request.Test} scored; {test.Skipped:N0} without a target left out."));
        if (!request.ConfusionMatrix) return;
        EvaluationResult[] shown = validation is null && test is null ? [train] : [.. new[] { validation, test }.OfType<EvaluationResult>()];
        foreach (EvaluationResult e in shown)
            EvaluationText.WriteConfusion(console, e.Classification!, $"confusion matrix of {(ReferenceEquals(e, test) ? $"the test rows ({request.Test})" : e.What)}");
    }

    private static void WriteTable<T>(CliConsole console, TrainingResult result, Sequential<T> model, TrainedModel<T> trained, PreparedData<T> data,
        EvaluationResult? test, TrainRequest request) where T : unmanaged, IFloatingPointIeee754<T>
    {
        EpochMetrics m = result.Final;
        WriteScores(console, request, trained, data, m.TrainLoss, m.ValidationLoss, test);
        string weights = result.Averaged is null ? $"weights from epoch {result.BestEpoch + 1}" : "averaged weights";
        console.WriteWrapped(string.Create(CultureInfo.InvariantCulture,
            $"epochs run {result.History.Count}{(result.StoppedEarly ? " (stopped early)" : "")}, {weights}; " +
            $"‖W‖ {m.WeightNorm:G4}, zero weights {m.ZeroFraction:P1} (closed units included), time {TotalSeconds(result):F2} s."));
        var (closed, gated) = ModelStatistics.Gates(model);
        if (gated > 0)
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"L0 gates: {closed} of {gated} hidden units closed ({(double)closed / gated:P0})."));
        if (request.Save is not null) console.Out.WriteLine($"weights: {Path.GetFullPath(request.Save)}");
        if (request.Plot is not null) console.Out.WriteLine($"loss curves: {Path.GetFullPath(request.Plot)}");
    }

    private static double TotalSeconds(TrainingResult result)
    {
        double seconds = 0;
        foreach (EpochMetrics e in result.History) seconds += e.Elapsed.TotalSeconds;
        return seconds;
    }

    private static TrainSummary Summary<T>(TrainingResult result, Sequential<T> model, LabeledData data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        EpochMetrics m = result.Final;
        return new TrainSummary(
            data.Task.ToString().ToLowerInvariant(), model.ParameterCount, result.History.Count, result.BestEpoch + 1, result.StoppedEarly,
            Num(m.TrainLoss), Num(m.ValidationLoss), Num(m.TrainAccuracy), Num(m.ValidationAccuracy), Num(m.TrainRmse), Num(m.ValidationRmse),
            m.WeightNorm, m.ZeroFraction, TotalSeconds(result), [.. result.History.Select(e => Num(e.TrainLoss))], [.. result.History.Select(e => Num(e.ValidationLoss))])
        {
            Epochs = Records(result),
        };
    }

    private static EpochRecord[] Records(TrainingResult result)
    {
        var records = new EpochRecord[result.History.Count];
        for (int i = 0; i < records.Length; i++) records[i] = EpochRecord.From(result.History[i]);
        return records;
    }

    /// <summary>JSON has no NaN: metrics that do not apply are null.</summary>
    private static double? Num(double v) => double.IsFinite(v) ? v : null;

}

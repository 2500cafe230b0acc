using System.CommandLine;
using System.Globalization;
using System.Numerics;
using FastReg.Nn.Training;

namespace FastReg.Cli.Modeling;

/// <summary>The flags of a training run: epochs, batches, validation split, early stopping, scaling, seed, precision.</summary>
internal sealed class TrainingFlags
{
    public Option<int> Epochs { get; } = new("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 100 };
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Mini-batch size; 0 = full batch.", DefaultValueFactory = _ => 32 };
    public Option<bool> NoShuffle { get; } = new("--no-shuffle") { Description = "Keep the row order in every epoch." };
    public Option<double> ValidFraction { get; } = new("--valid-fraction") { Description = "Fraction of rows held out for validation (stratified for classes); 0 = none.", DefaultValueFactory = _ => 0.2 };
    public Option<bool> EarlyStopping { get; } = new("--early-stopping") { Description = "Stop when the monitored metric stops improving (Keras semantics)." };
    public Option<string> Monitor { get; } = new("--monitor") { Description = "Metric early stopping watches: val_loss, val_accuracy, loss, ...", DefaultValueFactory = _ => "val_loss" };
    public Option<int> Patience { get; } = new("--patience") { Description = "Epochs without improvement before stopping.", DefaultValueFactory = _ => 10 };
    public Option<double> MinDelta { get; } = new("--min-delta") { Description = "Smallest change that counts as an improvement." };
    public Option<bool> RestoreBest { get; } = new("--restore-best") { Description = "End with the best epoch's weights (Keras restore_best_weights)." };
    public Option<bool> NoStandardize { get; } = new("--no-standardize") { Description = "Train on the features (and regression targets) as they are; by default each is scaled to mean 0, std 1 on the training rows and the scaling stored in the weights file." };
    public Option<bool> Standardize { get; } = new("--standardize") { Description = "The default now (kept so older commands run); refused with --no-standardize." };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of initialisation, split, shuffling and dropout.", DefaultValueFactory = _ => 0 };
    public Option<string> MonitorMode { get; } = new Option<string>("--monitor-mode") { Description = "Whether the monitored metric should fall (min) or rise (max); auto decides from its name (Keras).", DefaultValueFactory = _ => "auto" }.AcceptOnlyFromAmong("auto", "min", "max");
    public Option<double?> Ema { get; } = new("--ema") { Description = "Keep an exponential moving average of the weights with this decay (e.g. 0.999), updated every step; evaluate and save it." };
    public Option<int?> SwaStart { get; } = new("--swa-start") { Description = "Stochastic weight averaging: average the weights at the end of this epoch (1-based) and every later one; evaluate and save the average." };
    public Option<double> Mixup { get; } = new("--mixup") { Description = "Mixup with mixing weights from Beta(α, α), α this value (Zhang et al. 2018); 0 = off." };
    public Option<string> Solver { get; } = new Option<string>("--solver") { Description = "How weights are fitted: auto (L-BFGS / OWL-QN to convergence for --hidden none, gradient training for networks), lbfgs, or gradient (epochs of --optimizer).", DefaultValueFactory = _ => "auto" }.AcceptOnlyFromAmong("auto", "lbfgs", "gradient");
    public Option<int> MaxIter { get; } = new("--max-iter") { Description = "The L-BFGS solver's iteration cap (scikit-learn's max_iter).", DefaultValueFactory = _ => 1000 };
    public Option<double> Tol { get; } = new("--tol") { Description = "The L-BFGS solver stops when the objective's mean relative decrease over 5 iterations is below this (ML.NET's OptimizationTolerance).", DefaultValueFactory = _ => 1e-7 };
    public Option<string> DType { get; } = new Option<string>("--dtype") { Description = "Precision of the network: f32 or f64.", DefaultValueFactory = _ => "f32" }.AcceptOnlyFromAmong("f32", "f64");

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Epochs, BatchSize, NoShuffle, ValidFraction, EarlyStopping, Monitor, Patience, MinDelta, RestoreBest, NoStandardize, Standardize, Seed, DType, MonitorMode, Ema, SwaStart, Mixup, Solver, MaxIter, Tol })
            command.Options.Add(o);
    }

    /// <summary>Whether features (and mse regression targets) are standardized: yes unless --no-standardize.</summary>
    public bool ReadStandardize(ParseResult parsed)
    {
        bool off = parsed.GetValue(NoStandardize);
        if (off && parsed.GetValue(Standardize)) throw new CliException("--standardize and --no-standardize contradict each other; choose one (standardizing is the default).");
        return !off;
    }

    public bool IsDouble(ParseResult parsed) => parsed.GetValue(DType) == "f64";

    /// <summary>Checked values; the validation set is given by the caller (it splits before scaling).</summary>
    /// <remarks><paramref name="forSearch"/>: for the folds of a λ search, which train without early stopping.</remarks>
    public TrainingOptions<T> Read<T>(ParseResult parsed, Dataset<T>? validation, Action<EpochMetrics>? observer, bool forSearch = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int epochs = parsed.GetValue(Epochs), batch = parsed.GetValue(BatchSize), patience = parsed.GetValue(Patience);
        if (epochs < 1 || epochs > 1_000_000) throw new CliException($"--epochs must lie in [1, 1000000] (got {epochs}).");
        if (batch < 0) throw new CliException($"--batch-size must be 0 (full batch) or positive (got {batch}).");
        if (patience < 0) throw new CliException($"--patience must be non-negative (got {patience}).");
        double minDelta = parsed.GetValue(MinDelta);
        if (!(minDelta >= 0)) throw new CliException($"--min-delta must be non-negative (got {minDelta.ToString(CultureInfo.InvariantCulture)}).");
        EarlyStopping? stopping = null;
        if (parsed.GetValue(EarlyStopping) && !forSearch)
        {
            string monitor = parsed.GetValue(Monitor)!;
            if (monitor.StartsWith("val_", StringComparison.Ordinal) && validation is null)
                throw new CliException($"--early-stopping monitors {monitor} but there is no validation set (--valid-fraction is 0).");
            try
            {
                Nn.Training.MonitorMode mode = parsed.GetValue(MonitorMode) switch
                {
                    "min" => Nn.Training.MonitorMode.Min,
                    "max" => Nn.Training.MonitorMode.Max,
                    "auto" => Nn.Training.MonitorMode.Auto,
                    var other => throw new CliException($"--monitor-mode must be auto, min or max (got '{other}')."),
                };
                stopping = new EarlyStopping(monitor, minDelta, patience, mode, restoreBestWeights: parsed.GetValue(RestoreBest));
                new EpochMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, TimeSpan.Zero).Get(monitor); // an unknown metric is refused now, not after the first epoch
            }
            catch (ArgumentException e)
            {
                throw new CliException($"--monitor: {e.Message}");
            }
        }
        double? ema = parsed.GetValue(Ema);
        if (ema is { } d && !(d >= 0 && d < 1)) throw new CliException($"--ema must lie in [0, 1) (got {d.ToString(CultureInfo.InvariantCulture)}).");
        int? swa = parsed.GetValue(SwaStart);
        if (swa is { } s && (s < 1 || s > epochs)) throw new CliException($"--swa-start must be an epoch in [1, {epochs}] (got {s}).");
        if (ema is not null && swa is not null) throw new CliException("--ema and --swa-start are two weight averages; choose one.");
        if ((ema is not null || swa is not null) && stopping is { RestoreBestWeights: true })
            throw new CliException("--restore-best and weight averaging (--ema, --swa-start) both choose the final weights; choose one.");
        double mixup = parsed.GetValue(Mixup);
        if (!(mixup >= 0 && double.IsFinite(mixup))) throw new CliException($"--mixup must be a non-negative number (got {mixup.ToString(CultureInfo.InvariantCulture)}).");
        return new TrainingOptions<T>
        {
            EmaDecay = ema,
            SwaStart = swa - 1,
            MixupAlpha = mixup,
            Epochs = epochs,
            BatchSize = batch,
            Shuffle = !parsed.GetValue(NoShuffle),
            Seed = (ulong)parsed.GetValue(Seed),
            Validation = validation,
            EarlyStopping = stopping,
            Observer = observer,
        };
    }

    /// <summary>The validation fraction, checked.</summary>
    public double ReadValidFraction(ParseResult parsed)
    {
        double f = parsed.GetValue(ValidFraction);
        return f >= 0 && f < 1 ? f : throw new CliException($"--valid-fraction must lie in [0, 1) (got {f.ToString(CultureInfo.InvariantCulture)}).");
    }
}

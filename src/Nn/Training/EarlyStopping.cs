namespace FastReg.Nn.Training;

/// <summary>Whether a monitored quantity should go down (a loss) or up (an accuracy).</summary>
public enum MonitorMode
{
    /// <summary>Keras's "auto": min for losses and error metrics, max for accuracy and AUC; any other name must say.</summary>
    Auto,

    /// <summary>Lower is better.</summary>
    Min,

    /// <summary>Higher is better.</summary>
    Max,
}

/// <summary>What <see cref="EarlyStopping.OnEpochEnd"/> asks the training loop to do.</summary>
public enum EarlyStoppingAction
{
    /// <summary>Keep training.</summary>
    Continue,

    /// <summary>Stop training.</summary>
    Stop,
}

/// <summary>
/// Early stopping with Keras's options, defaults and decisions (keras.callbacks.EarlyStopping):
/// monitor, min_delta, patience, mode, baseline, restore_best_weights, start_from_epoch.
/// The training loop calls <see cref="OnEpochEnd"/> with the monitored value and snapshots the
/// weights whenever <see cref="IsNewBest"/>; when training ends (stopped early or out of epochs)
/// it restores that snapshot if <see cref="ShouldRestoreAtEnd"/>, as Keras 3's on_train_end does.
/// A NaN value counts as "no improvement", as in Keras.
/// </summary>
public sealed class EarlyStopping
{
    private readonly double _signedMinDelta;
    private readonly bool _maximize;
    private int _wait;

    /// <summary>Creates the rule. Defaults are Keras's.</summary>
    /// <param name="monitor">Metric name, e.g. "val_loss" (default), "val_accuracy", "loss".</param>
    /// <param name="minDelta">Smallest change that counts as an improvement (absolute value is used).</param>
    /// <param name="patience">Epochs without improvement before stopping.</param>
    /// <param name="mode">Min, Max, or Auto from the monitor's name.</param>
    /// <param name="baseline">If set, training stops unless the metric beats it within <paramref name="patience"/> epochs.</param>
    /// <param name="restoreBestWeights">Restore the best epoch's weights when stopping.</param>
    /// <param name="startFromEpoch">Epochs (0-based) ignored before monitoring starts, a warm-up.</param>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0,
        MonitorMode mode = MonitorMode.Auto, double? baseline = null, bool restoreBestWeights = false,
        int startFromEpoch = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(startFromEpoch);
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "mode must be Auto, Min or Max.");
        if (double.IsNaN(minDelta) || double.IsInfinity(minDelta))
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "min_delta must be finite.");
        if (baseline is double b && double.IsNaN(b))
            throw new ArgumentOutOfRangeException(nameof(baseline), b, "baseline must not be NaN.");

        Monitor = monitor;
        MinDelta = Math.Abs(minDelta);
        Patience = patience;
        Mode = mode == MonitorMode.Auto ? AutoMode(monitor) : mode;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
        _maximize = Mode == MonitorMode.Max;
        _signedMinDelta = _maximize ? MinDelta : -MinDelta;
        Reset();
    }

    /// <summary>The monitored metric's name.</summary>
    public string Monitor { get; }

    /// <summary>Minimum improvement, as an absolute value.</summary>
    public double MinDelta { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Resolved mode (never Auto).</summary>
    public MonitorMode Mode { get; }

    /// <summary>Value the metric must beat, if any.</summary>
    public double? Baseline { get; }

    /// <summary>Whether the best weights are restored on stopping.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>First epoch (0-based) that is monitored.</summary>
    public int StartFromEpoch { get; }

    /// <summary>Best value seen so far (±∞ before the first monitored epoch).</summary>
    public double Best { get; private set; }

    /// <summary>Epoch (0-based) of <see cref="Best"/>, or -1 if none.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Epoch at which training was stopped (0-based), or -1.</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>True right after an <see cref="OnEpochEnd"/> call that set a new best: snapshot the weights now.</summary>
    public bool IsNewBest { get; private set; }

    /// <summary>Clears the state so the same rule can watch another training run.</summary>
    public void Reset()
    {
        _wait = 0;
        Best = _maximize ? double.NegativeInfinity : double.PositiveInfinity;
        BestEpoch = -1;
        StoppedEpoch = -1;
        IsNewBest = false;
    }

    /// <summary>Feeds the monitored value at the end of <paramref name="epoch"/> (0-based) and says whether to stop.</summary>
    public EarlyStoppingAction OnEpochEnd(int epoch, double current)
    {
        IsNewBest = false;
        if (epoch < StartFromEpoch) return EarlyStoppingAction.Continue;

        // Keras snapshots the first monitored epoch even when it is no improvement (e.g. NaN).
        if (BestEpoch < 0)
        {
            BestEpoch = epoch;
            IsNewBest = true;
        }

        _wait++;
        if (IsImprovement(current, Best))
        {
            Best = current;
            BestEpoch = epoch;
            IsNewBest = true;
            // Keras restarts patience only when the baseline is beaten too, and never stops on an improving epoch.
            if (Baseline is not double baseline || IsImprovement(current, baseline)) _wait = 0;
            return EarlyStoppingAction.Continue;
        }

        // Keras never stops on the very first epoch (epoch > 0).
        if (_wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            return EarlyStoppingAction.Stop;
        }
        return EarlyStoppingAction.Continue;
    }

    /// <summary>Whether the loop should put back the weights snapshotted at <see cref="BestEpoch"/> when training ends.</summary>
    public bool ShouldRestoreAtEnd => RestoreBestWeights && BestEpoch >= 0;

    private bool IsImprovement(double value, double reference) =>
        _maximize ? value - _signedMinDelta > reference : value - _signedMinDelta < reference;

    private static MonitorMode AutoMode(string monitor)
    {
        string m = monitor.ToLowerInvariant();
        if (m.StartsWith("val_", StringComparison.Ordinal)) m = m[4..];
        if (m.EndsWith("loss", StringComparison.Ordinal) || m.EndsWith("objective", StringComparison.Ordinal) || m is "mse" or "rmse" or "mae" or "error" or "penalty")
            return MonitorMode.Min;
        if (m.Contains("acc", StringComparison.Ordinal) || m.Contains("auc", StringComparison.Ordinal))
            return MonitorMode.Max;
        // Not a name the trainer reports and nothing in it says which way is better: most likely a typo.
        throw new ArgumentException(
            $"Unknown metric '{monitor}' to monitor; the trainer's metrics are {EpochMetrics.NameList} (for a metric of your own, pass mode Min or Max).", nameof(monitor));
    }
}

using FastReg.Nn.Training;

namespace FastReg.Tests.Nn.Training;

public class EarlyStoppingTests
{
    /// <summary>Feeds a sequence and returns the epoch at which it stopped (or -1) and the best epoch.</summary>
    private static (int Stopped, int Best) Run(EarlyStopping es, params double[] values)
    {
        for (int epoch = 0; epoch < values.Length; epoch++)
            if (es.OnEpochEnd(epoch, values[epoch]) == EarlyStoppingAction.Stop) return (epoch, es.BestEpoch);
        return (-1, es.BestEpoch);
    }

    [Fact]
    public void Defaults_are_keras_defaults()
    {
        var es = new EarlyStopping();
        Assert.Equal("val_loss", es.Monitor);
        Assert.Equal(0, es.MinDelta);
        Assert.Equal(0, es.Patience);
        Assert.Equal(MonitorMode.Min, es.Mode);
        Assert.Null(es.Baseline);
        Assert.False(es.RestoreBestWeights);
        Assert.Equal(0, es.StartFromEpoch);
    }

    [Fact]
    public void Stops_after_patience_epochs_without_improvement_and_reports_best_epoch()
    {
        // Improves until epoch 3 (0.5), then stalls: with patience 2 it stops at epoch 5.
        var es = new EarlyStopping(patience: 2, restoreBestWeights: true);
        var (stopped, best) = Run(es, 1.0, 0.8, 0.6, 0.5, 0.55, 0.52, 0.4, 0.3);
        Assert.Equal(5, stopped);
        Assert.Equal(3, best);
        Assert.Equal(0.5, es.Best);
        Assert.True(es.ShouldRestoreAtEnd);
    }

    [Fact]
    public void Patience_zero_stops_at_the_first_non_improving_epoch_but_never_at_epoch_zero()
    {
        Assert.Equal((2, 1), Run(new EarlyStopping(), 1.0, 0.9, 0.95));
        Assert.Equal((-1, 0), Run(new EarlyStopping(), double.NaN)); // epoch 0 never stops
    }

    [Fact]
    public void Min_delta_requires_an_improvement_larger_than_delta()
    {
        // 0.995 and 0.992 are within min_delta 0.01 of 1.0: not improvements, so patience 2 runs out at epoch 2.
        var (stopped, best) = Run(new EarlyStopping(minDelta: 0.01, patience: 2), 1.0, 0.995, 0.992, 0.5);
        Assert.Equal(2, stopped);
        Assert.Equal(0, best);
    }

    [Fact]
    public void Max_mode_is_inferred_for_accuracy_and_min_delta_applies_upward()
    {
        var es = new EarlyStopping(monitor: "val_accuracy", minDelta: 0.05, patience: 2);
        Assert.Equal(MonitorMode.Max, es.Mode);
        Assert.Equal((2, 0), Run(es, 0.5, 0.53, 0.54, 0.9));
    }

    [Fact]
    public void Unknown_metric_in_auto_mode_asks_for_a_mode() =>
        Assert.Throws<ArgumentException>(() => new EarlyStopping(monitor: "val_widgets"));

    [Fact]
    public void Baseline_not_beaten_stops_after_patience_even_while_improving_on_best()
    {
        // Improvements that stay above the baseline 0.5 do not restart patience; the epoch that
        // improves is never the one that stops (Keras returns early), the next non-improving one is.
        var es = new EarlyStopping(patience: 2, baseline: 0.5);
        Assert.Equal((2, 1), Run(es, 0.9, 0.8, 0.85, 0.84));
        var beats = new EarlyStopping(patience: 2, baseline: 0.5);
        Assert.Equal(-1, Run(beats, 0.9, 0.4, 0.45).Stopped);
    }

    [Fact]
    public void Start_from_epoch_ignores_warm_up_epochs()
    {
        var es = new EarlyStopping(patience: 0, startFromEpoch: 3);
        // Epochs 0-2 would have stopped (0.9 > 0.5) but are ignored; epoch 3 is the first monitored.
        Assert.Equal((5, 4), Run(es, 0.5, 0.9, 0.95, 0.7, 0.6, 0.65));
    }

    [Fact]
    public void Nan_counts_as_no_improvement()
    {
        Assert.Equal((2, 0), Run(new EarlyStopping(patience: 2), 1.0, double.NaN, double.NaN));
        // Patience 1: one epoch without improvement is enough.
        Assert.Equal((1, 0), Run(new EarlyStopping(patience: 1), 1.0, double.NaN));
    }

    [Fact]
    public void Reset_allows_reuse()
    {
        var es = new EarlyStopping(patience: 0);
        Run(es, 1, 2);
        es.Reset();
        Assert.Equal(-1, es.StoppedEpoch);
        Assert.Equal((-1, 1), Run(es, 3, 2));
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_argument_named()
    {
        Assert.Equal("patience", Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience: -1)).ParamName);
        Assert.Equal("minDelta", Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(minDelta: double.NaN)).ParamName);
        Assert.Equal("startFromEpoch", Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(startFromEpoch: -2)).ParamName);
    }
}

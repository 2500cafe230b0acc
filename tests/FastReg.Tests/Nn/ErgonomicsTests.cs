using FastReg.Nn;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;

namespace FastReg.Tests.Nn;

/// <summary>Issue 15 item 6: mistakes a newcomer makes are refused where they are made, with a message naming them.</summary>
public sealed class ErgonomicsTests
{
    [Theory]
    [InlineData(-3)]
    [InlineData(0)]
    public void A_dense_layer_without_units_is_refused_at_construction(int units)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dense(units));
        Assert.Equal("Units", e.ParamName);
        Assert.Contains("at least one unit", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dense(4) with { Units = units });
        Assert.Equal(4, new Dense(4).Units);
    }

    [Fact]
    public void An_unknown_monitor_is_named_as_unknown_with_the_valid_names()
    {
        var e = Assert.Throws<ArgumentException>(() => new EarlyStopping(monitor: "val_los"));
        Assert.Contains("Unknown metric 'val_los'", e.Message, StringComparison.Ordinal);
        foreach (string name in EpochMetrics.Names) Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot tell", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_monitor_of_ones_own_with_a_mode_is_accepted_but_the_trainer_refuses_it_before_training()
    {
        var stopping = new EarlyStopping(monitor: "f1", mode: MonitorMode.Max); // for a loop of one's own
        Assert.Equal(MonitorMode.Max, stopping.Mode);
        var options = new TrainingOptions<float> { Epochs = 2, EarlyStopping = stopping };
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("'f1', an unknown metric", e.Message, StringComparison.Ordinal);
        Assert.Contains("val_accuracy", e.Message, StringComparison.Ordinal);
        foreach (string name in EpochMetrics.Names) new TrainingOptions<float> { EarlyStopping = new EarlyStopping(name, mode: MonitorMode.Min) }.Validate();
        new TrainingOptions<float> { EarlyStopping = new EarlyStopping("val_acc") }.Validate();
    }

    [Fact]
    public void Seeds_are_ulong_everywhere_and_int_sized_seeds_split_as_before()
    {
        ulong seed = 1UL << 40;
        var options = new TrainingOptions<float> { Seed = seed };
        var model = new Sequential<float>(2, 4, LossKind.MeanSquaredError, [new Dense(1)], seed);
        Assert.Equal(model.Seed, options.Seed);

        // A seed an int can hold shuffles exactly as the int seed of earlier versions did.
        int[] order = Enumerable.Range(0, 50).ToArray();
        new Random(7).Shuffle(order);
        (int[] train, int[] validation) = Folds.Holdout(50, 0.2, 7);
        Assert.Equal(order[..10].Order(), validation);
        Assert.Equal(order[10..].Order(), train);
        // Seeds beyond an int still differ from their low half.
        Assert.NotEqual(Folds.KFold(100, 5, true, 3), Folds.KFold(100, 5, true, 3 + (1UL << 32)));
    }
}

using System.Globalization;
using FastReg.Plotting;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.Plotting;

/// <summary>The nice-tick algorithm and tick label formatting behind the SVG plots.</summary>
public class SvgTickTests
{
    [Theory]
    [InlineData(0.0, 2.33, new[] { 0, 0.5, 1, 1.5, 2, 2.5 })]
    [InlineData(1.0, 60.0, new[] { 0.0, 10, 20, 30, 40, 50, 60 })]
    [InlineData(-0.3, 0.7, new[] { -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8 })]
    [InlineData(0.0001, 0.0006, new[] { 0.0001, 0.0002, 0.0003, 0.0004, 0.0005, 0.0006 })]
    public void Linear_ticks_are_1_2_5_multiples_covering_the_range(double min, double max, double[] expected)
    {
        var ticks = NiceTicks.Linear(min, max);

        Assert.Equal(expected, ticks.Major);
        Assert.Empty(ticks.Minor);
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(0.0)]
    [InlineData(-3e-7)]
    [InlineData(1e12)]
    public void A_constant_range_is_widened_to_several_ticks_around_the_value(double value)
    {
        var ticks = NiceTicks.Linear(value, value);

        Assert.InRange(ticks.Major.Length, 3, NiceTicks.DefaultMaxTicks);
        Assert.True(ticks.Min < value && value < ticks.Max);
    }

    [Fact]
    public void Linear_ticks_hold_for_random_ranges()
    {
        // Ranges from 1e-8 to 1e8 in size, anywhere from -1e8 to 1e8, including zero-width ones.
        var ranges =
            from mantissa in Gen.Choose(-1000, 1000)
            from exponent in Gen.Choose(-8, 6)
            from spanMantissa in Gen.Frequency((1, Gen.Constant(0)), (9, Gen.Choose(1, 1000)))
            from spanExponent in Gen.Choose(-8, 6)
            from maxTicks in Gen.Choose(5, 10)
            let min = mantissa * Math.Pow(10, exponent)
            select (Min: min, Max: min + spanMantissa * Math.Pow(10, spanExponent), MaxTicks: maxTicks);

        Prop.ForAll(Arb.From(ranges), r => LinearTicksAreNice(r.Min, r.Max, r.MaxTicks))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    private static bool LinearTicksAreNice(double min, double max, int maxTicks)
    {
        var ticks = NiceTicks.Linear(min, max, maxTicks);
        double[] t = ticks.Major;
        double largest = t.Max(Math.Abs);
        double tolerance = ticks.Step * 1e-9 + largest * 1e-15;

        bool countOk = t.Length >= 3 && t.Length <= maxTicks;
        bool covers = t[0] <= min && t[^1] >= max;
        bool increasingAndEven = t.Zip(t.Skip(1), (a, b) => b - a).All(d => d > 0 && Math.Abs(d - ticks.Step) <= tolerance);
        double mantissa = ticks.Step / Math.Pow(10, Math.Floor(Math.Log10(ticks.Step) + 1e-9));
        bool oneTwoFive = new[] { 1.0, 2.0, 5.0 }.Any(m => Math.Abs(mantissa - m) < 1e-9);
        // A tick far from 0 in units of the step (−868999999.9 with step 0.1) carries the rounding of its own
        // magnitude: allow a few ulps relative to v / step besides the absolute 1e-6.
        bool onGrid = t.All(v => Math.Abs(v / ticks.Step - Math.Round(v / ticks.Step)) < 1e-6 + Math.Abs(v / ticks.Step) * 1e-15);
        return countOk && covers && increasingAndEven && oneTwoFive && onGrid;
    }

    [Fact]
    public void Log_ticks_are_decades_with_minor_ticks_between()
    {
        var ticks = NiceTicks.Log(1.5e-6, 0.8);

        Assert.Equal(new[] { 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1 }, ticks.Major);
        Assert.Equal(6 * 8, ticks.Minor.Length);
        Assert.Contains(2e-6, ticks.Minor);
        Assert.Contains(0.9, ticks.Minor);
    }

    [Theory]
    [InlineData(0.2, 0.8, 0.1, 1.0)]
    [InlineData(1e-3, 1e-3, 1e-4, 1e-2)]
    [InlineData(3.0, 3.0, 1.0, 10.0)]
    public void A_range_inside_one_decade_still_spans_a_whole_decade(double min, double max, double first, double last)
    {
        var ticks = NiceTicks.Log(min, max);

        Assert.Equal(first, ticks.Min, 1e-15);
        Assert.Equal(last, ticks.Max, 1e-15);
    }

    [Fact]
    public void Many_decades_are_labelled_every_few_decades_without_minor_ticks()
    {
        var ticks = NiceTicks.Log(1e-20, 1e20, maxTicks: 10);

        Assert.Equal(5, ticks.Step);
        Assert.Equal(9, ticks.Major.Length);
        Assert.Empty(ticks.Minor);
    }

    [Fact]
    public void Log_ticks_hold_for_random_ranges()
    {
        var ranges =
            from lowExponent in Gen.Choose(-30, 30)
            from lowMantissa in Gen.Choose(1, 99)
            from decades in Gen.Choose(0, 40)
            from maxTicks in Gen.Choose(3, 10)
            let min = lowMantissa / 10.0 * Math.Pow(10, lowExponent)
            select (Min: min, Max: min * Math.Pow(10, decades) * 1.3, MaxTicks: maxTicks);

        Prop.ForAll(Arb.From(ranges), r =>
        {
            var ticks = NiceTicks.Log(r.Min, r.Max, r.MaxTicks);
            double[] logs = [.. ticks.Major.Select(Math.Log10)];
            bool decades = logs.All(l => Math.Abs(l - Math.Round(l)) < 1e-9);
            bool even = logs.Zip(logs.Skip(1), (a, b) => b - a).All(d => Math.Abs(d - ticks.Step) < 1e-9);
            // Decade boundaries are found through Log10, which may be an ulp off at exact powers of ten.
            bool covers = ticks.Min <= r.Min * (1 + 1e-12) && ticks.Max >= r.Max * (1 - 1e-12);
            bool minorsInside = ticks.Minor.All(m => m > ticks.Min && m < ticks.Max);
            return decades && even && covers && minorsInside && ticks.Major.Length >= 2 && ticks.Major.Length <= r.MaxTicks;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Log_ticks_reject_a_non_positive_range(double min)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Log(min, 10));
    }

    [Theory]
    [InlineData(0.0, 2.33, "0|0.5|1|1.5|2|2.5")]
    [InlineData(0.0, 0.14, "0|0.02|0.04|0.06|0.08|0.1|0.12|0.14")]
    [InlineData(0.0, 0.0006, "0|1e-4|2e-4|3e-4|4e-4|5e-4|6e-4")]
    [InlineData(0.0, 150000.0, "0|2e4|4e4|6e4|8e4|1e5|1.2e5|1.4e5|1.6e5")]
    [InlineData(-2.0, 3.0, "-2|-1|0|1|2|3")]
    public void Linear_labels_are_compact(double min, double max, string expected)
    {
        Assert.Equal(expected, string.Join('|', TickLabels.Format(NiceTicks.Linear(min, max), log: false)));
    }

    [Theory]
    [InlineData(1e-6, 1.0, "1e-6|1e-5|1e-4|1e-3|1e-2|1e-1|1e0")]
    [InlineData(0.01, 100.0, "0.01|0.1|1|10|100")]
    public void Log_labels_use_one_notation_per_axis(double min, double max, string expected)
    {
        Assert.Equal(expected, string.Join('|', TickLabels.Format(NiceTicks.Log(min, max), log: true)));
    }

    [Fact]
    public void Labels_ignore_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("0|0.5|1|1.5|2|2.5", string.Join('|', TickLabels.Format(NiceTicks.Linear(0, 2.33), log: false)));
            Assert.Equal("0.01|0.1|1", string.Join('|', TickLabels.Format(NiceTicks.Log(0.02, 0.9), log: true)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}

using System.Numerics;
using FastReg.Simd;
using FastReg.Tests.Support;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

/// <summary>
/// Dot, SumOfSquares, L1Norm, MaxAbs, CountNonZero and Norm on every path against
/// <see cref="ReductionsReference"/>, over lengths 0..300 and random larger ones, float and double.
/// Sums are held to Higham's bound from the length and the unit roundoff; max-abs and counts are exact.
/// </summary>
public class ReductionTests
{
    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Dot_matches_reference_on_every_length(SimdPath path) =>
        Generators.CheckLengths((n, seed) => DotOk<float>(n, seed, path) && DotOk<double>(n, seed, path));

    private static bool DotOk<T>(int n, int seed, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = Generators.Uniform<T>(n, seed), y = Generators.Uniform<T>(n, seed + 1, scale: 3);
        double exact = ReductionsReference.Dot<T>(x, y);
        double bound = 0;
        for (int i = 0; i < n; i++) bound += Math.Abs(double.CreateTruncating(x[i]) * double.CreateTruncating(y[i]));
        double got = double.CreateTruncating(Reductions.Dot<T>(x, y, path));
        return Math.Abs(got - exact) <= Tolerance.Summation<T>(n, bound);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void SumOfSquares_matches_reference_on_every_length(SimdPath path) =>
        Generators.CheckLengths((n, seed) => SumOfSquaresOk<float>(n, seed, path) && SumOfSquaresOk<double>(n, seed, path));

    private static bool SumOfSquaresOk<T>(int n, int seed, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = Generators.Uniform<T>(n, seed, scale: 10);
        double exact = ReductionsReference.SumOfSquares<T>(x); // all terms positive: Σ|terms| is the sum itself
        double got = double.CreateTruncating(Reductions.SumOfSquares<T>(x, path));
        return Math.Abs(got - exact) <= Tolerance.Summation<T>(n, exact);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void L1Norm_matches_reference_on_every_length(SimdPath path) =>
        Generators.CheckLengths((n, seed) => L1NormOk<float>(n, seed, path) && L1NormOk<double>(n, seed, path));

    private static bool L1NormOk<T>(int n, int seed, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = Generators.Uniform<T>(n, seed, scale: 5);
        double exact = ReductionsReference.L1Norm<T>(x);
        double got = double.CreateTruncating(Reductions.L1Norm<T>(x, path));
        return Math.Abs(got - exact) <= Tolerance.Summation<T>(n, exact);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Norm_matches_reference_on_every_length(SimdPath path) =>
        Generators.CheckLengths((n, seed) =>
        {
            // float: within 1 ulp of the correctly rounded norm (see NormAccuracyTests for why).
            float[] xf = Generators.Uniform<float>(n, seed, scale: 4);
            bool floatOk = ReductionTestData.Ulps(Reductions.Norm<float>(xf, path), ReductionsReference.NormCorrectlyRounded<float>(xf)) <= 1;
            // double: relative error from the length, (n/2 + 2)·u.
            double[] xd = Generators.Uniform<double>(n, seed, scale: 4);
            double exact = ReductionsReference.Norm<double>(xd);
            double got = Reductions.Norm<double>(xd, path);
            bool doubleOk = Math.Abs(got - exact) <= (n / 2.0 + 2) * Tolerance.UnitRoundoff<double>() * exact;
            return floatOk && doubleOk;
        });

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void MaxAbs_equals_reference_exactly(SimdPath path) =>
        Generators.CheckLengths((n, seed) =>
        {
            bool nans = seed % 2 == 0;
            float[] xf = ReductionTestData.WithZeros<float>(n, seed, nans);
            double[] xd = ReductionTestData.WithZeros<double>(n, seed, nans);
            return ReductionTestData.SameValue(Reductions.MaxAbs<float>(xf, path), ReductionsReference.MaxAbs<float>(xf))
                && ReductionTestData.SameValue(Reductions.MaxAbs<double>(xd, path), ReductionsReference.MaxAbs<double>(xd));
        });

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void CountNonZero_equals_reference_exactly(SimdPath path) =>
        Generators.CheckLengths((n, seed) =>
        {
            float[] xf = ReductionTestData.WithZeros<float>(n, seed, nans: true);
            double[] xd = ReductionTestData.WithZeros<double>(n, seed, nans: true);
            return Reductions.CountNonZero<float>(xf, path) == ReductionsReference.CountNonZero<float>(xf)
                && Reductions.CountNonZero<double>(xd, path) == ReductionsReference.CountNonZero<double>(xd);
        });

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void MaxAbs_propagates_NaN_and_reports_infinity(SimdPath path)
    {
        foreach (int n in new[] { 1, 7, 33, 100 })
            for (int at = 0; at < n; at += Math.Max(1, n / 5))
            {
                float[] x = Generators.Uniform<float>(n, at);
                x[at] = float.NegativeInfinity;
                Assert.Equal(float.PositiveInfinity, Reductions.MaxAbs<float>(x, path));
                x[(at + 1) % n] = float.NaN;
                Assert.True(float.IsNaN(Reductions.MaxAbs<float>(x, path)));
                double[] d = Generators.Uniform<double>(n, at);
                d[at] = -double.NaN;
                Assert.True(double.IsNaN(Reductions.MaxAbs<double>(d, path)));
            }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void CountNonZero_counts_NaN_and_infinity_but_not_negative_zero(SimdPath path)
    {
        float[] x = [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -0f, 0f, 1f, 0f];
        Assert.Equal(5, Reductions.CountNonZero<float>(x, path));
        double[] d = [-0.0, double.NaN, 0, 0, double.Epsilon, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2];
        Assert.Equal(3, Reductions.CountNonZero<double>(d, path));
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void CountNonZero_is_exact_beyond_float_integer_precision(SimdPath path)
    {
        if (path == SimdPath.Avx512 && !Isa.IsAccelerated(path)) return; // emulated: too slow at this size
        // 2^25 + 3 elements, every third non-zero: counts that a float accumulator could not hold.
        var x = new float[(1 << 25) + 3];
        for (int i = 0; i < x.Length; i += 3) x[i] = 1;
        Assert.Equal((x.Length + 2) / 3, Reductions.CountNonZero<float>(x, path));
    }

    [Fact]
    public void Empty_spans_give_the_identity()
    {
        Assert.Equal(0f, Reductions.Dot<float>([], []));
        Assert.Equal(0.0, Reductions.SumOfSquares<double>([]));
        Assert.Equal(0f, Reductions.Norm<float>([]));
        Assert.Equal(0.0, Reductions.Norm<double>([]));
        Assert.Equal(0f, Reductions.L1Norm<float>([]));
        Assert.Equal(0.0, Reductions.MaxAbs<double>([]));
        Assert.Equal(0, Reductions.CountNonZero<float>([]));
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Dot_rejects_mismatched_lengths_naming_y(SimdPath path)
    {
        var e = Assert.Throws<ArgumentException>(() => Reductions.Dot<float>(new float[8], new float[7], path));
        Assert.Equal("y", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Reductions.Dot<double>(new double[3], new double[4]));
        Assert.Equal("y", e.ParamName);
    }

    [Fact]
    public void Kernels_reject_types_other_than_float_and_double()
    {
        Half[] h = [(Half)1, (Half)2];
        Assert.Throws<NotSupportedException>(() => Reductions.Dot<Half>(h, h));
        Assert.Throws<NotSupportedException>(() => Reductions.SumOfSquares<Half>(h));
        Assert.Throws<NotSupportedException>(() => Reductions.Norm<Half>(h));
        Assert.Throws<NotSupportedException>(() => Reductions.L1Norm<Half>(h));
        Assert.Throws<NotSupportedException>(() => Reductions.MaxAbs<Half>(h));
        Assert.Throws<NotSupportedException>(() => Reductions.CountNonZero<Half>(h));
    }
}

using FastReg.Simd;
using FastReg.Tests.Support;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

/// <summary>
/// The norm's promises: float results within 1 ulp of the correctly rounded norm (and almost
/// always equal to it) on random, huge, tiny, subnormal and mixed-scale data on every path;
/// no overflow or underflow where the true norm is representable; double results within
/// (n/2 + 2)·2^-53 relative (plus one ulp, which matters for subnormal norms) on the same kinds of data; NaN in → NaN out, ∞ in → ∞ out.
/// The oracle is <see cref="ReductionsReference.NormCorrectlyRounded{T}"/> (double-double, scaled).
/// </summary>
public class NormAccuracyTests
{
    private static bool FloatWithinOneUlp(float[] x, SimdPath path) =>
        ReductionTestData.Ulps(Reductions.Norm<float>(x, path), ReductionsReference.NormCorrectlyRounded<float>(x)) <= 1;

    private static bool DoubleWithinBound(double[] x, SimdPath path)
    {
        double exact = ReductionsReference.Norm<double>(x);
        double got = Reductions.Norm<double>(x, path);
        // Relative error from the length, plus one ulp of the result: a subnormal norm (the last
        // case below) has absolute, not relative, precision, and the rescaled pass rounds twice.
        double bound = (x.Length / 2.0 + 2) * Tolerance.UnitRoundoff<double>() * exact + (Math.BitIncrement(exact) - exact);
        return double.IsFinite(got) && Math.Abs(got - exact) <= bound;
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Float_norm_is_within_one_ulp_on_random_data(SimdPath path) =>
        Generators.CheckLengths((n, seed) => FloatWithinOneUlp(Generators.Uniform<float>(n, seed, scale: 1 + seed % 1000), path));

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Float_norm_does_not_overflow_near_MaxValue(SimdPath path) =>
        Generators.CheckLengths((n, seed) =>
        {
            if (n == 0) return true;
            // Elements of about 3e38/√n: each square overflows float (the float sum of squares is ∞),
            // yet the norm, below 3e38, is representable.
            var rng = new Random(seed);
            var x = new float[n];
            for (int i = 0; i < n; i++) x[i] = (float)((rng.NextDouble() * 0.5 + 0.5) * 3e38 / Math.Sqrt(n) * (rng.Next(2) * 2 - 1));
            return float.IsPositiveInfinity(Reductions.SumOfSquares<float>(x, path))
                && float.IsFinite(Reductions.Norm<float>(x, path))
                && FloatWithinOneUlp(x, path);
        });

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Float_norm_does_not_underflow_on_tiny_data(SimdPath path) =>
        Generators.CheckLengths((n, seed) =>
        {
            // 1e-30-ish: every float square underflows to 0.
            float[] x = ReductionTestData.LogUniform<float>(n, seed, -31, -29);
            float norm = Reductions.Norm<float>(x, path);
            return (n == 0 || norm > 0) && FloatWithinOneUlp(x, path);
        });

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Float_norm_is_within_one_ulp_on_subnormal_data(SimdPath path) =>
        Generators.CheckLengths((n, seed) =>
        {
            float[] x = Generators.Uniform<float>(n, seed, scale: 1e-39); // all subnormal (< 1.18e-38)
            return FloatWithinOneUlp(x, path);
        });

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Float_norm_is_within_one_ulp_on_mixed_scales(SimdPath path) =>
        Generators.CheckLengths((n, seed) =>
            FloatWithinOneUlp(ReductionTestData.LogUniform<float>(n, seed, -30, 30), path)
            && FloatWithinOneUlp(ReductionTestData.LogUniform<float>(n, seed, -45, 36), path));

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Float_norm_is_almost_always_correctly_rounded(SimdPath path)
    {
        // The double sum's error is ~2^-29 of a float ulp at these sizes: a result off the correctly
        // rounded one needs the true norm that close to a rounding boundary.
        int misses = 0, trials = path == SimdPath.Avx512 && !Isa.IsAccelerated(path) ? 200 : 1000;
        for (int t = 0; t < trials; t++)
        {
            float[] x = ReductionTestData.LogUniform<float>(1 + t * 7 % 3000, t, -3, 3);
            if (Reductions.Norm<float>(x, path) != ReductionsReference.NormCorrectlyRounded<float>(x)) misses++;
        }
        Assert.True(misses <= trials / 100, $"{misses} of {trials} norms were not correctly rounded");
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Float_norm_is_within_one_ulp_on_large_inputs_at_every_alignment(SimdPath path)
    {
        // From 2^16 elements the vector loads are aligned by a scalar head: start the span at
        // every float offset so each head length (0..7) runs.
        float[] data = ReductionTestData.LogUniform<float>((1 << 16) + 1000, 7, -2, 2);
        for (int offset = 0; offset < 8; offset++)
        {
            ReadOnlySpan<float> x = data.AsSpan(offset, (1 << 16) + 3 * offset);
            Assert.True(ReductionTestData.Ulps(Reductions.Norm<float>(x, path), ReductionsReference.NormCorrectlyRounded<float>(x)) <= 1, $"offset {offset}");
        }
    }

    [Fact]
    public void Float_norm_edge_values()
    {
        Assert.Equal(5f, Reductions.Norm<float>([3f, -4f]));
        Assert.Equal(float.MaxValue, Reductions.Norm<float>([float.MaxValue]));
        Assert.Equal(float.Epsilon, Reductions.Norm<float>([-float.Epsilon]));
        Assert.Equal(float.Epsilon * 2, Reductions.Norm<float>([float.Epsilon, float.Epsilon, float.Epsilon, float.Epsilon]));
        Assert.Equal(0f, Reductions.Norm<float>([0f, -0f, 0f]));
        // True norm MaxValue·√2 is beyond float: +∞ is the correctly rounded answer.
        Assert.Equal(float.PositiveInfinity, Reductions.Norm<float>([float.MaxValue, -float.MaxValue]));
        Assert.Equal(5e37f * 5, Reductions.Norm<float>([3e37f * 5, 4e37f * 5]));
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Double_norm_is_accurate_on_huge_tiny_subnormal_and_mixed_data(SimdPath path) =>
        Generators.CheckLengths((n, seed) =>
        {
            if (n == 0) return true;
            double hugeScale = 1e308 / Math.Sqrt(n); // squares overflow double, the norm does not
            return DoubleWithinBound(Generators.Uniform<double>(n, seed, scale: 4), path)
                && DoubleWithinBound(Generators.Uniform<double>(n, seed, scale: hugeScale), path)
                && DoubleWithinBound(ReductionTestData.LogUniform<double>(n, seed, -201, -199), path)  // squares underflow
                && DoubleWithinBound(Generators.Uniform<double>(n, seed, scale: 1e-310), path)          // subnormal
                && DoubleWithinBound(ReductionTestData.LogUniform<double>(n, seed, -300, 300), path);
        });

    [Fact]
    public void Double_norm_edge_values()
    {
        Assert.Equal(5.0, Reductions.Norm<double>([3.0, -4.0]));
        Assert.Equal(double.MaxValue, Reductions.Norm<double>([double.MaxValue]));
        Assert.Equal(double.Epsilon, Reductions.Norm<double>([-double.Epsilon]));
        Assert.Equal(double.Epsilon * 2, Reductions.Norm<double>([double.Epsilon, double.Epsilon, double.Epsilon, double.Epsilon]));
        Assert.Equal(0.0, Reductions.Norm<double>([0.0, -0.0]));
        Assert.Equal(double.PositiveInfinity, Reductions.Norm<double>([double.MaxValue, double.MaxValue]));
        Assert.Equal(5e300, Reductions.Norm<double>([3e300, 4e300]));
        Assert.Equal(5e-300, Reductions.Norm<double>([3e-300, 4e-300]), 1e-314);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void NaN_in_gives_NaN_and_infinity_in_gives_infinity(SimdPath path)
    {
        foreach (int n in new[] { 1, 5, 8, 17, 64, 100 })
            for (int at = 0; at < n; at += Math.Max(1, n / 4))
            {
                float[] x = Generators.Uniform<float>(n, at);
                double[] d = Generators.Uniform<double>(n, at);
                x[at] = float.NegativeInfinity;
                d[at] = double.NegativeInfinity;
                Assert.Equal(float.PositiveInfinity, Reductions.Norm<float>(x, path));
                Assert.Equal(double.PositiveInfinity, Reductions.Norm<double>(d, path));
                x[at] = float.NaN;
                d[at] = double.NaN;
                Assert.True(float.IsNaN(Reductions.Norm<float>(x, path)));
                Assert.True(double.IsNaN(Reductions.Norm<double>(d, path)));
                if (n > 1)
                {
                    x[(at + 1) % n] = float.PositiveInfinity;
                    d[(at + 1) % n] = double.PositiveInfinity;
                    Assert.True(float.IsNaN(Reductions.Norm<float>(x, path)));
                    Assert.True(double.IsNaN(Reductions.Norm<double>(d, path)));
                }
            }
    }
}

using FastReg.Simd;
using FastReg.Tests.Support;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

public class SumTests
{
    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Sum_float_matches_reference_on_every_length(SimdPath path) =>
        Generators.CheckLengths((n, seed) =>
        {
            float[] x = Generators.Uniform<float>(n, seed);
            double exact = ReductionsReference.Sum<float>(x);
            double sumAbs = 0;
            foreach (float v in x) sumAbs += Math.Abs(v);
            double got = Reductions.Sum<float>(x, path);
            return Math.Abs(got - exact) <= Tolerance.Summation<float>(n, sumAbs);
        });

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Sum_double_matches_reference_on_every_length(SimdPath path) =>
        Generators.CheckLengths((n, seed) =>
        {
            double[] x = Generators.Uniform<double>(n, seed);
            double exact = ReductionsReference.Sum<double>(x);
            double sumAbs = 0;
            foreach (double v in x) sumAbs += Math.Abs(v);
            return Math.Abs(Reductions.Sum<double>(x, path) - exact) <= Tolerance.Summation<double>(n, sumAbs);
        });

    [Fact]
    public void Sum_of_empty_span_is_zero() => Assert.Equal(0f, Reductions.Sum<float>([]));

    [Fact]
    public void Sum_rejects_types_other_than_float_and_double() =>
        Assert.Throws<NotSupportedException>(() => Reductions.Sum<Half>([(Half)1]));
}

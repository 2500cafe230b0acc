using FastReg.Simd;

namespace FastReg.Tests.Simd;

/// <summary>Every public reduction allocates nothing once warm, for float and double.</summary>
public class ReductionAllocationTests
{
    private static long AllocatedBy(Action call)
    {
        for (int i = 0; i < 3; i++) call(); // JIT, static initialisers, tiering
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) call();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static readonly float[] s_xf = Enumerable.Range(0, 1003).Select(i => (float)Math.Sin(i)).ToArray();
    private static readonly float[] s_yf = Enumerable.Range(0, 1003).Select(i => (float)Math.Cos(i)).ToArray();
    private static readonly double[] s_xd = Enumerable.Range(0, 1003).Select(i => Math.Sin(i)).ToArray();
    private static readonly double[] s_yd = Enumerable.Range(0, 1003).Select(i => Math.Cos(i)).ToArray();
    private static readonly double[] s_hugeD = Enumerable.Range(0, 1003).Select(i => 1e300 * Math.Sin(i)).ToArray();
    private static readonly double[] s_tinyD = Enumerable.Range(0, 1003).Select(i => 1e-300 * Math.Sin(i)).ToArray();

    [Fact] public void Sum_allocates_nothing() => Assert.Equal(0, AllocatedBy(() => { Reductions.Sum<float>(s_xf); Reductions.Sum<double>(s_xd); }));
    [Fact] public void Dot_allocates_nothing() => Assert.Equal(0, AllocatedBy(() => { Reductions.Dot<float>(s_xf, s_yf); Reductions.Dot<double>(s_xd, s_yd); }));
    [Fact] public void SumOfSquares_allocates_nothing() => Assert.Equal(0, AllocatedBy(() => { Reductions.SumOfSquares<float>(s_xf); Reductions.SumOfSquares<double>(s_xd); }));
    [Fact] public void L1Norm_allocates_nothing() => Assert.Equal(0, AllocatedBy(() => { Reductions.L1Norm<float>(s_xf); Reductions.L1Norm<double>(s_xd); }));
    [Fact] public void MaxAbs_allocates_nothing() => Assert.Equal(0, AllocatedBy(() => { Reductions.MaxAbs<float>(s_xf); Reductions.MaxAbs<double>(s_xd); }));
    [Fact] public void CountNonZero_allocates_nothing() => Assert.Equal(0, AllocatedBy(() => { Reductions.CountNonZero<float>(s_xf); Reductions.CountNonZero<double>(s_xd); }));

    [Fact]
    public void Norm_allocates_nothing_including_the_rescaled_passes() =>
        Assert.Equal(0, AllocatedBy(() =>
        {
            Reductions.Norm<float>(s_xf);
            Reductions.Norm<double>(s_xd);
            Reductions.Norm<double>(s_hugeD);
            Reductions.Norm<double>(s_tinyD);
        }));
}

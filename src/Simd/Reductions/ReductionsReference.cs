using System.Numerics;

namespace FastReg.Simd;

/// <summary>
/// Plain scalar references for <see cref="Reductions"/>: the oracle the tests hold every path
/// against. Written for clarity, not speed; accumulates in double where that is the point.
/// </summary>
public static class ReductionsReference
{
    /// <summary>Σ x[i], accumulated in double.</summary>
    public static double Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = 0;
        foreach (T v in x) s += double.CreateTruncating(v);
        return s;
    }
}

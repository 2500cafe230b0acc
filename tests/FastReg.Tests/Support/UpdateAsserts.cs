using System.Numerics;

namespace FastReg.Tests.Support;

/// <summary>Helpers for the fused-update tests: element-wise comparisons and allocation counting.</summary>
public static class UpdateAsserts
{
    /// <summary>True when every element of a equals b bitwise (NaN payloads included), so paths can be held to identical results.</summary>
    public static bool BitwiseEqual<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged
    {
        if (a.Length != b.Length) return false;
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(a).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(b));
    }

    /// <summary>Asserts |actual[i] − expected[i]| ≤ relTol·|expected[i]| + absTol for every i, naming the first offender.</summary>
    public static void Close<T>(ReadOnlySpan<double> expected, ReadOnlySpan<T> actual, double relTol, double absTol = 0, string what = "")
        where T : IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double got = double.CreateTruncating(actual[i]);
            double tol = relTol * Math.Abs(expected[i]) + absTol;
            Assert.True(Math.Abs(got - expected[i]) <= tol,
                $"{what}[{i}]: expected {expected[i]:R}, got {got:R} (|diff| {Math.Abs(got - expected[i]):E3} > tol {tol:E3})");
        }
    }

    /// <summary>Bytes allocated on this thread by <paramref name="action"/>, after one warm-up call (JIT, static init).</summary>
    public static long AllocatedBytes(Action action)
    {
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>n values in [0, scale): second-moment states must be non-negative.</summary>
    public static T[] NonNegative<T>(int n, int seed, double scale = 1.0) where T : IFloatingPointIeee754<T>
    {
        T[] a = Generators.Uniform<T>(n, seed, scale);
        for (int i = 0; i < n; i++) a[i] = T.Abs(a[i]);
        return a;
    }
}

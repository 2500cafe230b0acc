using System.Numerics;
using FastReg.Simd;

namespace FastReg.Diagnostics;

/// <summary>
/// GFLOPS of a square n×n×n product C := A·B through the public
/// <see cref="Blas.Gemm{T}(Transpose, Transpose, int, int, int, T, ReadOnlySpan{T}, int, ReadOnlySpan{T}, int, T, Span{T}, int)"/>
/// on the active path (what a caller gets, small-product hand-off included) with <see cref="Blas.MaxThreads"/>
/// set to the thread count for the measurement and restored after it (results do not depend on it).
/// </summary>
internal static class GemmTiming
{
    /// <summary>
    /// Median GFLOPS. One thread is timed in its CPU time (robust on a shared machine); several
    /// threads in wall-clock, since their point is the elapsed time.
    /// </summary>
    public static double Gflops<T>(int n, int threads, double roundSeconds, int rounds)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] a = Operand<T>(n * n, 1), b = Operand<T>(n * n, 2), c = new T[n * n];
        void Product() => Blas.Gemm(Transpose.No, Transpose.No, n, n, n, T.One, a, n, b, n, T.Zero, c, n);
        int saved = Blas.MaxThreads;
        try
        {
            Blas.MaxThreads = threads;
            double seconds = threads == 1
                ? Timing.CpuSecondsPerCall(Product, roundSeconds, rounds)
                : Timing.SecondsPerCall(Product, roundSeconds, rounds);
            return 2.0 * n * n * n / seconds / 1e9;
        }
        finally
        {
            Blas.MaxThreads = saved;
        }
    }

    /// <summary>Values in [-1, 1): products neither overflow nor turn subnormal.</summary>
    static T[] Operand<T>(int length, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var x = new T[length];
        for (int i = 0; i < length; i++) x[i] = T.CreateTruncating(2 * random.NextDouble() - 1);
        return x;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastReg.Simd;

namespace FastReg.Diagnostics;

/// <summary>
/// Peak fused multiply-add throughput of this CPU: twelve independent FMA chains per thread
/// (more than latency x pipes on any current x86 core, so the FMA units never wait), counted as
/// 2 flops per lane. This is the ceiling GEMM and other compute-bound kernels are measured against.
/// </summary>
/// <remarks>
/// Timed in each thread's CPU time, best round of several (the bench used to have a second probe
/// on wall-clock medians). On a shared vCPU a round's CPU time is never longer than its wall time
/// and leaves out the time the thread waited for a core (other processes; hypervisor steal where
/// the guest kernel accounts it), and interference only ever slows a round down, so the best
/// CPU-time round is the estimate least pulled down by load. All-thread peaks add up each thread's
/// rate in a round where all of them started together, so SMT siblings sharing FMA units still show.
/// Where thread CPU time is unavailable (not Linux) the same code falls back to wall-clock.
/// </remarks>
public static class FmaPeakProbe
{
    /// <summary>Iterations per round: 12 chains x 2^20 FMAs, about 2 ms per round at 3 GHz and 2 FMA pipes.</summary>
    internal const int DefaultIterations = 1 << 20;
    const int Chains = 12;

    /// <summary>The widest vector width (bits) this CPU accelerates with FMA: 512, 256, or 0 if neither.</summary>
    public static int WidestBits => ProbeWidths.WidestFma;

    /// <summary>GFLOPS at the widest accelerated width (<see cref="WidestBits"/>) with <paramref name="threads"/> threads, or NaN if none.</summary>
    public static double WidestGflops<T>(int threads) where T : unmanaged, IFloatingPointIeee754<T> =>
        Gflops<T>(WidestBits, threads);

    /// <summary>GFLOPS with <paramref name="threads"/> threads, or NaN if the width is not accelerated.</summary>
    /// <param name="vectorBits">256 or 512.</param>
    /// <param name="threads">Threads running the chains at the same time (at least 1).</param>
    /// <param name="rounds">Timed rounds; the best counts.</param>
    public static double Gflops<T>(int vectorBits, int threads, int rounds = 7)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Gflops<T>(vectorBits, threads, rounds, DefaultIterations);

    /// <summary><see cref="Gflops{T}(int, int, int)"/> with the round length in iterations (the quick report's short mode uses fewer).</summary>
    internal static double Gflops<T>(int vectorBits, int threads, int rounds, int iterations)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        int lanes;
        Func<int, T> kernel;
        if (vectorBits == 256 && ProbeWidths.HasFma(256))
        {
            lanes = Vector256<T>.Count;
            kernel = Chains256<T>;
        }
        else if (vectorBits == 512 && ProbeWidths.HasFma(512))
        {
            lanes = Vector512<T>.Count;
            kernel = Chains512<T>;
        }
        else
        {
            return double.NaN;
        }

        var sinks = new T[threads];
        double flopsPerThread = (double)iterations * Chains * lanes * 2;
        double flopsPerSecond = Timing.BestParallelRate(threads, t => sinks[t] += kernel(iterations), flopsPerThread, rounds);
        GC.KeepAlive(sinks);
        return flopsPerSecond / 1e9;
    }

    // acc = acc * b + c converges to c / (1 - b): no overflow, no denormals, no early exit.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static T Chains256<T>(int iterations) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> b = Vector256.Create(T.CreateTruncating(0.999)), c = Vector256.Create(T.CreateTruncating(1e-3));
        Vector256<T> a0 = Vector256.Create(T.One), a1 = a0 + c, a2 = a1 + c, a3 = a2 + c, a4 = a3 + c, a5 = a4 + c;
        Vector256<T> a6 = a5 + c, a7 = a6 + c, a8 = a7 + c, a9 = a8 + c, a10 = a9 + c, a11 = a10 + c;
        for (int i = 0; i < iterations; i++)
        {
            a0 = ProbeMath.MultiplyAdd(a0, b, c); a1 = ProbeMath.MultiplyAdd(a1, b, c); a2 = ProbeMath.MultiplyAdd(a2, b, c);
            a3 = ProbeMath.MultiplyAdd(a3, b, c); a4 = ProbeMath.MultiplyAdd(a4, b, c); a5 = ProbeMath.MultiplyAdd(a5, b, c);
            a6 = ProbeMath.MultiplyAdd(a6, b, c); a7 = ProbeMath.MultiplyAdd(a7, b, c); a8 = ProbeMath.MultiplyAdd(a8, b, c);
            a9 = ProbeMath.MultiplyAdd(a9, b, c); a10 = ProbeMath.MultiplyAdd(a10, b, c); a11 = ProbeMath.MultiplyAdd(a11, b, c);
        }
        return Vector256.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static T Chains512<T>(int iterations) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector512<T> b = Vector512.Create(T.CreateTruncating(0.999)), c = Vector512.Create(T.CreateTruncating(1e-3));
        Vector512<T> a0 = Vector512.Create(T.One), a1 = a0 + c, a2 = a1 + c, a3 = a2 + c, a4 = a3 + c, a5 = a4 + c;
        Vector512<T> a6 = a5 + c, a7 = a6 + c, a8 = a7 + c, a9 = a8 + c, a10 = a9 + c, a11 = a10 + c;
        for (int i = 0; i < iterations; i++)
        {
            a0 = ProbeMath.MultiplyAdd(a0, b, c); a1 = ProbeMath.MultiplyAdd(a1, b, c); a2 = ProbeMath.MultiplyAdd(a2, b, c);
            a3 = ProbeMath.MultiplyAdd(a3, b, c); a4 = ProbeMath.MultiplyAdd(a4, b, c); a5 = ProbeMath.MultiplyAdd(a5, b, c);
            a6 = ProbeMath.MultiplyAdd(a6, b, c); a7 = ProbeMath.MultiplyAdd(a7, b, c); a8 = ProbeMath.MultiplyAdd(a8, b, c);
            a9 = ProbeMath.MultiplyAdd(a9, b, c); a10 = ProbeMath.MultiplyAdd(a10, b, c); a11 = ProbeMath.MultiplyAdd(a11, b, c);
        }
        return Vector512.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastReg.Bench.Gemm;

/// <summary>
/// Measures the single-core FMA peak in GFLOPS: 12 independent vector FMA chains (enough to cover
/// 2 pipes × 4-5 cycles latency), widest accelerated vector, best of several rounds.
/// </summary>
public static class FmaPeak
{
    public static double Gflops<T>() where T : unmanaged
    {
        const long Iterations = 20_000_000;
        double best = 0;
        for (int round = 0; round < 5; round++)
        {
            double t0 = ThreadCpuClock.Seconds();
            int lanes = Run<T>(Iterations);
            double s = ThreadCpuClock.Seconds() - t0;
            best = Math.Max(best, Iterations * 12.0 * lanes * 2 / s / 1e9);
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Run<T>(long iterations) where T : unmanaged
    {
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            if (typeof(T) == typeof(float)) return Chains512(iterations, Vector512.Create(1f), Vector512.Create(1e-7f)) * 16;
            return Chains512(iterations, Vector512.Create(1.0), Vector512.Create(1e-9)) * 8;
        }
        if (typeof(T) == typeof(float)) return Chains256(iterations, Vector256.Create(1f), Vector256.Create(1e-7f)) * 8;
        return Chains256(iterations, Vector256.Create(1.0), Vector256.Create(1e-9)) * 4;
    }

    static int Chains256(long iterations, Vector256<float> x, Vector256<float> y)
    {
        Vector256<float> a0 = y, a1 = y, a2 = y, a3 = y, a4 = y, a5 = y, a6 = y, a7 = y, a8 = y, a9 = y, a10 = y, a11 = y;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y); a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y); a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y); a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y); a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y); a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y); a11 = Vector256.FusedMultiplyAdd(a11, x, y);
        }
        Vector256<float> s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return s.GetElement(0) == 12345 ? 0 : 1;
    }

    static int Chains256(long iterations, Vector256<double> x, Vector256<double> y)
    {
        Vector256<double> a0 = y, a1 = y, a2 = y, a3 = y, a4 = y, a5 = y, a6 = y, a7 = y, a8 = y, a9 = y, a10 = y, a11 = y;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y); a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y); a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y); a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y); a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y); a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y); a11 = Vector256.FusedMultiplyAdd(a11, x, y);
        }
        Vector256<double> s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return s.GetElement(0) == 12345 ? 0 : 1;
    }

    static int Chains512(long iterations, Vector512<float> x, Vector512<float> y)
    {
        Vector512<float> a0 = y, a1 = y, a2 = y, a3 = y, a4 = y, a5 = y, a6 = y, a7 = y, a8 = y, a9 = y, a10 = y, a11 = y;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, x, y); a1 = Vector512.FusedMultiplyAdd(a1, x, y);
            a2 = Vector512.FusedMultiplyAdd(a2, x, y); a3 = Vector512.FusedMultiplyAdd(a3, x, y);
            a4 = Vector512.FusedMultiplyAdd(a4, x, y); a5 = Vector512.FusedMultiplyAdd(a5, x, y);
            a6 = Vector512.FusedMultiplyAdd(a6, x, y); a7 = Vector512.FusedMultiplyAdd(a7, x, y);
            a8 = Vector512.FusedMultiplyAdd(a8, x, y); a9 = Vector512.FusedMultiplyAdd(a9, x, y);
            a10 = Vector512.FusedMultiplyAdd(a10, x, y); a11 = Vector512.FusedMultiplyAdd(a11, x, y);
        }
        Vector512<float> s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return s.GetElement(0) == 12345 ? 0 : 1;
    }
    static int Chains512(long iterations, Vector512<double> x, Vector512<double> y)
    {
        Vector512<double> a0 = y, a1 = y, a2 = y, a3 = y, a4 = y, a5 = y, a6 = y, a7 = y, a8 = y, a9 = y, a10 = y, a11 = y;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, x, y); a1 = Vector512.FusedMultiplyAdd(a1, x, y);
            a2 = Vector512.FusedMultiplyAdd(a2, x, y); a3 = Vector512.FusedMultiplyAdd(a3, x, y);
            a4 = Vector512.FusedMultiplyAdd(a4, x, y); a5 = Vector512.FusedMultiplyAdd(a5, x, y);
            a6 = Vector512.FusedMultiplyAdd(a6, x, y); a7 = Vector512.FusedMultiplyAdd(a7, x, y);
            a8 = Vector512.FusedMultiplyAdd(a8, x, y); a9 = Vector512.FusedMultiplyAdd(a9, x, y);
            a10 = Vector512.FusedMultiplyAdd(a10, x, y); a11 = Vector512.FusedMultiplyAdd(a11, x, y);
        }
        Vector512<double> s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return s.GetElement(0) == 12345 ? 0 : 1;
    }
}

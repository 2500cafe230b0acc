using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastReg.Simd;

namespace FastReg.Diagnostics;

/// <summary>
/// Memory bandwidth of this machine: a streaming read at sizes that sit in L1, L2, L3 and DRAM,
/// and the STREAM triad a = b + s*c over arrays far larger than the caches. Bytes are counted the
/// STREAM way (each array element read or written once; the write-allocate read of <c>a</c> is
/// not counted), which is also how the kernel benchmarks count theirs, so ratios are fair.
/// Every loop runs at the widest width the CPU accelerates and multiply-adds only where FMA is
/// hardware (ProbeMath.MultiplyAdd), so the probe never measures software-emulated vectors.
/// </summary>
public static class BandwidthProbe
{
    /// <summary>Bytes of the DRAM read array (split among threads).</summary>
    public const long DramReadBytes = 256L << 20;

    /// <summary>Elements of each triad array: 16M floats = 64 MiB, the benchmarks' largest size.</summary>
    public const int TriadLength = 16 << 20;

    /// <summary>GB/s of a read of <paramref name="bytesPerThread"/> bytes per thread, repeated to fill a round.</summary>
    public static double ReadGBs(long bytesPerThread, int threads, int rounds = 7)
    {
        int n = (int)(bytesPerThread / sizeof(float));
        var buffers = new float[threads][];
        for (int t = 0; t < threads; t++)
        {
            buffers[t] = GC.AllocateUninitializedArray<float>(n, pinned: true);
            buffers[t].AsSpan().Fill(1f);
        }
        int passes = (int)Math.Max(1, (64L << 20) / bytesPerThread); // about 64 MiB per thread per round
        var sinks = new float[threads];
        double s = Timing.ParallelSeconds(threads, t =>
        {
            float acc = 0;
            for (int p = 0; p < passes; p++) acc += Read(buffers[t]);
            sinks[t] = acc;
        }, rounds);
        GC.KeepAlive(sinks);
        return (double)threads * passes * n * sizeof(float) / s / 1e9;
    }

    /// <summary>GB/s of a read of one 256 MiB array, split evenly among the threads.</summary>
    public static double DramReadGBs(int threads, int rounds = 5) => DramReadGBs(threads, rounds, DramReadBytes);

    /// <summary>GB/s of a read of one array of <paramref name="bytes"/>, split evenly among the threads.</summary>
    internal static double DramReadGBs(int threads, int rounds, long bytes)
    {
        int n = (int)(bytes / sizeof(float));
        float[] x = GC.AllocateUninitializedArray<float>(n, pinned: true);
        x.AsSpan().Fill(1f);
        int chunk = n / threads;
        var sinks = new float[threads];
        double s = Timing.ParallelSeconds(threads, t => sinks[t] = Read(x.AsSpan(t * chunk, chunk)), rounds);
        GC.KeepAlive(sinks);
        return (double)chunk * threads * sizeof(float) / s / 1e9;
    }

    /// <summary>GB/s of the triad a = b + s*c over three 64 MiB arrays, split evenly among the threads.</summary>
    public static double TriadGBs(int threads, int rounds = 5) => TriadGBs(threads, rounds, TriadLength);

    /// <summary>GB/s of the triad over three arrays of <paramref name="length"/> floats, split evenly among the threads.</summary>
    internal static double TriadGBs(int threads, int rounds, int length)
    {
        int n = length;
        float[] a = GC.AllocateUninitializedArray<float>(n, pinned: true);
        float[] b = GC.AllocateUninitializedArray<float>(n, pinned: true);
        float[] c = GC.AllocateUninitializedArray<float>(n, pinned: true);
        a.AsSpan().Clear();
        b.AsSpan().Fill(1f);
        c.AsSpan().Fill(2f);
        int chunk = n / threads;
        double s = Timing.ParallelSeconds(threads, t =>
            Triad(a.AsSpan(t * chunk, chunk), b.AsSpan(t * chunk, chunk), c.AsSpan(t * chunk, chunk), 0.5f), rounds);
        return 3.0 * chunk * threads * sizeof(float) / s / 1e9;
    }

    // Eight independent add chains with constant offsets from one moving pointer, so each load is
    // one instruction: enough to keep two loads per cycle in flight from L1.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static unsafe float Read(ReadOnlySpan<float> x)
    {
        fixed (float* start = x)
        {
            float* p = start;
            float* end = start + x.Length;
            if (ProbeWidths.HasFma(512))
            {
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                for (; p + 128 <= end; p += 128)
                {
                    a0 += Vector512.Load(p); a1 += Vector512.Load(p + 16); a2 += Vector512.Load(p + 32); a3 += Vector512.Load(p + 48);
                    a4 += Vector512.Load(p + 64); a5 += Vector512.Load(p + 80); a6 += Vector512.Load(p + 96); a7 += Vector512.Load(p + 112);
                }
                return Vector512.Sum((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7)) + Tail(x, (int)(p - start));
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                for (; p + 64 <= end; p += 64)
                {
                    a0 += Vector256.Load(p); a1 += Vector256.Load(p + 8); a2 += Vector256.Load(p + 16); a3 += Vector256.Load(p + 24);
                    a4 += Vector256.Load(p + 32); a5 += Vector256.Load(p + 40); a6 += Vector256.Load(p + 48); a7 += Vector256.Load(p + 56);
                }
                return Vector256.Sum((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7)) + Tail(x, (int)(p - start));
            }
            else
            {
                // No 256-bit integer/float acceleration (DOTNET_EnableAVX2=0, NativeAOT's default target): SSE.
                Vector128<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                for (; p + 32 <= end; p += 32)
                {
                    a0 += Vector128.Load(p); a1 += Vector128.Load(p + 4); a2 += Vector128.Load(p + 8); a3 += Vector128.Load(p + 12);
                    a4 += Vector128.Load(p + 16); a5 += Vector128.Load(p + 20); a6 += Vector128.Load(p + 24); a7 += Vector128.Load(p + 28);
                }
                return Vector128.Sum((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7)) + Tail(x, (int)(p - start));
            }
        }
    }

    static float Tail(ReadOnlySpan<float> x, int i)
    {
        float s = 0;
        for (; i < x.Length; i++) s += x[i];
        return s;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void Triad(Span<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, float s)
    {
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        ref float pc = ref MemoryMarshal.GetReference(c);
        int n = a.Length, i = 0;
        if (ProbeWidths.HasFma(512))
        {
            var vs = Vector512.Create(s);
            for (; i <= n - 16; i += 16)
                ProbeMath.MultiplyAdd(vs, Vector512.LoadUnsafe(ref pc, (nuint)i), Vector512.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref pa, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256.Create(s);
            for (; i <= n - 8; i += 8)
                ProbeMath.MultiplyAdd(vs, Vector256.LoadUnsafe(ref pc, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref pa, (nuint)i);
        }
        else
        {
            var vs = Vector128.Create(s);
            for (; i <= n - 4; i += 4)
                (vs * Vector128.LoadUnsafe(ref pc, (nuint)i) + Vector128.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref pa, (nuint)i);
        }
        for (; i < n; i++) a[i] = b[i] + s * c[i];
    }
}

using FastReg.Diagnostics;
using FastReg.Simd.Gemm;

namespace FastReg.Bench.Gemm;

/// <summary>Times the AVX2 float micro-kernel alone on L1/L2-resident packed panels (tuning aid: `gemm --kernel`).</summary>
public static unsafe class KernelProbe
{
    public static void Run(TextWriter o, double peak)
    {
        foreach (int kc in new[] { 64, 128, 256, 384 })
        {
            int panels = 24; // an MC=144 block of A
            float[] a = new float[6 * kc * panels], b = new float[16 * kc], c = new float[6 * 1024];
            for (int i = 0; i < a.Length; i++) a[i] = 1e-3f * (i % 7);
            for (int i = 0; i < b.Length; i++) b[i] = 1e-3f * (i % 5);
            double best = double.MaxValue;
            fixed (float* pa = a, pb = b, pc = c)
            {
                for (int r = 0; r < 7; r++)
                {
                    int reps = 200_000 * 64 / kc / panels;
                    double t0 = ThreadCpuClock.Seconds();
                    for (int i = 0; i < reps; i++)
                        for (int p = 0; p < panels; p++)
                            Avx2Kernel6x16<float>.Run(kc, pa + p * 6 * kc, 1, 6, 6, pb, 16, 1f, 1f, pc, 1024);
                    best = Math.Min(best, (ThreadCpuClock.Seconds() - t0) / reps / panels);
                }
            }
            double gflops = 2.0 * 6 * 16 * kc / best / 1e9;
            o.WriteLine($"avx2 float 6x16 kernel kc={kc}: {gflops:F1} GFLOPS ({100 * gflops / peak:F0}% of {peak:F1})");
        }
    }
}

/// <summary>Breaks down the cost of a small product (tuning aid: `gemm --small`).</summary>
public static unsafe class SmallProbe
{
    public static void Run(TextWriter o)
    {
        foreach (int n in new[] { 8, 16, 32 })
        {
            var s = GemmShape.Square(n);
            var d = new GemmOperands<float>(s);
            var bl = GemmBlockSizes.For<float>(FastReg.Simd.SimdPath.Avx2);
            double Time(Action f)
            {
                double best = double.MaxValue;
                for (int r = 0; r < 5; r++)
                {
                    double t0 = ThreadCpuClock.Seconds();
                    for (int i = 0; i < 20000; i++) f();
                    best = Math.Min(best, (ThreadCpuClock.Seconds() - t0) / 20000);
                }
                return best * 1e9;
            }
            double full = Time(() => FastReg.Simd.Blas.Gemm(FastReg.Simd.Transpose.No, FastReg.Simd.Transpose.No, n, n, n, 1f, d.A, n, d.B, n, 0f, d.C, n, FastReg.Simd.SimdPath.Avx2, bl, 1, long.MaxValue));
            double driver = Time(() =>
            {
                fixed (float* a = d.A, b = d.B, c = d.C)
                    GemmDriver.Run<float, Avx2Kernel6x16<float>>(FastReg.Simd.Transpose.No, FastReg.Simd.Transpose.No, n, n, n, 1f, a, n, b, n, 0f, c, n, bl);
            });
            double packs = Time(() =>
            {
                fixed (float* a = d.A, b = d.B, c = d.C)
                {
                    GemmBuffers.Rent<float>(1000, 1000, 96, out float* pa, out float* pb, out float* t);
                    GemmPacking.PackA<float, Avx2Kernel6x16<float>>(FastReg.Simd.Transpose.No, a, n, 0, 0, n, n, pa);
                    GemmPacking.PackB<float, Avx2Kernel6x16<float>>(FastReg.Simd.Transpose.No, b, n, 0, 0, n, n, pb);
                }
            });
            double ob = OpenBlas.Available ? Time(() => OpenBlas.Sgemm(false, false, n, n, n, 1f, d.A, n, d.B, n, 0f, d.C, n)) : 0;
            o.WriteLine($"n={n}: Blas.Gemm {full:F0} ns, driver {driver:F0} ns, packing {packs:F0} ns, OpenBLAS {ob:F0} ns");
        }
    }
}

/// <summary>Measures what a second thread costs and gains (tuning aid for the parallel threshold: `gemm --threads`).</summary>
public static class ThreadProbe
{
    sealed class EmptyJob : GemmJob
    {
        public override void Execute(int part, int parts) { }
    }

    public static void Run(TextWriter o)
    {
        var job = new EmptyJob();
        var samples = new double[2001];
        for (int i = 0; i < samples.Length; i++)
        {
            GemmWorkers.TryEnter();
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            GemmWorkers.Run(job, 2);
            samples[i] = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            GemmWorkers.Exit();
        }
        Array.Sort(samples);
        o.WriteLine($"worker round trip (empty job, back to back): median {samples[1000]:F1} us, p10 {samples[200]:F1} us, p90 {samples[1800]:F1} us");
        foreach (int n in new[] { 48, 64, 80, 96, 128, 160, 192, 256 })
        {
            var s = GemmShape.Square(n);
            var d = new GemmOperands<float>(s);
            GemmBlocking bl = GemmBlockSizes.For<float>(FastReg.Simd.Isa.Active);
            double best1 = double.MaxValue, best2 = double.MaxValue;
            int reps = Math.Max(1, (int)(2e8 / s.Flops));
            for (int r = 0; r < 7; r++)
            {
                foreach (int threads in new[] { 1, 2 })
                {
                    long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                    for (int i = 0; i < reps; i++)
                        FastReg.Simd.Blas.Gemm(FastReg.Simd.Transpose.No, FastReg.Simd.Transpose.No, n, n, n, 1f, d.A, n, d.B, n, 0f, d.C, n, FastReg.Simd.Isa.Active, bl, threads, 0);
                    double t = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMicroseconds / reps;
                    if (threads == 1) best1 = Math.Min(best1, t); else best2 = Math.Min(best2, t);
                }
            }
            o.WriteLine($"n={n} ({s.Flops / 1e6:F2} MFLOP): 1 thread {best1:F1} us, 2 threads {best2:F1} us, speed-up {best1 / best2:F2}x");
        }
        // Work added by splitting, independent of whether the second core is free: process CPU time
        // per product with 1 and 2 threads (2 threads also count the caller's wait for its worker).
        foreach (int n in new[] { 256, 512, 1024 })
        {
            var s = GemmShape.Square(n);
            var d = new GemmOperands<float>(s);
            GemmBlocking bl = GemmBlockSizes.For<float>(FastReg.Simd.Isa.Active);
            var cpu = new double[3];
            int reps = Math.Max(2, (int)(4e9 / s.Flops));
            for (int r = 0; r < 5; r++)
            {
                foreach (int threads in new[] { 1, 2 })
                {
                    TimeSpan c0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                    for (int i = 0; i < reps; i++)
                        FastReg.Simd.Blas.Gemm(FastReg.Simd.Transpose.No, FastReg.Simd.Transpose.No, n, n, n, 1f, d.A, n, d.B, n, 0f, d.C, n, FastReg.Simd.Isa.Active, bl, threads, 0);
                    double t = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - c0).TotalMicroseconds / reps;
                    cpu[threads] = r == 0 ? t : Math.Min(cpu[threads], t);
                }
            }
            o.WriteLine($"n={n}: process CPU time per product: 1 thread {cpu[1]:F0} us, 2 threads {cpu[2]:F0} us ({cpu[2] / cpu[1]:F2}x the work; ideal 2-thread speed-up bound {2 * cpu[1] / cpu[2]:F2}x)");
        }
    }
}

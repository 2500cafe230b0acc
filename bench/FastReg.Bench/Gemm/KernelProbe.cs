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
                            Avx2Kernel6x16<float>.Run(kc, pa + p * 6 * kc, pb, 1f, 1f, pc, 1024);
                    best = Math.Min(best, (ThreadCpuClock.Seconds() - t0) / reps / panels);
                }
            }
            double gflops = 2.0 * 6 * 16 * kc / best / 1e9;
            o.WriteLine($"avx2 float 6x16 kernel kc={kc}: {gflops:F1} GFLOPS ({100 * gflops / peak:F0}% of {peak:F1})");
        }
    }
}

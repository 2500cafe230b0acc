using System.Diagnostics;
using FastReg.Diagnostics;
using FastReg.Simd;

namespace FastReg.Bench.Gemm;

/// <summary>
/// `gemm --quick` (a few seconds): SGEMM on the active path at one thread and all cores for a few
/// square sizes and the 784-256-10 MLP shapes, as GFLOPS and % of the FP32 peak, with OpenBLAS
/// (1 thread) beside it where libopenblas is installed. The library's quick report
/// (FastReg.Diagnostics.QuickReport) has the SGEMM/DGEMM summary without the peers.
/// </summary>
public static class QuickGemmReport
{
    public static void Run(TextWriter o, double fp32PeakGflops)
    {
        int cores = Environment.ProcessorCount;
        o.WriteLine($"gemm ({Isa.Active}; 1T in thread CPU time, {cores}T wall-clock; % of FP32 peak {fp32PeakGflops:F1} GFLOPS/core; OpenBLAS: {(OpenBlas.Available ? "1 thread" : OpenBlas.Missing)})");
        if (OpenBlas.Available)
        {
            OpenBlas.SetThreads(1);
            if (Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { } core)
                o.WriteLine($"  note: OPENBLAS_CORETYPE={core} is set; unset it (env -u) to compare against OpenBLAS's own kernel choice");
        }
        int saved = Blas.MaxThreads;
        try
        {
            foreach (GemmShape s in new[] { 16, 64, 256, 1024 }.Select(GemmShape.Square).Concat(GemmShape.Mlp))
            {
                var d = new GemmOperands<float>(s);
                Blas.MaxThreads = 1;
                double one = Gflops(s, cpuTime: true, () => Blas.Gemm(s.TransA, s.TransB, s.M, s.N, s.K, 1f, d.A, s.Lda, d.B, s.Ldb, 0f, d.C, s.N));
                Blas.MaxThreads = cores;
                double all = Gflops(s, cpuTime: false, () => Blas.Gemm(s.TransA, s.TransB, s.M, s.N, s.K, 1f, d.A, s.Lda, d.B, s.Ldb, 0f, d.C, s.N));
                string peer = "";
                if (OpenBlas.Available)
                {
                    double ob = Gflops(s, cpuTime: true, () => OpenBlas.Sgemm(s.TransA == Transpose.Yes, s.TransB == Transpose.Yes, s.M, s.N, s.K, 1f, d.A, s.Lda, d.B, s.Ldb, 0f, d.C, s.N));
                    peer = $"  OpenBLAS 1T {ob,6:F1} ({one / ob:F2}x)";
                }
                o.WriteLine($"  sgemm {s.Name,-24} 1T {one,6:F1} GFLOPS ({100 * one / fp32PeakGflops,3:F0}%)  {cores}T {all,6:F1} ({100 * all / (cores * fp32PeakGflops),3:F0}%){peer}");
            }
        }
        finally
        {
            Blas.MaxThreads = saved;
        }
    }

    /// <summary>Best of 5 batches of about 20 ms each; one-thread runs in thread CPU time (robust on a shared machine).</summary>
    static double Gflops(GemmShape s, bool cpuTime, Action f)
    {
        f();
        int reps = (int)Math.Clamp(2e-2 * 50e9 / s.Flops, 1, 100_000);
        double best = double.MaxValue;
        for (int r = 0; r < 5; r++)
        {
            double c0 = ThreadCpuClock.Seconds();
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < reps; i++) f();
            double seconds = cpuTime ? ThreadCpuClock.Seconds() - c0 : Stopwatch.GetElapsedTime(t0).TotalSeconds;
            best = Math.Min(best, seconds / reps);
        }
        return s.Flops / best / 1e9;
    }
}

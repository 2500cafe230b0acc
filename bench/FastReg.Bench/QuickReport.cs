using System.Diagnostics;
using FastReg.Simd;

namespace FastReg.Bench;

/// <summary>A few-second report of this CPU: active path, limits, and each kernel's throughput.</summary>
public static class QuickReport
{
    public static void Run(TextWriter o)
    {
        o.WriteLine($"FastReg quick report  ({Environment.ProcessorCount} cores)");
        o.WriteLine($"kernel path: {Isa.Describe()}");
        var x = new float[4096];
        for (int i = 0; i < x.Length; i++) x[i] = i * 1e-3f;
        double ns = TimeNs(() => Reductions.Sum<float>(x));
        o.WriteLine($"sum float 4096: {ns,8:F1} ns  {x.Length * 4 / ns,7:F1} GB/s");
    }

    /// <summary>Median of repeated timings, in nanoseconds per call.</summary>
    static double TimeNs(Func<float> f, int reps = 2000, int rounds = 15)
    {
        var samples = new double[rounds];
        float sink = 0;
        for (int r = 0; r < rounds; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < reps; i++) sink += f();
            samples[r] = Stopwatch.GetElapsedTime(t0).TotalNanoseconds / reps;
        }
        GC.KeepAlive(sink);
        Array.Sort(samples);
        return samples[rounds / 2];
    }
}

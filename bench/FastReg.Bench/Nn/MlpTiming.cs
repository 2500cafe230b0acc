using System.Diagnostics;
using System.Runtime.InteropServices;
using FastReg.Nn;

namespace FastReg.Bench.Nn;

/// <summary>
/// A few-second timing of the MlpBenchmarks cases that reports wall time and this thread's CPU time
/// (CLOCK_THREAD_CPUTIME_ID on Linux), the figure to compare with bench/torch_mlp_step.py's thread
/// CPU time when other processes share the cores. Not wired into Program.cs: call
/// <c>MlpTiming.Run(Console.Out)</c> (e.g. from the quick report).
/// </summary>
public static class MlpTiming
{
    public static void Run(TextWriter o)
    {
        var b = new MlpBenchmarks();
        b.Setup();
        (double wall, double cpu) step = Time(() => b.TrainStep(), 1000);
        (double wall, double cpu) one = Time(() => b.PredictOne(), 20000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) { b.TrainStep(); b.PredictOne(); }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        o.WriteLine($"MLP 64-128-10 float train step (batch 32, SGD momentum+wd): median {step.wall:F1} us wall, {step.cpu:F1} us thread CPU");
        o.WriteLine($"MLP 64-128-10 one-sample inference: median {one.wall * 1000:F0} ns wall, {one.cpu * 1000:F0} ns thread CPU");
        o.WriteLine($"allocated over 100 steps + 100 inferences: {allocated} bytes");
    }

    private static (double Wall, double Cpu) Time(Func<float> f, int reps, int rounds = 21)
    {
        float sink = 0;
        for (int i = 0; i < reps; i++) sink += f();
        var wall = new double[rounds];
        var cpu = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            double c0 = ThreadCpuSeconds();
            for (int i = 0; i < reps; i++) sink += f();
            cpu[r] = (ThreadCpuSeconds() - c0) * 1e6 / reps;
            wall[r] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds / reps;
        }
        GC.KeepAlive(sink);
        Array.Sort(wall);
        Array.Sort(cpu);
        return (wall[rounds / 2], cpu[rounds / 2]);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds, Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec t);

    /// <summary>This thread's CPU time in seconds (Linux), or NaN elsewhere.</summary>
    private static double ThreadCpuSeconds()
    {
        if (!OperatingSystem.IsLinux()) return double.NaN;
        const int ClockThreadCpuTime = 3;
        return ClockGetTime(ClockThreadCpuTime, out TimeSpec t) == 0 ? t.Seconds + t.Nanoseconds * 1e-9 : double.NaN;
    }
}

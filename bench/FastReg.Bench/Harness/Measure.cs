using System.Diagnostics;

namespace FastReg.Bench;

/// <summary>
/// Stopwatch timing for the quick report and the probes: the median of several rounds, each
/// round long enough (a few milliseconds) that the timer's resolution does not matter.
/// Medians, not means, because the machine is shared and noisy.
/// </summary>
public static class Measure
{
    /// <summary>Median seconds per call of <paramref name="work"/>.</summary>
    public static double SecondsPerCall(Action work, double roundSeconds = 0.004, int rounds = 9)
    {
        work(); // JIT and first touch
        int reps = CallsPerRound(work, roundSeconds);
        if (reps == 1) rounds = Math.Min(rounds, 3); // DRAM-sized calls: each one is already a long round
        var samples = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < reps; i++) work();
            samples[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds / reps;
        }
        return Median(samples);
    }

    /// <summary>How many calls fill about <paramref name="roundSeconds"/> (at least one).</summary>
    static int CallsPerRound(Action work, double roundSeconds)
    {
        int reps = 1;
        while (true)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < reps; i++) work();
            double s = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            if (s >= roundSeconds / 4 || reps >= 1 << 24)
                return Math.Max(1, (int)Math.Min(1 << 24, reps * roundSeconds / Math.Max(s, 1e-9)));
            reps *= 4;
        }
    }

    /// <summary>Median of a sample (sorts it in place).</summary>
    public static double Median(double[] samples)
    {
        Array.Sort(samples);
        int n = samples.Length;
        return n % 2 == 1 ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
    }

    /// <summary>
    /// Median wall seconds of <paramref name="rounds"/> rounds in which <paramref name="threads"/>
    /// threads each run <c>work(threadIndex)</c> once, started together on a barrier. The calling
    /// thread is thread 0, so <paramref name="threads"/> = 1 runs inline.
    /// </summary>
    public static double ParallelSeconds(int threads, Action<int> work, int rounds)
    {
        var samples = new double[rounds];
        if (threads == 1)
        {
            work(0);
            for (int r = 0; r < rounds; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                work(0);
                samples[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            }
            return Median(samples);
        }

        using var barrier = new Barrier(threads);
        var workers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++)
        {
            int id = t;
            workers[t - 1] = new Thread(() =>
            {
                for (int r = 0; r <= rounds; r++)
                {
                    barrier.SignalAndWait();
                    work(id);
                    barrier.SignalAndWait();
                }
            }) { IsBackground = true };
            workers[t - 1].Start();
        }
        for (int r = 0; r <= rounds; r++) // round 0 warms up
        {
            barrier.SignalAndWait();
            long t0 = Stopwatch.GetTimestamp();
            work(0);
            barrier.SignalAndWait();
            if (r > 0) samples[r - 1] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        foreach (Thread w in workers) w.Join();
        return Median(samples);
    }
}

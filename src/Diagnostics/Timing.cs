using System.Diagnostics;

namespace FastReg.Diagnostics;

/// <summary>
/// Stopwatch timing for the quick report and the probes: the median of several rounds, each
/// round long enough (a few milliseconds) that the timer's resolution does not matter.
/// Medians, not means, because the machine is shared and noisy.
/// </summary>
internal static class Timing
{
    /// <summary>Median seconds per call of <paramref name="work"/>.</summary>
    public static double SecondsPerCall(Action work, double roundSeconds = 0.004, int rounds = 9)
    {
        int reps = WarmUp(work, roundSeconds);
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

    /// <summary>
    /// Median seconds per call of <paramref name="work"/> in this thread's CPU time (wall-clock where
    /// <see cref="ThreadCpuClock"/> is unavailable): for one-thread timings on a shared machine.
    /// </summary>
    public static double CpuSecondsPerCall(Action work, double roundSeconds = 0.004, int rounds = 9)
    {
        int reps = WarmUp(work, roundSeconds);
        if (reps == 1) rounds = Math.Min(rounds, 3);
        var samples = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            double t0 = ThreadCpuClock.Seconds();
            for (int i = 0; i < reps; i++) work();
            samples[r] = (ThreadCpuClock.Seconds() - t0) / reps;
        }
        return Median(samples);
    }

    /// <summary>
    /// One call for JIT and first touch, then the calls per round. A first call that already fills a
    /// round (DRAM-sized kernels, large GEMMs) settles it at one, saving the calibration calls.
    /// </summary>
    static int WarmUp(Action work, double roundSeconds)
    {
        long t0 = Stopwatch.GetTimestamp();
        work();
        return Stopwatch.GetElapsedTime(t0).TotalSeconds >= roundSeconds ? 1 : CallsPerRound(work, roundSeconds);
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
    public static double ParallelSeconds(int threads, Action<int> work, int rounds) =>
        Median(ParallelRounds(threads, work, rounds).Wall);

    /// <summary>
    /// The best of <paramref name="rounds"/> rounds of <see cref="ParallelSeconds"/>'s shape, as a rate:
    /// the sum over threads of <paramref name="workPerThread"/> / that thread's CPU seconds in the round
    /// (wall-clock where <see cref="ThreadCpuClock"/> is unavailable). For peaks: a thread that waits
    /// for a core does not count the wait, and interference only ever slows a round, so the fastest
    /// round is the closest to what the hardware can do.
    /// </summary>
    public static double BestParallelRate(int threads, Action<int> work, double workPerThread, int rounds)
    {
        double[,] cpu = ParallelRounds(threads, work, rounds).Cpu;
        double best = 0;
        for (int r = 0; r < rounds; r++)
        {
            double rate = 0;
            for (int t = 0; t < threads; t++) rate += workPerThread / Math.Max(cpu[r, t], 1e-12);
            best = Math.Max(best, rate);
        }
        return best;
    }

    /// <summary>
    /// Runs a warm-up round and then <paramref name="rounds"/> timed rounds; in each, every thread runs
    /// <c>work(threadIndex)</c> once, started together on a barrier. Returns each round's wall seconds
    /// and each thread's CPU seconds per round.
    /// </summary>
    static (double[] Wall, double[,] Cpu) ParallelRounds(int threads, Action<int> work, int rounds)
    {
        var wall = new double[rounds];
        var cpu = new double[rounds, threads];
        if (threads == 1)
        {
            work(0);
            for (int r = 0; r < rounds; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                double c0 = ThreadCpuClock.Seconds();
                work(0);
                cpu[r, 0] = ThreadCpuClock.Seconds() - c0;
                wall[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            }
            return (wall, cpu);
        }

        using var barrier = new Barrier(threads);
        void TimedWork(int t, int r)
        {
            double c0 = ThreadCpuClock.Seconds();
            work(t);
            if (r > 0) cpu[r - 1, t] = ThreadCpuClock.Seconds() - c0;
        }
        var workers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++)
        {
            int id = t;
            workers[t - 1] = new Thread(() =>
            {
                for (int r = 0; r <= rounds; r++)
                {
                    barrier.SignalAndWait();
                    TimedWork(id, r);
                    barrier.SignalAndWait();
                }
            }) { IsBackground = true };
            workers[t - 1].Start();
        }
        for (int r = 0; r <= rounds; r++) // round 0 warms up
        {
            barrier.SignalAndWait();
            long t0 = Stopwatch.GetTimestamp();
            TimedWork(0, r);
            barrier.SignalAndWait();
            if (r > 0) wall[r - 1] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        foreach (Thread w in workers) w.Join();
        return (wall, cpu);
    }
}

using System.Diagnostics;
using System.Numerics;
using FastReg.Diagnostics;
using FastReg.Simd;

namespace FastReg.Bench.Gemm;

/// <summary>
/// The full GEMM table (Stopwatch-based, interleaved): every shape, every accelerated path at one
/// thread and all cores, OpenBLAS and MathNet, as GFLOPS and % of the measured FMA peak.
/// Contestants run in turn within each round and the best round counts, so background load hits
/// all of them alike (--median: the median round counts instead, as issue-12 comparisons quote).
/// `dotnet run -c Release -- gemm [float|double] [square|mlp] [--rounds N] [--max N] [--median] [--no-mathnet] [--only name,name]`.
/// </summary>
public static class GemmTable
{
    public static void Run(TextWriter o, string[] args)
    {
        bool doFloat = !args.Contains("double"), doDouble = !args.Contains("float");
        bool square = !args.Contains("mlp"), mlp = !args.Contains("square");
        int rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(5);
        int maxN = args.SkipWhile(a => a != "--max").Skip(1).Select(int.Parse).FirstOrDefault(4096);
        bool mathNet = !args.Contains("--no-mathnet");
        s_median = args.Contains("--median");
        string[] only = args.SkipWhile(a => a != "--only").Skip(1).Take(1).SelectMany(a => a.Split(',')).ToArray();
        int cores = Environment.ProcessorCount;
        string? inPlace = args.SkipWhile(a => a != "--inplace").Skip(1).FirstOrDefault();
        if (inPlace is not null) GemmContestants.InPlace = int.Parse(inPlace, System.Globalization.CultureInfo.InvariantCulture);
        foreach (string kcmc in args.SkipWhile(a => a != "--blocking").Skip(1).Take(1).SelectMany(a => a.Split(',')))
        {
            string[] parts = kcmc.Split('x');
            GemmContestants.ExtraBlockings.Add((int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (args.Contains("--quick"))
        {
            QuickGemmReport.Run(o, FmaPeakProbe.WidestGflops<float>(1));
            return;
        }
        if (args.Contains("--threads"))
        {
            ThreadProbe.Run(o);
            return;
        }
        if (args.Contains("--small"))
        {
            OpenBlas.SetThreads(1);
            SmallProbe.Run(o);
            return;
        }
        if (args.Contains("--kernel"))
        {
            KernelProbe.Run(o, FmaPeakProbe.WidestGflops<float>(1));
            return;
        }
        var shapes = GemmShape.SquareSizes.Where(n => square && n <= maxN).Select(GemmShape.Square)
            .Concat(mlp ? GemmShape.Mlp : []).ToList();

        o.WriteLine($"FastReg GEMM table: {cores} cores, {Isa.Describe()}");
        o.WriteLine($"OpenBLAS: {(OpenBlas.Available ? OpenBlas.Config : OpenBlas.Missing)}; " +
            $"OPENBLAS_CORETYPE={Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "(unset)"} " +
            $"OPENBLAS_L2_SIZE={Environment.GetEnvironmentVariable("OPENBLAS_L2_SIZE") ?? "(unset)"}");
        o.WriteLine($"{(s_median ? "median" : "best")} of {rounds} interleaved rounds; 1T timed in thread CPU time, allT in wall-clock; 'x% pk' = share of the measured FMA peak (one core for 1T, {cores} cores for {cores}T)");
        if (doFloat) Table<float>(o, shapes, rounds, cores, mathNet, only);
        if (doDouble) Table<double>(o, shapes, rounds, cores, mathNet, only);
    }

    static bool s_median;

    static void Table<T>(TextWriter o, List<GemmShape> shapes, int rounds, int cores, bool mathNet, string[] only) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double peak = FmaPeakProbe.WidestGflops<T>(1);
        string type = typeof(T) == typeof(float) ? "SGEMM (float)" : "DGEMM (double)";
        o.WriteLine();
        o.WriteLine($"### {type}: measured FMA peak {peak:F1} GFLOPS per core");
        // The operands of the shape being measured (a reference check, no hashing inside the timed loop).
        GemmShape? current = null;
        GemmOperands<T>? operands = null;
        GemmOperands<T> Data(GemmShape s)
        {
            if (!ReferenceEquals(s, current)) (current, operands) = (s, new GemmOperands<T>(s));
            return operands!;
        }
        List<GemmContestant> contestants = GemmContestants.For<T>(Data, cores, mathNet)
            .Where(c => only.Length == 0 || only.Any(x => c.Name.Contains(x, StringComparison.OrdinalIgnoreCase))).ToList();
        o.WriteLine();
        o.Write("| shape |");
        foreach (GemmContestant c in contestants) o.Write($" {c.Name} |");
        o.WriteLine(" best FastReg 1T / OpenBLAS 1T | best FastReg allT / OpenBLAS allT |");
        o.Write("|---|");
        foreach (GemmContestant _ in contestants) o.Write("---:|");
        o.WriteLine("---:|---:|");
        foreach (GemmShape s in shapes)
        {
            var best = new double[contestants.Count];
            Array.Fill(best, double.MaxValue);
            var times = new double[contestants.Count, rounds];
            var reps = new int[contestants.Count];
            for (int c = 0; c < contestants.Count; c++)
            {
                if (!contestants[c].Runs(s)) continue;
                contestants[c].Prepare();
                // Warm up (JIT tiering of the harness, pack buffers, thread start): 0.25 s of calls.
                long w0 = Stopwatch.GetTimestamp();
                do contestants[c].Run(s); while (Stopwatch.GetElapsedTime(w0).TotalSeconds < 0.25);
                double once = TimeSeconds(contestants[c], s, 1);
                reps[c] = (int)Math.Clamp(0.03 / Math.Max(once, 1e-9), 1, 1_000_000);
            }
            for (int r = 0; r < rounds; r++)
            {
                for (int c = 0; c < contestants.Count; c++)
                {
                    if (reps[c] == 0) continue;
                    contestants[c].Prepare();
                    times[c, r] = TimeSeconds(contestants[c], s, reps[c]);
                    best[c] = Math.Min(best[c], times[c, r]);
                }
            }
            if (s_median)
            {
                for (int c = 0; c < contestants.Count; c++)
                {
                    if (reps[c] == 0) continue;
                    var row = new double[rounds];
                    for (int r = 0; r < rounds; r++) row[r] = times[c, r];
                    Array.Sort(row);
                    best[c] = rounds % 2 == 1 ? row[rounds / 2] : (row[rounds / 2 - 1] + row[rounds / 2]) / 2;
                }
            }
            o.Write($"| {s.Name} |");
            double fast1 = 0, fastN = 0, blas1 = 0, blasN = 0;
            for (int c = 0; c < contestants.Count; c++)
            {
                if (reps[c] == 0)
                {
                    o.Write(" – |");
                    continue;
                }
                double gflops = s.Flops / best[c] / 1e9;
                bool one = contestants[c].Name.EndsWith(" 1T", StringComparison.Ordinal);
                o.Write($" {gflops:F1} ({100 * gflops / (one ? peak : peak * cores):F0}% pk) |");
                string n = contestants[c].Name;
                if (n.StartsWith("FastReg", StringComparison.Ordinal)) { if (one) fast1 = Math.Max(fast1, gflops); else fastN = Math.Max(fastN, gflops); }
                if (n.StartsWith("OpenBLAS", StringComparison.Ordinal)) { if (one) blas1 = gflops; else blasN = gflops; }
            }
            o.WriteLine($" {Ratio(fast1, blas1)} | {Ratio(fastN, blasN)} |");
            o.Flush();
        }
    }

    static string Ratio(double a, double b) => a > 0 && b > 0 ? $"{a / b:F2}x" : "–";

    /// <summary>
    /// Seconds per call, averaged over a batch: the thread's CPU time for one-thread contestants
    /// (robust on a shared machine), wall-clock for multi-threaded ones.
    /// </summary>
    static double TimeSeconds(GemmContestant c, GemmShape s, int reps)
    {
        bool cpu = c.Name.EndsWith(" 1T", StringComparison.Ordinal) && ThreadCpuClock.Available;
        double c0 = cpu ? ThreadCpuClock.Seconds() : 0;
        long t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < reps; i++) c.Run(s);
        double wall = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        return (cpu ? ThreadCpuClock.Seconds() - c0 : wall) / reps;
    }
}

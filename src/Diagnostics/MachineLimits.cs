using System.Globalization;
using FastReg.Simd;

namespace FastReg.Diagnostics;

/// <summary>
/// This machine's limits, measured by <see cref="FmaPeakProbe"/> and <see cref="BandwidthProbe"/> in a
/// few seconds: the denominators of every "% of limit" column. Kernel benchmarks are single-threaded,
/// so their percentages use <see cref="Limit.OneThread"/>.
/// </summary>
public sealed class MachineLimits
{
    /// <summary>Keys of the limits, in report order.</summary>
    public const string Fp32Fma256 = "fma-f32-256", Fp64Fma256 = "fma-f64-256", Fp32Fma512 = "fma-f32-512", Fp64Fma512 = "fma-f64-512",
        L1Read = "read-l1", L2Read = "read-l2", L3Read = "read-l3", DramRead = "read-dram", DramTriad = "triad-dram";

    /// <summary>The limits, in report order.</summary>
    public IReadOnlyList<Limit> All { get; }

    MachineLimits(IReadOnlyList<Limit> all) => All = all;

    /// <summary>The limit with this key (see the constants).</summary>
    public Limit this[string key] => All.First(l => l.Key == key);

    /// <summary>L1 data bytes per core (from /sys on Linux, else 32 KiB).</summary>
    public static long L1Bytes { get; } = CacheBytes(1) ?? 32 << 10;

    /// <summary>L2 bytes per core (from /sys on Linux, else 512 KiB).</summary>
    public static long L2Bytes { get; } = CacheBytes(2) ?? 512 << 10;

    /// <summary>L3 bytes (from /sys on Linux, else 32 MiB).</summary>
    public static long L3Bytes { get; } = CacheBytes(3) ?? 32 << 20;

    /// <summary>Runs every probe (a few seconds).</summary>
    public static MachineLimits Measure() => Measure(ProbeBudget.Full);

    /// <summary>Runs the probes within <paramref name="budget"/>.</summary>
    internal static MachineLimits Measure(ProbeBudget budget)
    {
        int all = Environment.ProcessorCount;
        int rounds = budget.Rounds;
        var list = new List<Limit>();
        void Fma(string key, string description, int bits, bool fp64) => list.Add(new(key, description, "GFLOPS",
            fp64 ? FmaPeakProbe.Gflops<double>(bits, 1, rounds, budget.FmaIterations) : FmaPeakProbe.Gflops<float>(bits, 1, rounds, budget.FmaIterations),
            fp64 ? FmaPeakProbe.Gflops<double>(bits, all, rounds, budget.FmaIterations) : FmaPeakProbe.Gflops<float>(bits, all, rounds, budget.FmaIterations)));

        if (budget.AllWidths || FmaPeakProbe.WidestBits == 256)
        {
            Fma(Fp32Fma256, "FP32 FMA peak, 256-bit", 256, fp64: false);
            if (budget.Fp64) Fma(Fp64Fma256, "FP64 FMA peak, 256-bit", 256, fp64: true);
        }
        if (ProbeWidths.HasFma(512))
        {
            Fma(Fp32Fma512, "FP32 FMA peak, 512-bit", 512, fp64: false);
            if (budget.Fp64) Fma(Fp64Fma512, "FP64 FMA peak, 512-bit", 512, fp64: true);
        }
        list.Add(new(L1Read, "L1-resident read (16 KiB/thread)", "GB/s", BandwidthProbe.ReadGBs(16 << 10, 1, rounds), BandwidthProbe.ReadGBs(16 << 10, all, rounds)));
        list.Add(new(L2Read, $"L2-resident read ({L2Bytes / 2 >> 10} KiB/thread)", "GB/s", BandwidthProbe.ReadGBs(L2Bytes / 2, 1, rounds), BandwidthProbe.ReadGBs(L2Bytes / 2, all, rounds)));
        list.Add(new(L3Read, $"L3-resident read ({L3Bytes / 8 >> 20} MiB/thread)", "GB/s", BandwidthProbe.ReadGBs(L3Bytes / 8, 1, rounds), BandwidthProbe.ReadGBs(L3Bytes / 8, all, rounds)));
        int dramRounds = Math.Min(rounds, 5);
        list.Add(new(DramRead, $"DRAM read ({budget.DramReadBytes >> 20} MiB array)", "GB/s",
            BandwidthProbe.DramReadGBs(1, dramRounds, budget.DramReadBytes), BandwidthProbe.DramReadGBs(all, dramRounds, budget.DramReadBytes)));
        GC.Collect();
        list.Add(new(DramTriad, $"DRAM triad a = b + s*c (3 x {(long)budget.TriadLength * sizeof(float) >> 20} MiB)", "GB/s",
            BandwidthProbe.TriadGBs(1, dramRounds, budget.TriadLength), BandwidthProbe.TriadGBs(all, dramRounds, budget.TriadLength)));
        GC.Collect();
        return new MachineLimits(list);
    }

    /// <summary>The limit with this key, or null if it was not measured.</summary>
    public Limit? Find(string key) => All.FirstOrDefault(l => l.Key == key);

    /// <summary>
    /// The FMA peak of the widest vectors measured (512-bit before 256-bit) for float or double, or null
    /// if none was measured on this CPU: the ceiling of GEMM on any path, so a narrower path shows
    /// how much of the machine it leaves unused.
    /// </summary>
    public Limit? FmaPeak(bool fp64) =>
        new[] { fp64 ? Fp64Fma512 : Fp32Fma512, fp64 ? Fp64Fma256 : Fp32Fma256 }
            .Select(Find).FirstOrDefault(l => l is not null && double.IsFinite(l.OneThread));

    /// <summary>Per limit, the higher of two measurements (limits present in only one are kept).</summary>
    public static MachineLimits Max(MachineLimits a, MachineLimits b) => new(a.All
        .Select(l => b.All.FirstOrDefault(m => m.Key == l.Key) is Limit m
            ? l with { OneThread = Math.Max(l.OneThread, m.OneThread), AllThreads = Math.Max(l.AllThreads, m.AllThreads) }
            : l)
        .Concat(b.All.Where(m => a.All.All(l => l.Key != m.Key)))
        .ToList());

    /// <summary>A human-readable table.</summary>
    public void Write(TextWriter o)
    {
        int all = Environment.ProcessorCount;
        o.WriteLine($"{"limit",-42} {"1 thread",10} {$"{all} threads",11}");
        foreach (Limit l in All)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{l.Description,-42} {l.OneThread,10:F1} {l.AllThreads,11:F1}  {l.Unit}"));
    }

    /// <summary>Saves as tab-separated lines (key, description, unit, 1 thread, all threads).</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllLines(path, All.Select(l => string.Create(CultureInfo.InvariantCulture,
            $"{l.Key}\t{l.Description}\t{l.Unit}\t{l.OneThread:F2}\t{l.AllThreads:F2}")));
    }

    /// <summary>Loads what <see cref="Save"/> wrote.</summary>
    public static MachineLimits Load(string path) => new(File.ReadAllLines(path)
        .Where(line => line.Length > 0)
        .Select(line => line.Split('\t'))
        .Select(f => new Limit(f[0], f[1], f[2], double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)))
        .ToList());

    /// <summary>
    /// The bandwidth a single-threaded kernel touching <paramref name="workingSetBytes"/> should be
    /// held to: the read bandwidth of the smallest cache level that holds it, or for DRAM-sized sets
    /// the triad (kernels that write) or the plain read (kernels that only read).
    /// </summary>
    public Limit BandwidthFor(long workingSetBytes, bool writes)
    {
        if (workingSetBytes <= L1Bytes) return this[L1Read];
        if (workingSetBytes <= L2Bytes) return this[L2Read];
        if (workingSetBytes <= L3Bytes / 2) return this[L3Read];
        return writes ? this[DramTriad] : this[DramRead];
    }

    static long? CacheBytes(int level)
    {
        try
        {
            foreach (string dir in Directory.EnumerateDirectories("/sys/devices/system/cpu/cpu0/cache", "index*"))
            {
                if (File.ReadAllText(Path.Combine(dir, "level")).Trim() != level.ToString(CultureInfo.InvariantCulture)) continue;
                if (File.ReadAllText(Path.Combine(dir, "type")).Trim() == "Instruction") continue;
                string size = File.ReadAllText(Path.Combine(dir, "size")).Trim();
                long mult = size.EndsWith('K') ? 1024 : size.EndsWith('M') ? 1 << 20 : 1;
                return long.Parse(size.TrimEnd('K', 'M'), CultureInfo.InvariantCulture) * mult;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}

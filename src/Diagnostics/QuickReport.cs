using System.Diagnostics;
using System.Globalization;
using FastReg.Simd;

namespace FastReg.Diagnostics;

/// <summary>
/// A few-second report of this CPU, without BenchmarkDotNet (stopwatch medians over a few rounds):
/// the active kernel path and core count; the FMA peaks and memory bandwidth (<see cref="MachineLimits"/>);
/// the GB/s of representative kernels at a cache-resident and a DRAM-sized length, as % of the
/// bandwidth limit for their working set; SGEMM and DGEMM GFLOPS at n = 256 and 1024 on one thread
/// and all, as % of the FMA peak. <see cref="Measure"/> returns the rows as data; <see cref="Run"/>
/// and <see cref="Write"/> print them as aligned plain text.
/// </summary>
public static class QuickReport
{
    /// <summary>Kernel lengths: cache-resident (4K floats: 16 KiB per array) and DRAM-sized.</summary>
    static int[] KernelLengths(bool isShort) => isShort ? [4096, 256 << 10] : [4096, DramLength];

    /// <summary>Square GEMM sizes.</summary>
    static int[] GemmSizes(bool isShort) => isShort ? [32, 64] : [256, 1024];

    /// <summary>
    /// Floats per array for the DRAM-sized kernels: at least twice the L3 in one array, so even a
    /// one-array reduction streams from memory (16M floats = 64 MiB on a 32 MiB L3, the BenchmarkDotNet
    /// suite's largest size), at most 32M.
    /// </summary>
    static int DramLength => (int)Math.Clamp(2 * MachineLimits.L3Bytes / sizeof(float), 16L << 20, 32L << 20);

    /// <summary>Measures and writes the report to <paramref name="output"/>, each row as soon as it is measured.</summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="options">Short mode, path, row callback; null for the defaults.</param>
    /// <exception cref="InvalidOperationException"><c>FASTREG_ISA</c> names no accelerated path (and no path is given).</exception>
    /// <exception cref="ArgumentException"><see cref="QuickReportOptions.Path"/> is not accelerated on this CPU.</exception>
    public static void Run(TextWriter output, QuickReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= new QuickReportOptions();
        SimdPath path = ResolvePath(options);
        WriteHeader(output, path, options.Short, DateTimeOffset.UtcNow);
        Action<QuickReportRow>? caller = options.RowMeasured;
        QuickReportResult result = Measure(options with
        {
            Path = path,
            RowMeasured = row =>
            {
                WriteRow(output, row);
                output.Flush();
                caller?.Invoke(row);
            },
        });
        WriteFooter(output, result);
    }

    /// <summary>Measures the report and returns it as data (a few seconds; well under two in the short mode).</summary>
    /// <param name="options">Short mode, path, row callback; null for the defaults.</param>
    /// <exception cref="InvalidOperationException"><c>FASTREG_ISA</c> names no accelerated path (and no path is given).</exception>
    /// <exception cref="ArgumentException"><see cref="QuickReportOptions.Path"/> is not accelerated on this CPU.</exception>
    public static QuickReportResult Measure(QuickReportOptions? options = null)
    {
        options ??= new QuickReportOptions();
        SimdPath path = ResolvePath(options);
        DateTimeOffset started = DateTimeOffset.UtcNow;
        long t0 = Stopwatch.GetTimestamp();
        var rows = new List<QuickReportRow>();
        void Add(QuickReportRow row)
        {
            rows.Add(row);
            options.RowMeasured?.Invoke(row);
        }

        MachineLimits limits = MachineLimits.Measure(options.Short ? ProbeBudget.Short : ProbeBudget.Quick);
        AddLimits(limits, Add);
        string described = Isa.Describe();
        // The kernels are measured through FastReg.Simd's public API, which runs on Isa.Active: another
        // path is measured by making it the process-wide path for the duration (see QuickReportOptions.Path).
        SimdPath? restore = ActiveOrNull() is { } active && active != path ? active : null;
        try
        {
            if (restore is not null) Isa.Active = path;
            AddKernels(limits, options.Short, Add);
            AddGemm(limits, options.Short, Add);
        }
        finally
        {
            if (restore is { } previous) Isa.Active = previous;
        }
        return new QuickReportResult(described, path, Environment.ProcessorCount, Environment.Version.ToString(),
            started, Stopwatch.GetElapsedTime(t0), options.Short, limits, rows);
    }

    /// <summary>Writes a measured report as aligned plain text.</summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="result">What <see cref="Measure"/> returned.</param>
    public static void Write(TextWriter output, QuickReportResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        WriteHeader(output, result.Path, result.Short, result.StartedUtc);
        foreach (QuickReportRow row in result.Rows) WriteRow(output, row);
        WriteFooter(output, result);
    }

    /// <summary>The active path, or null when FASTREG_ISA is invalid (then a given path is set and stays set).</summary>
    static SimdPath? ActiveOrNull()
    {
        try
        {
            return Isa.Active;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    static SimdPath ResolvePath(QuickReportOptions options)
    {
        SimdPath path = options.Path ?? Isa.Active;
        if (!Enum.IsDefined(path))
            throw new ArgumentOutOfRangeException(nameof(options), path, $"QuickReportOptions.Path: {(int)path} is not a kernel path.");
        if (!Isa.IsAccelerated(path))
            throw new ArgumentException($"The {path} path is not accelerated on this CPU (supported: {string.Join(", ", Isa.AcceleratedPaths)}).", nameof(options));
        return path;
    }

    static void AddLimits(MachineLimits limits, Action<QuickReportRow> add)
    {
        int cores = Environment.ProcessorCount;
        foreach (Limit l in limits.All)
        {
            if (!double.IsFinite(l.OneThread)) continue;
            add(new(QuickReportSection.Limits, l.Description, "", l.OneThread, l.Unit, null, l.Key));
            if (cores > 1) add(new(QuickReportSection.Limits, l.Description, "", l.AllThreads, l.Unit, null, l.Key, cores));
        }
    }

    // Kernels run on one thread, so their percentages use the one-thread limits.
    static void AddKernels(MachineLimits limits, bool isShort, Action<QuickReportRow> add)
    {
        double roundSeconds = isShort ? 0.001 : 0.003;
        int rounds = isShort ? 3 : 5;
        foreach (int n in KernelLengths(isShort))
        {
            var buffers = new KernelBuffers(n);
            foreach (KernelCase k in KernelCases.All)
            {
                double seconds = Timing.SecondsPerCall(() => k.Run(buffers), roundSeconds, rounds);
                double gbs = k.BytesMoved(n) / seconds / 1e9;
                Limit limit = limits.BandwidthFor(k.WorkingSetBytes(n), k.Write > 0);
                add(new(QuickReportSection.Kernels, k.Name, FormatLength(n), gbs, "GB/s", Percent(gbs, limit.OneThread), limit.Key));
            }
            GC.KeepAlive(buffers);
        }
        GC.Collect();
    }

    static void AddGemm(MachineLimits limits, bool isShort, Action<QuickReportRow> add)
    {
        int cores = Environment.ProcessorCount;
        double roundSeconds = isShort ? 0.002 : 0.01;
        const int Rounds = 3; // n = 1024 calls take 15-60 ms each: three are plenty for a median
        Limit? fp32 = limits.FmaPeak(fp64: false), fp64 = limits.FmaPeak(fp64: true);
        foreach (int n in GemmSizes(isShort))
        {
            foreach (int threads in cores > 1 ? [1, cores] : new[] { 1 })
            {
                double s = GemmTiming.Gflops<float>(n, threads, roundSeconds, Rounds);
                add(GemmRow("sgemm", n, threads, s, fp32));
                double d = GemmTiming.Gflops<double>(n, threads, roundSeconds, Rounds);
                add(GemmRow("dgemm", n, threads, d, fp64));
            }
        }
    }

    static QuickReportRow GemmRow(string name, int n, int threads, double gflops, Limit? peak) =>
        new(QuickReportSection.Gemm, name, n.ToString(CultureInfo.InvariantCulture), gflops, "GFLOPS",
            peak is null ? null : Percent(gflops, threads == 1 ? peak.OneThread : peak.AllThreads), peak?.Key, threads);

    static double? Percent(double value, double limit) => double.IsFinite(limit) && limit > 0 ? 100 * value / limit : null;

    /// <summary>4096 → "4K", 16777216 → "16M"; other lengths as they are.</summary>
    internal static string FormatLength(int n) =>
        n >= 1 << 20 && n % (1 << 20) == 0 ? $"{n >> 20}M"
        : n >= 1 << 10 && n % (1 << 10) == 0 ? $"{n >> 10}K"
        : n.ToString(CultureInfo.InvariantCulture);

    static void WriteHeader(TextWriter o, SimdPath path, bool isShort, DateTimeOffset started)
    {
        // "kernel path:" and ".NET x.y.z" are read back by bench/run-kernels.sh; keep both.
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"FastReg quick report  ({Environment.ProcessorCount} cores, .NET {Environment.Version}, {started:yyyy-MM-dd HH:mm} UTC)"));
        o.WriteLine($"kernel path: {Isa.Describe()}");
        if (path != Isa.Active) o.WriteLine($"measured path: {path}");
        o.WriteLine(isShort
            ? "note: SHORT mode (small sizes, few rounds): a smoke test, not this machine's limits"
            : "note: stopwatch medians on a possibly shared machine (peaks: best round in thread CPU time); BenchmarkDotNet figures: bench/run-kernels.sh");
        o.WriteLine("kernels: one thread, % of the one-thread bandwidth limit for the working set; gemm: % of the FMA peak of the same thread count");
        o.WriteLine();
        o.WriteLine($"{"section",-8} {"name",-38} {"size",6} {"thr",3} {"value",9} {"unit",-6} {"% limit",7}  {"limit",-11}");
    }

    static void WriteRow(TextWriter o, QuickReportRow r)
    {
        string percent = r.PercentOfLimit is double p ? p.ToString("F0", CultureInfo.InvariantCulture) + "%" : "";
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Section,-8} {r.Name,-38} {r.Size,6} {r.Threads,3} {r.Value,9:F1} {r.Unit,-6} {percent,7}  {r.LimitName ?? "",-11}").TrimEnd());
    }

    static void WriteFooter(TextWriter o, QuickReportResult result)
    {
        o.WriteLine();
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measured in {result.Elapsed.TotalSeconds:F1} s on the {result.Path} path"));
    }
}

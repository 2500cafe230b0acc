using System.Globalization;
using FastReg.Diagnostics;

namespace FastReg.Bench;

/// <summary>
/// <c>summarize --results DIR [--out docs/benchmarks.md]</c>: turns what bench/run-kernels.sh left in DIR
/// (env.txt, limits.tsv, quick.txt, norm-accuracy.md and BenchmarkDotNet's bdn/results/*-kernels.tsv) into
/// the markdown tables of docs/benchmarks.md: GB/s per path, the scalar reference and TensorPrimitives,
/// the ratio to TensorPrimitives, % of this machine's limit, allocated bytes, and each target of the
/// issue marked met or missed with its figures.
/// </summary>
public static class Summarize
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    static readonly string[] PathOrder = ["Scalar", "Vector", "Avx2", "Avx512"];

    /// <summary>The fused updates the issue's targets apply to (those with a composed TensorPrimitives version).</summary>
    static readonly string[] FusedUpdates = ["Sgd", "SgdMomentum", "Adam", "AdamW", "ProximalL1", "SgdProximalL1"];

    sealed record Row(string Family, string Kernel, string Impl, int Size, double MedianNs, long? Alloc, double Bytes, bool Writes, long WorkingSet)
    {
        public double GBs => Bytes / MedianNs;
    }

    /// <summary>Entry point for the <c>summarize</c> mode.</summary>
    public static int Run(string[] args)
    {
        string dir = Arg(args, "--results") ?? throw new ArgumentException("summarize needs --results DIR");
        string outPath = Arg(args, "--out") ?? "docs/benchmarks.md";
        Dictionary<string, string> env = File.Exists(Path.Combine(dir, "env.txt"))
            ? File.ReadAllLines(Path.Combine(dir, "env.txt")).Where(l => l.Contains(':', StringComparison.Ordinal))
                .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            : [];
        // The probes run before and after the benchmarks (limits.tsv, limits-end.tsv); a limit is a ceiling,
        // so on a shared machine the higher of the two medians is the better estimate of it.
        MachineLimits limits = Directory.EnumerateFiles(dir, "limits*.tsv").Order(StringComparer.Ordinal)
            .Select(MachineLimits.Load).Aggregate(MachineLimits.Max);
        List<Row> rows = LoadRows(dir);
        s_alloc = LoadAlloc(Path.Combine(dir, "alloc.tsv"));

        using var o = new StringWriter(Inv);
        WriteDoc(o, dir, env, limits, rows);
        string outDir = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        AppendSections(o, outDir);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(outPath, o.ToString());
        Console.WriteLine($"wrote {outPath} ({rows.Count} benchmark cases)");
        return 0;
    }

    /// <summary>
    /// Appends the other benchmark sections kept beside the doc (benchmarks-gemm.md, benchmarks-nn.md,
    /// benchmarks-training.md: tables from their own commands), each title demoted one level, so
    /// docs/benchmarks.md holds every figure and a rerun of the kernel suite keeps them.
    /// </summary>
    static void AppendSections(TextWriter o, string dir)
    {
        if (!Directory.Exists(dir)) return;
        foreach (string file in Directory.EnumerateFiles(dir, "benchmarks-*.md").Order(StringComparer.Ordinal))
        {
            o.WriteLine();
            bool inCode = false; // shell comments inside ``` blocks are not titles
            foreach (string line in File.ReadAllLines(file))
            {
                if (line.StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
                o.WriteLine(!inCode && line.StartsWith('#') ? "#" + line : line);
            }
        }
    }

    static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Exact bytes per call from the alloc-check mode, keyed by (family, kernel, path, size).</summary>
    static Dictionary<(string, string, string, int), long> s_alloc = [];

    static Dictionary<(string, string, string, int), long> LoadAlloc(string path)
    {
        var d = new Dictionary<(string, string, string, int), long>();
        if (!File.Exists(path)) return d;
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] f = line.Split('\t');
            if (f.Length < 5) continue;
            d[(f[0].Replace("Benchmarks", "", StringComparison.Ordinal), f[1], f[2], int.Parse(f[3], Inv))] = long.Parse(f[4], Inv);
        }
        return d;
    }

    static long? ExactAlloc(Row r) => s_alloc.TryGetValue((r.Family, r.Kernel, r.Impl, r.Size), out long b) ? b : null;

    static List<Row> LoadRows(string dir)
    {
        var rows = new List<Row>();
        foreach (string file in Directory.EnumerateFiles(dir, "*-kernels.tsv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (string line in File.ReadLines(file).Skip(1))
            {
                string[] f = line.Split('\t');
                if (f.Length < 11 || f[4].Length == 0 || f[8].Length == 0) continue; // failed case or no [Traffic]
                string family = f[0].Replace("Benchmarks", "", StringComparison.Ordinal).Replace("Baselines", "", StringComparison.Ordinal);
                rows.Add(new Row(family, f[1], f[2], int.Parse(f[3], Inv), double.Parse(f[4], Inv),
                    f[7].Length == 0 ? null : long.Parse(f[7], Inv), double.Parse(f[8], Inv), f[9] == "1",
                    f[10].Length == 0 ? 0 : long.Parse(f[10], Inv)));
            }
        }
        return rows;
    }

    static void WriteDoc(StringWriter o, string dir, Dictionary<string, string> env, MachineLimits limits, List<Row> rows)
    {
        string Env(string key) => env.TryGetValue(key, out string? v) ? v : "?";
        string[] paths = PathOrder.Where(p => rows.Any(r => r.Impl == p)).ToArray();
        string best = paths.LastOrDefault() ?? "Scalar";
        string rel = dir.Replace('\\', '/');

        o.WriteLine("# FastReg benchmarks");
        o.WriteLine();
        o.WriteLine("Generated by `bench/summarize` from the raw results in `" + rel + "/`; regenerate everything with one command: `bench/run-kernels.sh`.");
        o.WriteLine();
        o.WriteLine("## Machine and conditions");
        o.WriteLine();
        o.WriteLine($"- CPU: {Env("cpu")}; {Env("cores")} cores; caches {Env("caches")}");
        o.WriteLine($"- kernel path: `{Env("isa")}`");
        o.WriteLine($"- .NET {Env("dotnet")}, BenchmarkDotNet 0.14.0, System.Numerics.Tensors 11.0.0; commit `{Env("commit")}`");
        o.WriteLine($"- taken {Env("date-start")} to {Env("date-end")}; load average before {Env("load-start")}, after {Env("load-end")}");
        o.WriteLine($"- {Env("note")}");
        o.WriteLine("- Every time is a **median** (the machine is a shared 2-vCPU KVM guest, so means are noisy). BenchmarkDotNet job: in-process, 2 warm-up + 6 measured iterations of ~25 ms, unroll 1, tiered compilation off (`runtimeconfig.template.json`: every method, ours and TensorPrimitives', runs fully optimized from its first call).");
        o.WriteLine("- GB/s = bytes moved per call / median time. Bytes moved: each array the kernel must read counts once and each array it writes counts once (STREAM convention, write-allocate not counted), as declared by `[Traffic]` on each benchmark method: reductions read 1 array (Dot 2); Sgd and SgdProximalL1 read w, g and write w (3); SgdMomentum 5; Adam/AdamW 7 (read w, g, m, v; write w, m, v); ProximalL1 and MaxNormRows 2; TopKMask 4 (the benchmark first copies a fresh gradient in); activations forward 2 (x, y), backward 3 (input or output, dy, dx). Composed TensorPrimitives versions are charged the same bytes, so their GB/s is directly comparable (their real traffic is higher).");
        o.WriteLine("- % of limit: the kernel's GB/s over the 1-thread bandwidth of the level its working set fits in (L1 read, L2 read, L3 read; above L3: DRAM triad for kernels that write, DRAM read for pure reductions). Sizes: 256 (1 KiB/array), 4K (16 KiB), 64K (256 KiB), 1M (4 MiB), 16M (64 MiB) float elements.");
        o.WriteLine("- Noise: BenchmarkDotNet runs the cases one after another, so a load change between two cases shows up as a difference between them. Where Vector<T> is 256-bit (see the kernel path line), the Vector and Avx2 paths run at the same width and their gap is a direct view of that noise. The quick report at the end (FastReg.Diagnostics.QuickReport) is a few-second stopwatch look at a representative set of kernels and GEMM, taken before the benchmarks; its TensorPrimitives comparisons are the Baselines rows above.");
        o.WriteLine(paths.Contains("Avx512")
            ? $"- Paths timed: {string.Join(", ", paths)}; the ratio and % columns use {best}, the path the library picks on this CPU."
            : $"- Avx512: **not accelerated on this CPU** (Vector512 is emulated in software here), so that path is not timed; it appears as \"n/a\" below. Paths timed: {string.Join(", ", paths)}; the ratio and % columns use {best}, the path the library picks on this CPU.");
        o.WriteLine();

        o.WriteLine("## This machine's limits");
        o.WriteLine();
        o.WriteLine($"Command: `dotnet bench/FastReg.Bench/bin/Release/net10.0/FastReg.Bench.dll limits` run once before and once after the benchmarks (raw: `{rel}/limits.tsv`, `limits-end.tsv`); each figure is the higher of the two medians (of 5-7 repeats each), since a limit is a ceiling and the machine is shared.");
        o.WriteLine();
        o.WriteLine($"| limit | 1 thread | {Env("cores")} threads | unit |");
        o.WriteLine("|---|---:|---:|---|");
        foreach (Limit l in limits.All) o.WriteLine(string.Create(Inv, $"| {l.Description} | {l.OneThread:F1} | {l.AllThreads:F1} | {l.Unit} |"));
        o.WriteLine();

        WriteTargets(o, limits, rows, best, dir);

        string acc = Path.Combine(dir, "norm-accuracy.md");
        if (File.Exists(acc))
        {
            o.WriteLine("## Norm accuracy");
            o.WriteLine();
            o.WriteLine("Command: `dotnet bench/FastReg.Bench/bin/Release/net10.0/FastReg.Bench.dll norm-accuracy` (deterministic; raw: `norm-accuracy.md`). Reference: max |x| · √Σ(x / max |x|)², Kahan-summed in double. TensorPrimitives.Norm accumulates in float, so its squares overflow above ~1.8e19 and underflow below ~1e-23, and its rounding error grows with n.");
            o.WriteLine();
            o.WriteLine(File.ReadAllText(acc).TrimEnd());
            o.WriteLine();
        }

        foreach (string family in rows.Select(r => r.Family).Distinct().ToList())
            WriteFamily(o, limits, rows.Where(r => r.Family == family).ToList(), family, paths, best);

        string quick = Path.Combine(dir, "quick.txt");
        if (File.Exists(quick))
        {
            o.WriteLine("## Quick report");
            o.WriteLine();
            o.WriteLine("Command: `dotnet bench/FastReg.Bench/bin/Release/net10.0/FastReg.Bench.dll quick` (stopwatch medians, a few seconds; the interim main job). Output of the same run:");
            o.WriteLine();
            o.WriteLine("```");
            o.WriteLine(File.ReadAllText(quick).TrimEnd());
            o.WriteLine("```");
            o.WriteLine();
        }
    }

    static void WriteTargets(StringWriter o, MachineLimits limits, List<Row> rows, string best, string dir)
    {
        o.WriteLine("## Targets of the issue");
        o.WriteLine();
        o.WriteLine("One run, figures from the tables below. \"met\" / \"MISSED\" is decided mechanically by `bench/summarize`.");
        o.WriteLine();
        Row? Find(string family, string kernel, string impl, int size) =>
            rows.FirstOrDefault(r => r.Family == family && r.Kernel == kernel && r.Impl == impl && r.Size == size);
        int[] sizes = rows.Select(r => r.Size).Distinct().Order().ToArray();

        // 1. Norm throughput >= TensorPrimitives.Norm at every size.
        var normParts = new List<string>();
        bool normOk = true;
        foreach (int n in sizes)
        {
            Row? ours = Find("Reduction", "Norm", best, n), tp = Find("Reduction", "Norm", "TensorPrimitives", n);
            if (ours is null || tp is null) continue;
            double ratio = ours.GBs / tp.GBs;
            normOk &= ratio >= 1.0;
            normParts.Add(string.Create(Inv, $"{SizeName(n)}: {ours.GBs:F1} vs {tp.GBs:F1} GB/s ({ratio:F2}x)"));
        }
        o.WriteLine($"1. **Norm throughput ≥ TensorPrimitives.Norm at every size: {(normParts.Count == 0 ? "not measured" : normOk ? "met" : "MISSED")}.** {(normParts.Count == 0 ? "" : $"Reductions.Norm<float> ({best}) vs TensorPrimitives.Norm: {string.Join("; ", normParts)}.")}");

        // 2. Norm more accurate (from the norm-accuracy table).
        string acc = Path.Combine(dir, "norm-accuracy.md");
        if (File.Exists(acc))
        {
            var table = File.ReadAllLines(acc).Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| data", StringComparison.Ordinal)).ToList();
            bool accOk = table.Count > 0;
            var perData = new Dictionary<string, (double Ours, double Tp)>();
            foreach (string line in table)
            {
                string[] c = line.Trim('|').Split('|').Select(s => s.Trim()).ToArray();
                double ours = c.Skip(2).SkipLast(1).Max(ParseErr), tp = ParseErr(c[^1]);
                accOk &= ours <= tp && ours < 1.2e-7;
                perData[c[0]] = perData.TryGetValue(c[0], out var p) ? (Math.Max(p.Ours, ours), Math.Max(p.Tp, tp)) : (ours, tp);
            }
            o.WriteLine($"2. **Norm more accurate than TensorPrimitives.Norm: {(accOk ? "met" : "MISSED")}.** Max relative error vs a scaled double reference, all paths and lengths 1000-16M: " +
                string.Join("; ", perData.Select(kv => $"{kv.Key}: {FormatErr(kv.Value.Ours)} vs TensorPrimitives {FormatErr(kv.Value.Tp)}")) +
                " (full table below; command `dotnet bench/FastReg.Bench/bin/Release/net10.0/FastReg.Bench.dll norm-accuracy`).");
        }

        // 3. Each fused update >= 2x the composed TensorPrimitives version at 1M.
        int m1 = 1 << 20, m16 = 16 << 20;
        var parts3 = new List<string>();
        bool ok3 = true;
        foreach (string k in FusedUpdates)
        {
            Row? ours = Find("Update", k, best, m1), tp = Find("Update", k, "TensorPrimitives", m1);
            if (ours is null || tp is null) continue;
            double ratio = ours.GBs / tp.GBs;
            ok3 &= ratio >= 2.0;
            parts3.Add(string.Create(Inv, $"{k} {ratio:F2}x ({ours.GBs:F1} vs {tp.GBs:F1} GB/s){(ratio >= 2.0 ? "" : " **missed**")}"));
        }
        o.WriteLine($"3. **Each fused update ≥ 2x the composed TensorPrimitives version at 1M elements: {(parts3.Count == 0 ? "not measured" : ok3 ? "met" : "MISSED")}.** {(parts3.Count == 0 ? "" : string.Join("; ", parts3) + ".")}");

        // 4. Each fused update >= 85% of the triad bandwidth at 16M.
        double triad = limits[MachineLimits.DramTriad].OneThread;
        var parts4 = new List<string>();
        bool ok4 = true;
        foreach (string k in FusedUpdates)
        {
            Row? ours = Find("Update", k, best, m16);
            if (ours is null) continue;
            double pct = ours.GBs / triad;
            ok4 &= pct >= 0.85;
            parts4.Add(string.Create(Inv, $"{k} {100 * pct:F1}% ({ours.GBs:F1} GB/s){(pct >= 0.85 ? "" : " **missed**")}"));
        }
        o.WriteLine(string.Create(Inv, $"4. **Each fused update ≥ 85% of the measured triad bandwidth ({triad:F1} GB/s, 1 thread) at 16M elements: {(parts4.Count == 0 ? "not measured" : ok4 ? "met" : "MISSED")}.** {(parts4.Count == 0 ? "" : string.Join("; ", parts4) + ".")}"));
        o.WriteLine("   (A fused update may exceed 100% of the triad: it writes only arrays it has just read, so it pays no write-allocate, while the triad's a = b + s*c moves 4 arrays' worth for the 3 it is credited with: up to 4/3 is physical. Figures well above that mean the probe ran under heavier load than the kernel; see the limits table, which takes the better of a before and an after probe.)");

        // 5. 0 bytes allocated by every kernel call: the exact per-thread check decides; BenchmarkDotNet's column is shown too.
        var ourRows = rows.Where(r => PathOrder.Contains(r.Impl)).ToList();
        var bdnNonZero = ourRows.Where(r => r.Alloc is > 0).ToList();
        string bdn = bdnNonZero.Count == 0
            ? $"BenchmarkDotNet's MemoryDiagnoser also reports 0 B/op for all {ourRows.Count} timed FastReg cases."
            : $"BenchmarkDotNet's in-process MemoryDiagnoser (which counts every thread of the process) shows non-zero B/op in {bdnNonZero.Count} of {ourRows.Count} timed FastReg cases (max {bdnNonZero.Max(r => r.Alloc)} B/op, at random kernels and sizes: other threads' bytes divided by few calls); the per-thread check above is the exact figure.";
        if (s_alloc.Count > 0)
        {
            var allocating = s_alloc.Where(kv => kv.Value != 0).ToList();
            o.WriteLine($"5. **0 bytes allocated by every kernel call: {(allocating.Count == 0 ? "met" : "MISSED")}.** " +
                (allocating.Count == 0
                    ? $"Exact check (`dotnet bench/FastReg.Bench/bin/Release/net10.0/FastReg.Bench.dll alloc-check`: GC.GetAllocatedBytesForCurrentThread around warmed-up calls): 0 B per call in all {s_alloc.Count} cases (every kernel benchmark, path and size). "
                    : "Allocating cases (exact check, `alloc-check`): " + string.Join("; ", allocating.Select(kv => $"{kv.Key.Item1}.{kv.Key.Item2} {kv.Key.Item3} {SizeName(kv.Key.Item4)}: {kv.Value} B")) + ". ") + bdn);
        }
        else
        {
            o.WriteLine($"5. **0 bytes allocated by every kernel call: {(bdnNonZero.Count == 0 && ourRows.Count > 0 ? "met" : "not decided")}.** No exact check in this results folder (alloc.tsv). " + bdn);
        }
        o.WriteLine();
    }

    static void WriteFamily(StringWriter o, MachineLimits limits, List<Row> rows, string family, string[] paths, string best)
    {
        o.WriteLine($"## {family} kernels");
        o.WriteLine();
        o.WriteLine($"Command: `bench/run-kernels.sh` → `dotnet bench/FastReg.Bench/bin/Release/net10.0/FastReg.Bench.dll --filter 'FastReg.Bench.Kernels.*'` (classes `{family}Benchmarks`, `{family}Baselines`); raw: `*{family}*-kernels.tsv`. GB/s per implementation; \"vs TP\" = {best} / TensorPrimitives; \"% limit\" = {best} vs the limit named; alloc = max bytes per call over the FastReg paths (exact per-thread check where available).");
        o.WriteLine();
        o.Write("| kernel | size |");
        foreach (string p in paths) o.Write($" {p} |");
        if (!paths.Contains("Avx512")) o.Write(" Avx512 |");
        o.WriteLine($" Reference | TensorPrimitives | vs TP | {best} ns | % limit | alloc B |");
        o.Write("|---|---:|");
        foreach (string _ in paths) o.Write("---:|");
        if (!paths.Contains("Avx512")) o.Write("---|");
        o.WriteLine("---:|---:|---:|---:|---|---:|");

        foreach (string kernel in rows.Select(r => r.Kernel).Distinct().ToList())
        {
            foreach (int size in rows.Where(r => r.Kernel == kernel).Select(r => r.Size).Distinct().Order())
            {
                Row? Get(string impl) => rows.FirstOrDefault(r => r.Kernel == kernel && r.Size == size && r.Impl == impl);
                o.Write($"| {kernel} | {SizeName(size)} |");
                foreach (string p in paths) o.Write($" {G(Get(p))} |");
                if (!paths.Contains("Avx512")) o.Write(" n/a |");
                Row? b = Get(best), tp = Get("TensorPrimitives");
                string ratio = b is not null && tp is not null ? (b.GBs / tp.GBs).ToString("F2", Inv) + "x" : "";
                string ns = b is null ? "" : b.MedianNs.ToString(b.MedianNs < 100 ? "F1" : "N0", Inv);
                string pct = "";
                if (b is not null)
                {
                    Limit l = limits.BandwidthFor(b.WorkingSet, b.Writes);
                    pct = string.Create(Inv, $"{100 * b.GBs / l.OneThread:F0}% {l.Key}");
                }
                long? alloc = paths.Select(p => Get(p) is Row r ? ExactAlloc(r) ?? r.Alloc : null).Max();
                o.WriteLine($" {G(Get("Reference"))} | {G(tp)} | {ratio} | {ns} | {pct} | {alloc?.ToString(Inv) ?? ""} |");
            }
        }
        o.WriteLine();
    }

    static string G(Row? r) => r is null ? "" : r.GBs.ToString(r.GBs < 10 ? "F2" : "F1", Inv);

    static string SizeName(int n) => n >= 1 << 20 ? $"{n >> 20}M" : n >= 1 << 10 ? $"{n >> 10}K" : n.ToString(Inv);

    static double ParseErr(string s) => s == "inf" ? double.PositiveInfinity : double.Parse(s, Inv);

    static string FormatErr(double e) => double.IsInfinity(e) ? "inf (overflow)" : e == 1 ? "1 (underflow to 0)" : e.ToString("0.0e+00", Inv);
}

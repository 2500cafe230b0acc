using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using FastReg.Bench.Probes;
using FastReg.Simd;

namespace FastReg.Bench;

/// <summary>
/// A few-second report of this CPU (not BenchmarkDotNet; stopwatch medians): the active path, the
/// machine's limits from the probes, and each kernel's GB/s on the active path at an L1-resident,
/// an L3-sized and a DRAM-sized length, with its % of the limit that applies at that size and its
/// ratio to the TensorPrimitives baseline where one exists. The kernels are the [Benchmark] methods
/// of the <see cref="PathBenchmark"/> classes, so the report and BenchmarkDotNet time the same calls.
/// </summary>
public static class QuickReport
{
    static readonly int[] Sizes = [4096, 1 << 20, 16 << 20];

    /// <summary>Writes the report.</summary>
    public static void Run(TextWriter o)
    {
        o.WriteLine($"FastReg quick report  ({Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        o.WriteLine($"kernel path: {Isa.Describe()}");
        o.WriteLine("note: stopwatch medians on a possibly shared machine; BenchmarkDotNet figures: bench/run-kernels.sh");
        o.WriteLine();

        MachineLimits limits = MachineLimits.Measure();
        limits.Write(o);
        o.WriteLine();

        o.WriteLine("kernels (float, one thread, active path; % of the 1-thread limit for the working set; x TP = ratio to TensorPrimitives)");
        o.WriteLine($"{"kernel",-28} {"size",9} {"ns/call",12} {"GB/s",7} {"% limit",8} {"limit",-10} {"TP GB/s",8} {"x TP",6}");
        foreach (Type type in BenchmarkCatalog.PathBenchmarkTypes())
            foreach (int size in Sizes)
                RunClass(o, limits, type, size);

        // GEMM as % of the FP32 FMA peak of the widest vectors the CPU accelerates.
        o.WriteLine();
        string peak = Isa.IsAccelerated(SimdPath.Avx512) ? MachineLimits.Fp32Fma512 : MachineLimits.Fp32Fma256;
        Gemm.QuickGemmReport.Run(o, limits[peak].OneThread);
    }

    static void RunClass(TextWriter o, MachineLimits limits, Type type, int size)
    {
        var bench = (PathBenchmark)Activator.CreateInstance(type)!;
        bench.Size = size;
        bench.Path = Isa.Active;
        BenchmarkCatalog.Setup(bench);

        // TensorPrimitives baselines live in the sibling *Baselines class as Kernel_TensorPrimitives.
        Type? baseType = type.Assembly.GetType(type.FullName!.Replace("Benchmarks", "Baselines", StringComparison.Ordinal));
        BaselineBenchmark? baseline = null;
        if (baseType is not null)
        {
            baseline = (BaselineBenchmark)Activator.CreateInstance(baseType)!;
            baseline.Size = size;
            BenchmarkCatalog.Setup(baseline);
        }

        foreach (MethodInfo m in BenchmarkCatalog.Methods(type))
        {
            TrafficAttribute? traffic = m.GetCustomAttribute<TrafficAttribute>();
            if (traffic is null) continue;
            double bytes = (double)traffic.Arrays * size * traffic.ElementBytes;
            double s = Measure.SecondsPerCall(BenchmarkCatalog.ToAction(m, bench), 0.003, 5);
            double gbs = bytes / s / 1e9;
            Limit limit = limits.BandwidthFor((long)traffic.Distinct * size * traffic.ElementBytes, traffic.Writes);

            string tp = "", ratio = "";
            MethodInfo? tpMethod = baseType?.GetMethod(m.Name + "_TensorPrimitives");
            if (tpMethod is not null)
            {
                double tpGbs = bytes / Measure.SecondsPerCall(BenchmarkCatalog.ToAction(tpMethod, baseline!), 0.003, 5) / 1e9;
                tp = tpGbs.ToString("F1", CultureInfo.InvariantCulture);
                ratio = (gbs / tpGbs).ToString("F2", CultureInfo.InvariantCulture);
            }
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{type.Name.Replace("Benchmarks", "", StringComparison.Ordinal) + "." + m.Name,-28} {size,9} {s * 1e9,12:F0} {gbs,7:F1} {100 * gbs / limit.OneThread,7:F0}% {limit.Key,-10} {tp,8} {ratio,6}"));
        }
        BenchmarkCatalog.Cleanup(bench);
        if (baseline is not null) BenchmarkCatalog.Cleanup(baseline);
        GC.Collect();
    }

}

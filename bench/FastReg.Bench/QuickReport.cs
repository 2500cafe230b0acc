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
        foreach (Type type in BenchmarkTypes())
            foreach (int size in Sizes)
                RunClass(o, limits, type, size);

        // GEMM section: the gemm branch provides QuickGemmReport.Run(TextWriter, double fp32PeakGflops).
        o.WriteLine();
        // QuickGemmReport.Run(o, limits[MachineLimits.Fp32Fma256].OneThread);
    }

    /// <summary>The per-path benchmark classes, in name order.</summary>
    static IEnumerable<Type> BenchmarkTypes() => typeof(QuickReport).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(PathBenchmark)))
        .OrderBy(t => t.Name, StringComparer.Ordinal);

    static void RunClass(TextWriter o, MachineLimits limits, Type type, int size)
    {
        var bench = (PathBenchmark)Activator.CreateInstance(type)!;
        bench.Size = size;
        bench.Path = Isa.Active;
        Setup(bench);

        // TensorPrimitives baselines live in the sibling *Baselines class as Kernel_TensorPrimitives.
        Type? baseType = type.Assembly.GetType(type.FullName!.Replace("Benchmarks", "Baselines", StringComparison.Ordinal));
        BaselineBenchmark? baseline = null;
        if (baseType is not null)
        {
            baseline = (BaselineBenchmark)Activator.CreateInstance(baseType)!;
            baseline.Size = size;
            Setup(baseline);
        }

        foreach (MethodInfo m in BenchmarkMethods(type))
        {
            TrafficAttribute? traffic = m.GetCustomAttribute<TrafficAttribute>();
            if (traffic is null) continue;
            double bytes = (double)traffic.Arrays * size * traffic.ElementBytes;
            double s = Measure.SecondsPerCall(ToAction(m, bench), 0.003, 5);
            double gbs = bytes / s / 1e9;
            Limit limit = limits.BandwidthFor((long)traffic.Distinct * size * traffic.ElementBytes, traffic.Writes);

            string tp = "", ratio = "";
            MethodInfo? tpMethod = baseType?.GetMethod(m.Name + "_TensorPrimitives");
            if (tpMethod is not null)
            {
                double tpGbs = bytes / Measure.SecondsPerCall(ToAction(tpMethod, baseline!), 0.003, 5) / 1e9;
                tp = tpGbs.ToString("F1", CultureInfo.InvariantCulture);
                ratio = (gbs / tpGbs).ToString("F2", CultureInfo.InvariantCulture);
            }
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{type.Name.Replace("Benchmarks", "", StringComparison.Ordinal) + "." + m.Name,-28} {size,9} {s * 1e9,12:F0} {gbs,7:F1} {100 * gbs / limit.OneThread,7:F0}% {limit.Key,-10} {tp,8} {ratio,6}"));
        }
        Cleanup(bench);
        if (baseline is not null) Cleanup(baseline);
        GC.Collect();
    }

    static IEnumerable<MethodInfo> BenchmarkMethods(Type type) => type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
        .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
        .OrderBy(m => m.MetadataToken);

    static void Setup(object bench)
    {
        foreach (MethodInfo m in bench.GetType().GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null))
            m.Invoke(bench, null);
    }

    static void Cleanup(object bench)
    {
        foreach (MethodInfo m in bench.GetType().GetMethods().Where(m => m.GetCustomAttribute<GlobalCleanupAttribute>() is not null))
            m.Invoke(bench, null);
    }

    /// <summary>A direct delegate to the benchmark method (no reflection per call); results go to a sink.</summary>
    static Action ToAction(MethodInfo m, object target)
    {
        if (m.ReturnType == typeof(void)) return m.CreateDelegate<Action>(target);
        MethodInfo wrap = typeof(QuickReport).GetMethod(nameof(Wrap), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(m.ReturnType);
        Delegate f = m.CreateDelegate(typeof(Func<>).MakeGenericType(m.ReturnType), target);
        return (Action)wrap.Invoke(null, [f])!;
    }

    static Action Wrap<TResult>(Func<TResult> f) => () => Sink<TResult>.Value = f();

    static class Sink<TResult>
    {
        public static TResult? Value;
    }
}

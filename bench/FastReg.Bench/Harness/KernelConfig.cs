using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace FastReg.Bench;

/// <summary>
/// The short job every kernel benchmark uses, so the whole suite (~hundreds of cases) fits in about ten
/// minutes on a 2-core box: in-process (no process per case), 2 warm-ups and 6 measured iterations of
/// about 25 ms. Unroll factor 1 so that a 16M-element case is not called 16 times per iteration; the
/// per-call overhead this leaves in (a direct call, about a nanosecond) is not subtracted.
/// Adds allocated bytes (MemoryDiagnoser), a GB/s column and the TSV that bench/summarize reads.
/// </summary>
public sealed class KernelConfig : ManualConfig
{
    /// <summary>Builds the config.</summary>
    public KernelConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(6)
            .WithIterationTime(TimeInterval.FromMilliseconds(25))
            .WithUnrollFactor(1)
            .WithEvaluateOverhead(false)
            .WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, new GBsColumn());
        AddExporter(new KernelTsvExporter());
        SummaryStyle = SummaryStyle.Default.WithMaxParameterColumnWidth(20);
    }
}

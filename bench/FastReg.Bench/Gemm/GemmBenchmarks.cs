using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace FastReg.Bench.Gemm;

/// <summary>One row of the GEMM benchmark: a shape and who computes it.</summary>
public sealed record GemmBenchCase(GemmShape Shape, string Contestant)
{
    public override string ToString() => $"{Shape.Short} {Contestant.Replace("FastReg ", "", StringComparison.Ordinal)}";
}

/// <summary>
/// Short in-process job (the whole SGEMM + DGEMM table in under ~10 minutes) with a GFLOPS column.
/// Run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset so OpenBLAS picks its own kernel:
/// <c>env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE dotnet run -c Release --project bench/FastReg.Bench -- --filter '*gemmBenchmarks*'</c>.
/// </summary>
public sealed class GemmBenchConfig : ManualConfig
{
    public GemmBenchConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithMinIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(60)));
        AddColumn(new GflopsColumn());
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
        WithOption(ConfigOptions.DisableLogFile, true);
        WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
    }

    sealed class GflopsColumn : IColumn
    {
        public string Id => "GFLOPS";
        public string ColumnName => "GFLOPS";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "2·m·n·k / mean time";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            BenchmarkReport? report = summary[benchmarkCase];
            if (report?.ResultStatistics is null) return "–";
            object? value = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Case")?.Value;
            return value is GemmBenchCase c ? $"{c.Shape.Flops / report.ResultStatistics.Mean:F1}" : "–";
        }
    }
}

/// <summary>GEMM per shape and contestant (FastReg paths at 1 and all threads, OpenBLAS, MathNet).</summary>
public abstract class GemmBenchmarks<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    GemmOperands<T>? _data;
    GemmContestant? _contestant;

    [ParamsSource(nameof(Cases))]
    public GemmBenchCase Case { get; set; } = null!;

    public static IEnumerable<GemmBenchCase> Cases()
    {
        List<GemmContestant> contestants = GemmContestants.For<T>(_ => null!, Environment.ProcessorCount);
        foreach (GemmShape s in GemmShape.All)
            foreach (GemmContestant c in contestants)
                if (c.Runs(s)) yield return new GemmBenchCase(s, c.Name);
    }

    [GlobalSetup]
    public void Setup()
    {
        _data = new GemmOperands<T>(Case.Shape);
        _contestant = GemmContestants.For<T>(_ => _data, Environment.ProcessorCount).Single(c => c.Name == Case.Contestant);
        _contestant.Prepare();
        _contestant.Run(Case.Shape);
    }

    [Benchmark]
    public void Gemm() => _contestant!.Run(Case.Shape);
}

[Config(typeof(GemmBenchConfig))]
public class SgemmBenchmarks : GemmBenchmarks<float>;

[Config(typeof(GemmBenchConfig))]
public class DgemmBenchmarks : GemmBenchmarks<double>;

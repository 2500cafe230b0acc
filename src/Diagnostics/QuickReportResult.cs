using FastReg.Simd;

namespace FastReg.Diagnostics;

/// <summary>What <see cref="QuickReport.Measure"/> measured.</summary>
/// <param name="KernelPath"><see cref="Isa.Describe"/> at the start: active and best path, vector width, CPU features.</param>
/// <param name="Path">The kernel path the kernels and GEMM ran on.</param>
/// <param name="Cores">Logical cores (<see cref="Environment.ProcessorCount"/>): the "all threads" count.</param>
/// <param name="Runtime">The .NET version.</param>
/// <param name="StartedUtc">When the measurement started.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="Short">Whether it ran in the short mode (<see cref="QuickReportOptions.Short"/>).</param>
/// <param name="Limits">The probes' results, the denominators of the percentages.</param>
/// <param name="Rows">Every measurement, in report order.</param>
public sealed record QuickReportResult(
    string KernelPath, SimdPath Path, int Cores, string Runtime, DateTimeOffset StartedUtc, TimeSpan Elapsed, bool Short,
    MachineLimits Limits, IReadOnlyList<QuickReportRow> Rows);

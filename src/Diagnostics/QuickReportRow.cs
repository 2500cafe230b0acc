namespace FastReg.Diagnostics;

/// <summary>One measurement of the quick report.</summary>
/// <param name="Section">One of <see cref="QuickReportSection"/>: limits, kernels or gemm.</param>
/// <param name="Name">What was measured: a probe's description, a kernel (<c>Sum</c>, <c>AdamW</c>) or <c>sgemm</c>/<c>dgemm</c>.</param>
/// <param name="Size">Problem size for display: floats per array for kernels (<c>4K</c>, <c>16M</c>), n of the n×n×n product for GEMM, empty for probes.</param>
/// <param name="Value">The measurement, in <paramref name="Unit"/>.</param>
/// <param name="Unit"><c>GB/s</c> or <c>GFLOPS</c>.</param>
/// <param name="PercentOfLimit">Value as % of the limit that applies (<paramref name="LimitName"/>), or null where none applies or none was measured.</param>
/// <param name="LimitName">Key of the <see cref="Limit"/> the percentage refers to (for probe rows: the probe's own key).</param>
/// <param name="Threads">Threads the measurement ran on.</param>
public sealed record QuickReportRow(
    string Section, string Name, string Size, double Value, string Unit, double? PercentOfLimit, string? LimitName, int Threads = 1);

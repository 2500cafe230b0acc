using FastReg.Simd;

namespace FastReg.Diagnostics;

/// <summary>Settings of <see cref="QuickReport"/>.</summary>
public sealed record QuickReportOptions
{
    /// <summary>
    /// Fewer rounds and small sizes (kernels at 4K and 256K floats, GEMM at n = 32 and 64, 8 MiB
    /// "DRAM" arrays that may sit in a cache): well under two seconds, for tests and smoke checks.
    /// The numbers are real measurements but not the machine's limits.
    /// </summary>
    public bool Short { get; init; }

    /// <summary>
    /// The kernel path to measure; null (the default) measures <see cref="Isa.Active"/>. Another path is
    /// made the process-wide <see cref="Isa.Active"/> while the kernels and GEMM are measured and restored
    /// after, so kernels other threads run meanwhile run on it too.
    /// </summary>
    public SimdPath? Path { get; init; }

    /// <summary>Called with each row as soon as it is measured (for a live display); may be null.</summary>
    public Action<QuickReportRow>? RowMeasured { get; init; }
}

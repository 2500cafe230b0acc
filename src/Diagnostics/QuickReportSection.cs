namespace FastReg.Diagnostics;

/// <summary>The sections of the quick report, in report order (values of <see cref="QuickReportRow.Section"/>).</summary>
public static class QuickReportSection
{
    /// <summary>This machine's limits: FMA peaks and memory bandwidth probes.</summary>
    public const string Limits = "limits";

    /// <summary>Memory-bound kernels (one thread) in GB/s, as % of the bandwidth limit for their working set.</summary>
    public const string Kernels = "kernels";

    /// <summary>SGEMM and DGEMM in GFLOPS, as % of the FMA peak.</summary>
    public const string Gemm = "gemm";
}

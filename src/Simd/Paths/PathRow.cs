using FastReg.Simd.Gemm;

namespace FastReg.Simd;

/// <summary>One row of <see cref="PathTable"/>: everything FastReg knows about one kernel path.</summary>
internal sealed class PathRow
{
    /// <summary>The path; its value is the row's index in the table.</summary>
    public required SimdPath Path { get; init; }

    /// <summary>The vector type the element-wise drivers use on this path.</summary>
    public required VectorWidth Width { get; init; }

    /// <summary>The <c>FASTREG_ISA</c> value.</summary>
    public required string Name { get; init; }

    /// <summary>For people.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Whether the detection implies hardware FMA at this width.</summary>
    public bool HardwareFma { get; init; }

    /// <summary>What the CPU and runtime must report, in words (the same test as <see cref="IsAccelerated"/>).</summary>
    public required string Requires { get; init; }

    /// <summary>Whether this process accelerates the path (evaluated once: the hardware does not change).</summary>
    public required bool IsAccelerated { get; init; }

    /// <summary>The GEMM micro-kernel and block sizes.</summary>
    public required GemmKernelRow Gemm { get; init; }

    /// <summary>Where products too small for this path's kernel run instead (null: here).</summary>
    public SimdPath? SmallGemmOn { get; init; }

    /// <summary>The GEMV kernel.</summary>
    public required GemvKernelRow Gemv { get; init; }
}

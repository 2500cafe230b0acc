namespace FastReg.Simd;

/// <summary>
/// One kernel path as FastReg runs it: one row of the path table, for reports (<c>fastreg info</c>,
/// FastReg.Diagnostics) and for code that picks a path. Everything here is read from the table the
/// kernels dispatch on, so it cannot drift from what runs.
/// </summary>
/// <param name="Path">The path.</param>
/// <param name="Name">Its <c>FASTREG_ISA</c> value, e.g. <c>avx2</c>.</param>
/// <param name="DisplayName">For people, e.g. <c>AVX2 + FMA (Vector256)</c>.</param>
/// <param name="VectorType">The vector type of its element-wise kernels, e.g. <c>Vector256&lt;T&gt;</c>, or <c>scalar</c>.</param>
/// <param name="FloatLanes">Floats per vector (1 on the scalar path).</param>
/// <param name="DoubleLanes">Doubles per vector (1 on the scalar path).</param>
/// <param name="VectorBits">Bits per vector (0 on the scalar path).</param>
/// <param name="HardwareFma">Whether the path's detection implies hardware fused multiply-add at its width (AVX2 + FMA, AVX-512F).</param>
/// <param name="Requires">What the CPU and runtime must report for the path to be accelerated.</param>
/// <param name="IsAccelerated">Whether they do, in this process (after <c>DOTNET_Enable*</c> settings).</param>
/// <param name="Gemm">The GEMM micro-kernel and its block sizes.</param>
/// <param name="Gemv">The GEMV kernel.</param>
public sealed record KernelPathInfo(
    SimdPath Path, string Name, string DisplayName, string VectorType, int FloatLanes, int DoubleLanes, int VectorBits, bool HardwareFma,
    string Requires, bool IsAccelerated, GemmKernelInfo Gemm, GemvKernelInfo Gemv);

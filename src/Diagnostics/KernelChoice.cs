namespace FastReg.Diagnostics;

/// <summary>Which kernel one family of operations runs on a kernel path.</summary>
/// <param name="Operation">The family: GEMM, GEMV, reductions, updates, activations.</param>
/// <param name="Kernel">The kernel or vector type, e.g. <c>Avx2Kernel6x16</c> or <c>Vector256&lt;T&gt;</c>.</param>
/// <param name="Detail">Tile, lanes, block sizes or accumulators, for people.</param>
public sealed record KernelChoice(string Operation, string Kernel, string Detail);

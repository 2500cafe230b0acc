namespace FastReg.Simd;

/// <summary>A path's GEMM micro-kernel and its block sizes per element type (a BLIS context row).</summary>
/// <param name="Kernel">The micro-kernel, e.g. <c>Avx2Kernel6x16</c>.</param>
/// <param name="Float">Tile and blocks for float.</param>
/// <param name="Double">Tile and blocks for double.</param>
/// <param name="SmallProductsOn">
/// The path whose kernel runs small products instead (where it is accelerated), or null; see
/// docs/kernels.md (GEMM kernels). Both kernels sum in the same order, so results do not change.
/// </param>
/// <param name="ParallelThresholdFlops">Work (2·m·n·k) from which one product is split over threads.</param>
public sealed record GemmKernelInfo(string Kernel, GemmTile Float, GemmTile Double, SimdPath? SmallProductsOn, long ParallelThresholdFlops);

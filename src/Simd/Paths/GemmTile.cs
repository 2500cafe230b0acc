namespace FastReg.Simd;

/// <summary>GEMM block sizes of one kernel and element type.</summary>
/// <param name="MR">Rows of C per micro-tile (the kernel's own).</param>
/// <param name="NR">Columns of C per micro-tile (the kernel's own).</param>
/// <param name="KC">Depth of one packed block.</param>
/// <param name="MC">Rows of the packed A block (a multiple of MR).</param>
/// <param name="NC">Columns of the packed B block (a multiple of NR).</param>
public readonly record struct GemmTile(int MR, int NR, int KC, int MC, int NC);

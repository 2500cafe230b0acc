namespace FastReg.Simd.Gemm;

/// <summary>The cache blocks of one path and type; the micro-tile MR×NR comes from the kernel itself.</summary>
/// <param name="KC">Depth of one packed block: a kc×NR micro-panel of B stays in L1.</param>
/// <param name="MC">Rows of the packed A block (MC×KC stays in L2); a multiple of MR.</param>
/// <param name="NC">Columns of the packed B block (KC×NC stays in L3); a multiple of NR.</param>
internal readonly record struct GemmCacheBlocks(int KC, int MC, int NC);

using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastReg.Simd.Gemm;

/// <summary>Block sizes of one path and type (BLIS <c>bli_cntx_init_*</c>): the micro-tile MR×NR and the cache blocks.</summary>
/// <param name="MR">Micro-tile rows (must equal the kernel's MR).</param>
/// <param name="NR">Micro-tile columns (must equal the kernel's NR).</param>
/// <param name="KC">Depth of one packed block: a kc×NR micro-panel of B stays in L1.</param>
/// <param name="MC">Rows of the packed A block (MC×KC stays in L2); a multiple of MR.</param>
/// <param name="NC">Columns of the packed B block (KC×NC stays in L3); a multiple of NR.</param>
/// <param name="InPlace">
/// Tests and benchmarks only: -1 lets the driver choose whether to read A and B in place or pack them;
/// otherwise bit 0 reads A in place, bit 1 reads B in place (where the kernel and layout allow).
/// </param>
internal readonly record struct GemmBlocking(int MR, int NR, int KC, int MC, int NC, int InPlace = -1);

/// <summary>
/// The GEMM block sizes per path and element type, read from the path table (src/Simd/Paths/PathTable.cs),
/// where each row states its kernel's cache blocks once; MR and NR come from the kernel itself.
/// KC is the same for all thread counts (results are reproducible).
/// </summary>
internal static class GemmBlockSizes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static GemmBlocking For<T>(SimdPath path) where T : unmanaged, IFloatingPointIeee754<T> =>
        PathTable.Row(path).Gemm.Blocking<T>();
}

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
/// The one table of GEMM block sizes, per path and element type. Adding a CPU path is one
/// micro-kernel plus one row here. KC is the same for all thread counts (results are reproducible).
/// </summary>
internal static class GemmBlockSizes
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static GemmBlocking For<T>(SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool f = typeof(T) == typeof(float);
        return path switch
        {
            //                            MR  NR                            KC   MC   NC
            SimdPath.Avx512 => f ? new(12, 32, 256, 144, 4096) : new(12, 16, 256, 96, 4096),
            SimdPath.Avx2 => f ? new(6, 16, 256, 144, 4080) : new(6, 8, 256, 72, 4080),
            SimdPath.Vector => new(6, 2 * Vector<T>.Count, 256, f ? 144 : 72, 4096),
            _ => new(4, 4, 256, 64, 1024),
        };
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace FastReg.Simd.Gemm;

/// <summary>Software prefetch of a C tile's rows into L1 (a no-op where the CPU has no prefetch instruction).</summary>
internal static unsafe class GemmPrefetch
{
    /// <summary>Prefetches the cache lines holding row[0..count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row<T>(T* row, nint count) where T : unmanaged
    {
        if (!Sse.IsSupported) return;
        Sse.Prefetch0(row);
        Sse.Prefetch0(row + count - 1);
    }
}

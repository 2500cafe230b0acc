using System.Runtime.CompilerServices;

namespace FastReg.Simd.Gemm;

/// <summary>
/// Per-thread packing memory: one pinned, 64-byte-aligned block holding the packed A block, the
/// packed B block and an edge tile. Allocated on a thread's first GEMM, grown only when a larger
/// problem needs it, and kept (the GC frees it with the thread), so steady-state calls allocate nothing.
/// </summary>
internal static unsafe class GemmBuffers
{
    const int Alignment = 64;

    [ThreadStatic] static byte[]? t_block;
    [ThreadStatic] static nint t_aligned;
    [ThreadStatic] static long t_capacity;

    /// <summary>Returns 64-byte-aligned room for packA, packB and tile (each rounded to 64 bytes), valid on this thread until the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rent<T>(long lenA, long lenB, long lenTile, out T* packA, out T* packB, out T* tile) where T : unmanaged
    {
        long bytesA = RoundUp(lenA * sizeof(T)), bytesB = RoundUp(lenB * sizeof(T)), bytesTile = RoundUp(lenTile * sizeof(T));
        long need = bytesA + bytesB + bytesTile;
        if (need > t_capacity) Grow(need);
        packA = (T*)t_aligned;
        packB = (T*)(t_aligned + (nint)bytesA);
        tile = (T*)(t_aligned + (nint)(bytesA + bytesB));
    }

    static long RoundUp(long bytes) => (bytes + Alignment - 1) & ~(long)(Alignment - 1);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void Grow(long need)
    {
        long capacity = Math.Max(need, t_capacity * 2);
        byte[] block = GC.AllocateUninitializedArray<byte>(checked((int)(capacity + Alignment)), pinned: true);
        nint start = (nint)Unsafe.AsPointer(ref block[0]);
        t_block = block;
        t_aligned = (start + Alignment - 1) & ~(nint)(Alignment - 1);
        t_capacity = capacity;
    }
}

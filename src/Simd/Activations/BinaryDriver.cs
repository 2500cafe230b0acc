using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Runs an <see cref="IBinaryOperator{T}"/> over (a, b) into z on a given path, one vector per
/// step, the tail through a zero-padded vector on the stack (see <see cref="UnaryDriver"/>).
/// z may be a or b itself. Callers validate lengths and overlap.
/// </summary>
[SkipLocalsInit]
internal static class BinaryDriver
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        VectorWidth width = PathTable.Width(path);
        if (width == VectorWidth.Bits512) Run512(a, b, z, op);
        else if (width == VectorWidth.Bits256) Run256(a, b, z, op);
        else if (width == VectorWidth.Vector) RunVector(a, b, z, op);
        else RunScalar(a, b, z, op);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Run512<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T pb = ref MemoryMarshal.GetReference(b);
        ref T pz = ref MemoryMarshal.GetReference(z);
        int n = a.Length;
        int w = Vector512<T>.Count;
        int i = 0;
        for (; i <= n - w; i += w)
            op.Invoke(Vector512.LoadUnsafe(ref pa, (nuint)i), Vector512.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref pz, (nuint)i);
        if (i < n) Tail512(a, b, z, op, i);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tail512<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op, int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        Vector512<T> va = Vector512<T>.Zero, vb = Vector512<T>.Zero;
        Span<T> ba = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref va), Vector512<T>.Count);
        Span<T> bb = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref vb), Vector512<T>.Count);
        a[i..].CopyTo(ba);
        b[i..a.Length].CopyTo(bb);
        va = op.Invoke(va, vb);
        ba[..(a.Length - i)].CopyTo(z[i..]);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Run256<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T pb = ref MemoryMarshal.GetReference(b);
        ref T pz = ref MemoryMarshal.GetReference(z);
        int n = a.Length;
        int w = Vector256<T>.Count;
        int i = 0;
        for (; i <= n - w; i += w)
            op.Invoke(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref pz, (nuint)i);
        if (i < n) Tail256(a, b, z, op, i);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tail256<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op, int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        Vector256<T> va = Vector256<T>.Zero, vb = Vector256<T>.Zero;
        Span<T> ba = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<T>, T>(ref va), Vector256<T>.Count);
        Span<T> bb = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<T>, T>(ref vb), Vector256<T>.Count);
        a[i..].CopyTo(ba);
        b[i..a.Length].CopyTo(bb);
        va = op.Invoke(va, vb);
        ba[..(a.Length - i)].CopyTo(z[i..]);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunVector<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T pb = ref MemoryMarshal.GetReference(b);
        ref T pz = ref MemoryMarshal.GetReference(z);
        int n = a.Length;
        int w = Vector<T>.Count;
        int i = 0;
        for (; i <= n - w; i += w)
            op.Invoke(Vector.LoadUnsafe(ref pa, (nuint)i), Vector.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref pz, (nuint)i);
        if (i < n) TailVector(a, b, z, op, i);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void TailVector<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op, int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        Vector<T> va = Vector<T>.Zero, vb = Vector<T>.Zero;
        Span<T> ba = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector<T>, T>(ref va), Vector<T>.Count);
        Span<T> bb = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector<T>, T>(ref vb), Vector<T>.Count);
        a[i..].CopyTo(ba);
        b[i..a.Length].CopyTo(bb);
        va = op.Invoke(va, vb);
        ba[..(a.Length - i)].CopyTo(z[i..]);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunScalar<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T pb = ref MemoryMarshal.GetReference(b);
        ref T pz = ref MemoryMarshal.GetReference(z);
        for (int i = 0; i < a.Length; i++) Unsafe.Add(ref pz, i) = op.Invoke(Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i));
    }
}

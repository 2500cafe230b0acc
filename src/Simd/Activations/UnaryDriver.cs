using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Runs an <see cref="IUnaryOperator{T}"/> over x into y on a given path, one vector per step.
/// The tail (fewer than one vector) is copied into a zero-padded vector on the stack and runs
/// through the same vector code, so every element of a path sees the same arithmetic and no
/// element is computed twice: y may be x itself (in place). Each width is its own non-inlined
/// method, so the JIT's inlining budget covers one copy of a large operator (exp) per method.
/// Callers validate lengths and overlap.
/// </summary>
[SkipLocalsInit]
internal static class UnaryDriver
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        VectorWidth width = PathTable.Width(path);
        if (width == VectorWidth.Bits512) Run512(x, y, op);
        else if (width == VectorWidth.Bits256) Run256(x, y, op);
        else if (width == VectorWidth.Vector) RunVector(x, y, op);
        else RunScalar(x, y, op);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Run512<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T py = ref MemoryMarshal.GetReference(y);
        int n = x.Length;
        int w = Vector512<T>.Count;
        int i = 0;
        for (; i <= n - w; i += w)
            op.Invoke(Vector512.LoadUnsafe(ref px, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
        if (i < n) Tail512(x, y, op, i);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tail512<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op, int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        Vector512<T> v = Vector512<T>.Zero;
        Span<T> buffer = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref v), Vector512<T>.Count);
        x[i..].CopyTo(buffer);
        v = op.Invoke(v);
        buffer[..(x.Length - i)].CopyTo(y[i..]);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Run256<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T py = ref MemoryMarshal.GetReference(y);
        int n = x.Length;
        int w = Vector256<T>.Count;
        int i = 0;
        for (; i <= n - w; i += w)
            op.Invoke(Vector256.LoadUnsafe(ref px, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
        if (i < n) Tail256(x, y, op, i);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tail256<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op, int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        Vector256<T> v = Vector256<T>.Zero;
        Span<T> buffer = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<T>, T>(ref v), Vector256<T>.Count);
        x[i..].CopyTo(buffer);
        v = op.Invoke(v);
        buffer[..(x.Length - i)].CopyTo(y[i..]);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunVector<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T py = ref MemoryMarshal.GetReference(y);
        int n = x.Length;
        int w = Vector<T>.Count;
        int i = 0;
        for (; i <= n - w; i += w)
            op.Invoke(Vector.LoadUnsafe(ref px, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
        if (i < n) TailVector(x, y, op, i);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void TailVector<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op, int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        Vector<T> v = Vector<T>.Zero;
        Span<T> buffer = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector<T>, T>(ref v), Vector<T>.Count);
        x[i..].CopyTo(buffer);
        v = op.Invoke(v);
        buffer[..(x.Length - i)].CopyTo(y[i..]);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunScalar<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T py = ref MemoryMarshal.GetReference(y);
        for (int i = 0; i < x.Length; i++) Unsafe.Add(ref py, i) = op.Invoke(Unsafe.Add(ref px, i));
    }
}

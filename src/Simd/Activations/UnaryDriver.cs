using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Runs an <see cref="IUnaryOperator{T}"/> over x into y on a given path, one vector per step.
/// The tail (fewer than one vector) is copied into a zero-padded vector on the stack and runs
/// through the same vector code, so every element of a path sees the same arithmetic and no
/// element is computed twice: y may be x itself (in place). The loop is written once over
/// <see cref="IVectorWidth{T, TVector}"/>; each width's instantiation is its own non-inlined method,
/// so the JIT's inlining budget covers one copy of a large operator (exp) per method.
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
        if (width == VectorWidth.Bits512) RunWidth<T, TOp, Width512<T>, Vector512<T>>(x, y, op);
        else if (width == VectorWidth.Bits256) RunWidth<T, TOp, Width256<T>, Vector256<T>>(x, y, op);
        else if (width == VectorWidth.Vector) RunWidth<T, TOp, WidthVector<T>, Vector<T>>(x, y, op);
        else RunScalar(x, y, op);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunWidth<T, TOp, TWidth, TVector>(ReadOnlySpan<T> x, Span<T> y, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T py = ref MemoryMarshal.GetReference(y);
        int n = x.Length;
        int w = TWidth.Count;
        int i = 0;
        for (; i <= n - w; i += w)
            TWidth.Store(TWidth.Apply(op, TWidth.Load(ref px, (nuint)i)), ref py, (nuint)i);
        if (i < n) Tail<T, TOp, TWidth, TVector>(x, y, op, i);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tail<T, TOp, TWidth, TVector>(ReadOnlySpan<T> x, Span<T> y, TOp op, int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        TVector v = default;
        Span<T> buffer = MemoryMarshal.CreateSpan(ref Unsafe.As<TVector, T>(ref v), TWidth.Count);
        x[i..].CopyTo(buffer);
        v = TWidth.Apply(op, v);
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

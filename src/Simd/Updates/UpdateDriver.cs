using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Runs the fused in-place update operators over spans, one method per shape: a single pass over
/// memory; a few scalar elements first so the stores into w are vector-aligned (long spans only),
/// then two vectors per iteration (one for the state shapes), one vector, and a scalar tail, all
/// scalar work going through the operator's scalar <c>Invoke</c>. In-place updates must not touch an element twice, so there is no
/// overlapping last vector. Callers validate lengths; spans must be equal-length and must not
/// partially overlap (exact aliasing, e.g. grad == param, is fine: each element is read before
/// it is written). Each shape's vector loop is written once over <see cref="IVectorWidth{T, TVector}"/>;
/// each width's instantiation is its own non-inlined method, so a software-emulated width (Vector512
/// without AVX-512) cannot exhaust the inlining budget of the accelerated one (measured 5-8x slower
/// when they shared a method).
/// </summary>
internal static class UpdateDriver
{
    /// <summary>w[i] := op(w[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TOp>(Span<T> w, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamOperator<T>
    {
        VectorWidth width = PathTable.Width(path);
        if (width == VectorWidth.Bits512) RunWidth<T, TOp, Width512<T>, Vector512<T>>(w, op);
        else if (width == VectorWidth.Bits256) RunWidth<T, TOp, Width256<T>, Vector256<T>>(w, op);
        else if (width == VectorWidth.Vector) RunWidth<T, TOp, WidthVector<T>, Vector<T>>(w, op);
        else Scalar(ref MemoryMarshal.GetReference(w), op, 0, (nuint)w.Length);
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunWidth<T, TOp, TWidth, TVector>(Span<T> w, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamOperator<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        ref T pw = ref MemoryMarshal.GetReference(w);
        nuint n = (nuint)w.Length;
        nuint i = AlignmentPeel<T, TWidth, TVector>(ref pw, n);
        Scalar(ref pw, op, 0, i);
        nuint c = (nuint)TWidth.Count;
        for (; i + 2 * c <= n; i += 2 * c)
        {
            TVector w0 = TWidth.Load(ref pw, i), w1 = TWidth.Load(ref pw, i + c);
            TWidth.Store(TWidth.Update(op, w0), ref pw, i);
            TWidth.Store(TWidth.Update(op, w1), ref pw, i + c);
        }
        for (; i + c <= n; i += c) TWidth.Store(TWidth.Update(op, TWidth.Load(ref pw, i)), ref pw, i);
        Scalar(ref pw, op, i, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scalar<T, TOp>(ref T pw, TOp op, nuint from, nuint to)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamOperator<T>
    {
        for (nuint i = from; i < to; i++)
        {
            ref T wi = ref Unsafe.Add(ref pw, i);
            wi = op.Invoke(wi);
        }
    }

    /// <summary>w[i] := op(w[i], g[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TOp>(Span<T> w, ReadOnlySpan<T> g, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamGradOperator<T>
    {
        VectorWidth width = PathTable.Width(path);
        if (width == VectorWidth.Bits512) RunWidth<T, TOp, Width512<T>, Vector512<T>>(w, g, op);
        else if (width == VectorWidth.Bits256) RunWidth<T, TOp, Width256<T>, Vector256<T>>(w, g, op);
        else if (width == VectorWidth.Vector) RunWidth<T, TOp, WidthVector<T>, Vector<T>>(w, g, op);
        else Scalar(ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(g), op, 0, (nuint)w.Length);
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunWidth<T, TOp, TWidth, TVector>(Span<T> w, ReadOnlySpan<T> g, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamGradOperator<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        ref T pw = ref MemoryMarshal.GetReference(w);
        ref T pg = ref MemoryMarshal.GetReference(g);
        nuint n = (nuint)w.Length;
        nuint i = AlignmentPeel<T, TWidth, TVector>(ref pw, n);
        Scalar(ref pw, ref pg, op, 0, i);
        nuint c = (nuint)TWidth.Count;
        for (; i + 2 * c <= n; i += 2 * c)
        {
            TVector w0 = TWidth.Load(ref pw, i), w1 = TWidth.Load(ref pw, i + c);
            TVector g0 = TWidth.Load(ref pg, i), g1 = TWidth.Load(ref pg, i + c);
            TWidth.Store(TWidth.Update(op, w0, g0), ref pw, i);
            TWidth.Store(TWidth.Update(op, w1, g1), ref pw, i + c);
        }
        for (; i + c <= n; i += c)
            TWidth.Store(TWidth.Update(op, TWidth.Load(ref pw, i), TWidth.Load(ref pg, i)), ref pw, i);
        Scalar(ref pw, ref pg, op, i, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scalar<T, TOp>(ref T pw, ref T pg, TOp op, nuint from, nuint to)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamGradOperator<T>
    {
        for (nuint i = from; i < to; i++)
        {
            ref T wi = ref Unsafe.Add(ref pw, i);
            wi = op.Invoke(wi, Unsafe.Add(ref pg, i));
        }
    }

    /// <summary>(w[i], s[i]) := op(w[i], g[i], s[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TOp>(Span<T> w, ReadOnlySpan<T> g, Span<T> s, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamGradStateOperator<T>
    {
        VectorWidth width = PathTable.Width(path);
        if (width == VectorWidth.Bits512) RunWidth<T, TOp, Width512<T>, Vector512<T>>(w, g, s, op);
        else if (width == VectorWidth.Bits256) RunWidth<T, TOp, Width256<T>, Vector256<T>>(w, g, s, op);
        else if (width == VectorWidth.Vector) RunWidth<T, TOp, WidthVector<T>, Vector<T>>(w, g, s, op);
        else Scalar(ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(g), ref MemoryMarshal.GetReference(s), op, 0, (nuint)w.Length);
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunWidth<T, TOp, TWidth, TVector>(Span<T> w, ReadOnlySpan<T> g, Span<T> s, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamGradStateOperator<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        ref T pw = ref MemoryMarshal.GetReference(w);
        ref T pg = ref MemoryMarshal.GetReference(g);
        ref T ps = ref MemoryMarshal.GetReference(s);
        nuint n = (nuint)w.Length;
        nuint i = AlignmentPeel<T, TWidth, TVector>(ref pw, n);
        Scalar(ref pw, ref pg, ref ps, op, 0, i);
        nuint c = (nuint)TWidth.Count;
        for (; i + c <= n; i += c)
        {
            TVector wv = TWidth.Load(ref pw, i), sv = TWidth.Load(ref ps, i);
            TWidth.Update(op, ref wv, TWidth.Load(ref pg, i), ref sv);
            TWidth.Store(wv, ref pw, i);
            TWidth.Store(sv, ref ps, i);
        }
        Scalar(ref pw, ref pg, ref ps, op, i, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scalar<T, TOp>(ref T pw, ref T pg, ref T ps, TOp op, nuint from, nuint to)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamGradStateOperator<T>
    {
        for (nuint i = from; i < to; i++) op.Invoke(ref Unsafe.Add(ref pw, i), Unsafe.Add(ref pg, i), ref Unsafe.Add(ref ps, i));
    }

    /// <summary>
    /// (w[i], s1[i], s2[i], s3[i]) := op(w[i], g[i], s1[i], s2[i], s3[i]); s3 is neither read nor
    /// written when the operator does not use it (it may then be empty).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TOp>(Span<T> w, ReadOnlySpan<T> g, Span<T> s1, Span<T> s2, Span<T> s3, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamGradMomentsOperator<T>
    {
        VectorWidth width = PathTable.Width(path);
        if (width == VectorWidth.Bits512) RunWidth<T, TOp, Width512<T>, Vector512<T>>(w, g, s1, s2, s3, op);
        else if (width == VectorWidth.Bits256) RunWidth<T, TOp, Width256<T>, Vector256<T>>(w, g, s1, s2, s3, op);
        else if (width == VectorWidth.Vector) RunWidth<T, TOp, WidthVector<T>, Vector<T>>(w, g, s1, s2, s3, op);
        else Scalar(w, g, s1, s2, s3, op, 0, (nuint)w.Length);
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunWidth<T, TOp, TWidth, TVector>(Span<T> w, ReadOnlySpan<T> g, Span<T> s1, Span<T> s2, Span<T> s3, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamGradMomentsOperator<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        ref T pw = ref MemoryMarshal.GetReference(w);
        ref T pg = ref MemoryMarshal.GetReference(g);
        ref T p1 = ref MemoryMarshal.GetReference(s1);
        ref T p2 = ref MemoryMarshal.GetReference(s2);
        ref T p3 = ref MemoryMarshal.GetReference(s3);
        bool third = op.UsesThirdState;
        nuint n = (nuint)w.Length;
        nuint i = AlignmentPeel<T, TWidth, TVector>(ref pw, n);
        Scalar(w, g, s1, s2, s3, op, 0, i);
        nuint c = (nuint)TWidth.Count;
        for (; i + c <= n; i += c)
        {
            TVector wv = TWidth.Load(ref pw, i);
            TVector v1 = TWidth.Load(ref p1, i), v2 = TWidth.Load(ref p2, i);
            TVector v3 = third ? TWidth.Load(ref p3, i) : default;
            TWidth.Update(op, ref wv, TWidth.Load(ref pg, i), ref v1, ref v2, ref v3);
            TWidth.Store(wv, ref pw, i);
            TWidth.Store(v1, ref p1, i);
            TWidth.Store(v2, ref p2, i);
            if (third) TWidth.Store(v3, ref p3, i);
        }
        Scalar(w, g, s1, s2, s3, op, i, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scalar<T, TOp>(Span<T> w, ReadOnlySpan<T> g, Span<T> s1, Span<T> s2, Span<T> s3, TOp op, nuint from, nuint to)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamGradMomentsOperator<T>
    {
        ref T pw = ref MemoryMarshal.GetReference(w);
        ref T pg = ref MemoryMarshal.GetReference(g);
        ref T p1 = ref MemoryMarshal.GetReference(s1);
        ref T p2 = ref MemoryMarshal.GetReference(s2);
        ref T p3 = ref MemoryMarshal.GetReference(s3);
        bool third = op.UsesThirdState;
        T unused = T.Zero;
        for (nuint i = from; i < to; i++)
        {
            ref T s3i = ref third ? ref Unsafe.Add(ref p3, i) : ref unused;
            op.Invoke(ref Unsafe.Add(ref pw, i), Unsafe.Add(ref pg, i), ref Unsafe.Add(ref p1, i), ref Unsafe.Add(ref p2, i), ref s3i);
        }
    }

    /// <summary>
    /// How many leading elements to update one by one so that the vector stores into w are aligned
    /// to the width (split stores cost on every x86 core; managed arrays are only 8-byte aligned).
    /// Scalar and vector code give identical bits, so peeling changes timing, not results.
    /// If the GC moves w meanwhile, only the alignment is lost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe nuint AlignmentPeel<T, TWidth, TVector>(ref T w, nuint n)
        where T : unmanaged
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        nuint size = (nuint)Unsafe.SizeOf<T>();
        nuint bytes = (nuint)TWidth.Count * size;
        if (n * size < 8 * bytes) return 0; // short spans: not worth it
        nuint address = (nuint)Unsafe.AsPointer(ref w);
        nuint misaligned = address % bytes;
        if (misaligned == 0 || address % size != 0) return 0;
        return (bytes - misaligned) / size;
    }
}

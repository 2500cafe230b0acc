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
/// it is written).
/// </summary>
internal static class UpdateDriver
{
    /// <summary>w[i] := op(w[i]).</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TOp>(Span<T> w, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamOperator<T>
    {
        VectorWidth width = PathTable.Width(path);
        ref T pw = ref MemoryMarshal.GetReference(w);
        nuint n = (nuint)w.Length;
        nuint i = 0;
        for (nuint head = AlignmentPeel(ref pw, width, n); i < head; i++)
        {
            ref T wi = ref Unsafe.Add(ref pw, i);
            wi = op.Invoke(wi);
        }

        // Accelerated widths first: the JIT inlines in order, and a software-emulated width (Vector512
        // without AVX-512, Vector256 without AVX2) can exhaust the inlining budget; after it, the
        // operator calls of the real path would no longer be inlined (measured 5-8x slower).
        if (width == VectorWidth.Vector)
        {
            nuint c = (nuint)Vector<T>.Count;
            for (; i + 2 * c <= n; i += 2 * c)
            {
                Vector<T> w0 = Vector.LoadUnsafe(ref pw, i), w1 = Vector.LoadUnsafe(ref pw, i + c);
                op.Invoke(w0).StoreUnsafe(ref pw, i);
                op.Invoke(w1).StoreUnsafe(ref pw, i + c);
            }
            for (; i + c <= n; i += c) op.Invoke(Vector.LoadUnsafe(ref pw, i)).StoreUnsafe(ref pw, i);
        }
        else if (width == VectorWidth.Bits256)
        {
            nuint c = (nuint)Vector256<T>.Count;
            for (; i + 2 * c <= n; i += 2 * c)
            {
                Vector256<T> w0 = Vector256.LoadUnsafe(ref pw, i), w1 = Vector256.LoadUnsafe(ref pw, i + c);
                op.Invoke(w0).StoreUnsafe(ref pw, i);
                op.Invoke(w1).StoreUnsafe(ref pw, i + c);
            }
            for (; i + c <= n; i += c) op.Invoke(Vector256.LoadUnsafe(ref pw, i)).StoreUnsafe(ref pw, i);
        }
        else if (width == VectorWidth.Bits512)
        {
            nuint c = (nuint)Vector512<T>.Count;
            for (; i + 2 * c <= n; i += 2 * c)
            {
                Vector512<T> w0 = Vector512.LoadUnsafe(ref pw, i), w1 = Vector512.LoadUnsafe(ref pw, i + c);
                op.Invoke(w0).StoreUnsafe(ref pw, i);
                op.Invoke(w1).StoreUnsafe(ref pw, i + c);
            }
            for (; i + c <= n; i += c) op.Invoke(Vector512.LoadUnsafe(ref pw, i)).StoreUnsafe(ref pw, i);
        }

        for (; i < n; i++)
        {
            ref T wi = ref Unsafe.Add(ref pw, i);
            wi = op.Invoke(wi);
        }
    }

    /// <summary>w[i] := op(w[i], g[i]).</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TOp>(Span<T> w, ReadOnlySpan<T> g, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamGradOperator<T>
    {
        VectorWidth width = PathTable.Width(path);
        ref T pw = ref MemoryMarshal.GetReference(w);
        ref T pg = ref MemoryMarshal.GetReference(g);
        nuint n = (nuint)w.Length;
        nuint i = 0;
        for (nuint head = AlignmentPeel(ref pw, width, n); i < head; i++)
        {
            ref T wi = ref Unsafe.Add(ref pw, i);
            wi = op.Invoke(wi, Unsafe.Add(ref pg, i));
        }

        // Accelerated widths first: the JIT inlines in order, and a software-emulated width (Vector512
        // without AVX-512, Vector256 without AVX2) can exhaust the inlining budget; after it, the
        // operator calls of the real path would no longer be inlined (measured 5-8x slower).
        if (width == VectorWidth.Vector)
        {
            nuint c = (nuint)Vector<T>.Count;
            for (; i + 2 * c <= n; i += 2 * c)
            {
                Vector<T> w0 = Vector.LoadUnsafe(ref pw, i), w1 = Vector.LoadUnsafe(ref pw, i + c);
                Vector<T> g0 = Vector.LoadUnsafe(ref pg, i), g1 = Vector.LoadUnsafe(ref pg, i + c);
                op.Invoke(w0, g0).StoreUnsafe(ref pw, i);
                op.Invoke(w1, g1).StoreUnsafe(ref pw, i + c);
            }
            for (; i + c <= n; i += c)
                op.Invoke(Vector.LoadUnsafe(ref pw, i), Vector.LoadUnsafe(ref pg, i)).StoreUnsafe(ref pw, i);
        }
        else if (width == VectorWidth.Bits256)
        {
            nuint c = (nuint)Vector256<T>.Count;
            for (; i + 2 * c <= n; i += 2 * c)
            {
                Vector256<T> w0 = Vector256.LoadUnsafe(ref pw, i), w1 = Vector256.LoadUnsafe(ref pw, i + c);
                Vector256<T> g0 = Vector256.LoadUnsafe(ref pg, i), g1 = Vector256.LoadUnsafe(ref pg, i + c);
                op.Invoke(w0, g0).StoreUnsafe(ref pw, i);
                op.Invoke(w1, g1).StoreUnsafe(ref pw, i + c);
            }
            for (; i + c <= n; i += c)
                op.Invoke(Vector256.LoadUnsafe(ref pw, i), Vector256.LoadUnsafe(ref pg, i)).StoreUnsafe(ref pw, i);
        }
        else if (width == VectorWidth.Bits512)
        {
            nuint c = (nuint)Vector512<T>.Count;
            for (; i + 2 * c <= n; i += 2 * c)
            {
                Vector512<T> w0 = Vector512.LoadUnsafe(ref pw, i), w1 = Vector512.LoadUnsafe(ref pw, i + c);
                Vector512<T> g0 = Vector512.LoadUnsafe(ref pg, i), g1 = Vector512.LoadUnsafe(ref pg, i + c);
                op.Invoke(w0, g0).StoreUnsafe(ref pw, i);
                op.Invoke(w1, g1).StoreUnsafe(ref pw, i + c);
            }
            for (; i + c <= n; i += c)
                op.Invoke(Vector512.LoadUnsafe(ref pw, i), Vector512.LoadUnsafe(ref pg, i)).StoreUnsafe(ref pw, i);
        }

        for (; i < n; i++)
        {
            ref T wi = ref Unsafe.Add(ref pw, i);
            wi = op.Invoke(wi, Unsafe.Add(ref pg, i));
        }
    }

    /// <summary>(w[i], s[i]) := op(w[i], g[i], s[i]).</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TOp>(Span<T> w, ReadOnlySpan<T> g, Span<T> s, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamGradStateOperator<T>
    {
        VectorWidth width = PathTable.Width(path);
        ref T pw = ref MemoryMarshal.GetReference(w);
        ref T pg = ref MemoryMarshal.GetReference(g);
        ref T ps = ref MemoryMarshal.GetReference(s);
        nuint n = (nuint)w.Length;
        nuint i = 0;
        for (nuint head = AlignmentPeel(ref pw, width, n); i < head; i++)
            op.Invoke(ref Unsafe.Add(ref pw, i), Unsafe.Add(ref pg, i), ref Unsafe.Add(ref ps, i));

        // Accelerated widths first: the JIT inlines in order, and a software-emulated width (Vector512
        // without AVX-512, Vector256 without AVX2) can exhaust the inlining budget; after it, the
        // operator calls of the real path would no longer be inlined (measured 5-8x slower).
        if (width == VectorWidth.Vector)
        {
            nuint c = (nuint)Vector<T>.Count;
            for (; i + c <= n; i += c)
            {
                Vector<T> wv = Vector.LoadUnsafe(ref pw, i), sv = Vector.LoadUnsafe(ref ps, i);
                op.Invoke(ref wv, Vector.LoadUnsafe(ref pg, i), ref sv);
                wv.StoreUnsafe(ref pw, i);
                sv.StoreUnsafe(ref ps, i);
            }
        }
        else if (width == VectorWidth.Bits256)
        {
            nuint c = (nuint)Vector256<T>.Count;
            for (; i + c <= n; i += c)
            {
                Vector256<T> wv = Vector256.LoadUnsafe(ref pw, i), sv = Vector256.LoadUnsafe(ref ps, i);
                op.Invoke(ref wv, Vector256.LoadUnsafe(ref pg, i), ref sv);
                wv.StoreUnsafe(ref pw, i);
                sv.StoreUnsafe(ref ps, i);
            }
        }
        else if (width == VectorWidth.Bits512)
        {
            nuint c = (nuint)Vector512<T>.Count;
            for (; i + c <= n; i += c)
            {
                Vector512<T> wv = Vector512.LoadUnsafe(ref pw, i), sv = Vector512.LoadUnsafe(ref ps, i);
                op.Invoke(ref wv, Vector512.LoadUnsafe(ref pg, i), ref sv);
                wv.StoreUnsafe(ref pw, i);
                sv.StoreUnsafe(ref ps, i);
            }
        }

        for (; i < n; i++) op.Invoke(ref Unsafe.Add(ref pw, i), Unsafe.Add(ref pg, i), ref Unsafe.Add(ref ps, i));
    }

    /// <summary>
    /// (w[i], s1[i], s2[i], s3[i]) := op(w[i], g[i], s1[i], s2[i], s3[i]); s3 is neither read nor
    /// written when the operator does not use it (it may then be empty).
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TOp>(Span<T> w, ReadOnlySpan<T> g, Span<T> s1, Span<T> s2, Span<T> s3, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IParamGradMomentsOperator<T>
    {
        VectorWidth width = PathTable.Width(path);
        ref T pw = ref MemoryMarshal.GetReference(w);
        ref T pg = ref MemoryMarshal.GetReference(g);
        ref T p1 = ref MemoryMarshal.GetReference(s1);
        ref T p2 = ref MemoryMarshal.GetReference(s2);
        ref T p3 = ref MemoryMarshal.GetReference(s3);
        bool third = op.UsesThirdState;
        nuint n = (nuint)w.Length;
        nuint i = 0;
        T unused = T.Zero;
        for (nuint head = AlignmentPeel(ref pw, width, n); i < head; i++)
        {
            ref T s3i = ref third ? ref Unsafe.Add(ref p3, i) : ref unused;
            op.Invoke(ref Unsafe.Add(ref pw, i), Unsafe.Add(ref pg, i), ref Unsafe.Add(ref p1, i), ref Unsafe.Add(ref p2, i), ref s3i);
        }

        // Accelerated widths first: the JIT inlines in order, and a software-emulated width (Vector512
        // without AVX-512, Vector256 without AVX2) can exhaust the inlining budget; after it, the
        // operator calls of the real path would no longer be inlined (measured 5-8x slower).
        if (width == VectorWidth.Vector)
        {
            nuint c = (nuint)Vector<T>.Count;
            for (; i + c <= n; i += c)
            {
                Vector<T> wv = Vector.LoadUnsafe(ref pw, i);
                Vector<T> v1 = Vector.LoadUnsafe(ref p1, i), v2 = Vector.LoadUnsafe(ref p2, i);
                Vector<T> v3 = third ? Vector.LoadUnsafe(ref p3, i) : default;
                op.Invoke(ref wv, Vector.LoadUnsafe(ref pg, i), ref v1, ref v2, ref v3);
                wv.StoreUnsafe(ref pw, i);
                v1.StoreUnsafe(ref p1, i);
                v2.StoreUnsafe(ref p2, i);
                if (third) v3.StoreUnsafe(ref p3, i);
            }
        }
        else if (width == VectorWidth.Bits256)
        {
            nuint c = (nuint)Vector256<T>.Count;
            for (; i + c <= n; i += c)
            {
                Vector256<T> wv = Vector256.LoadUnsafe(ref pw, i);
                Vector256<T> v1 = Vector256.LoadUnsafe(ref p1, i), v2 = Vector256.LoadUnsafe(ref p2, i);
                Vector256<T> v3 = third ? Vector256.LoadUnsafe(ref p3, i) : default;
                op.Invoke(ref wv, Vector256.LoadUnsafe(ref pg, i), ref v1, ref v2, ref v3);
                wv.StoreUnsafe(ref pw, i);
                v1.StoreUnsafe(ref p1, i);
                v2.StoreUnsafe(ref p2, i);
                if (third) v3.StoreUnsafe(ref p3, i);
            }
        }
        else if (width == VectorWidth.Bits512)
        {
            nuint c = (nuint)Vector512<T>.Count;
            for (; i + c <= n; i += c)
            {
                Vector512<T> wv = Vector512.LoadUnsafe(ref pw, i);
                Vector512<T> v1 = Vector512.LoadUnsafe(ref p1, i), v2 = Vector512.LoadUnsafe(ref p2, i);
                Vector512<T> v3 = third ? Vector512.LoadUnsafe(ref p3, i) : default;
                op.Invoke(ref wv, Vector512.LoadUnsafe(ref pg, i), ref v1, ref v2, ref v3);
                wv.StoreUnsafe(ref pw, i);
                v1.StoreUnsafe(ref p1, i);
                v2.StoreUnsafe(ref p2, i);
                if (third) v3.StoreUnsafe(ref p3, i);
            }
        }

        for (; i < n; i++)
        {
            ref T s3i = ref third ? ref Unsafe.Add(ref p3, i) : ref unused;
            op.Invoke(ref Unsafe.Add(ref pw, i), Unsafe.Add(ref pg, i), ref Unsafe.Add(ref p1, i), ref Unsafe.Add(ref p2, i), ref s3i);
        }
    }

    /// <summary>
    /// How many leading elements to update one by one so that the vector stores into w are aligned
    /// to the path's width (split stores cost on every x86 core; managed arrays are only 8-byte
    /// aligned). Scalar and vector code give identical bits, so peeling changes timing, not results.
    /// If the GC moves w meanwhile, only the alignment is lost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe nuint AlignmentPeel<T>(ref T w, VectorWidth width, nuint n)
    {
        nuint bytes = width switch
        {
            VectorWidth.Bits512 => 64,
            VectorWidth.Bits256 => 32,
            VectorWidth.Vector => (nuint)Vector<byte>.Count,
            VectorWidth.Scalar => 0,
            _ => throw new ArgumentOutOfRangeException(nameof(width), width, "Not a vector width."),
        };
        nuint size = (nuint)Unsafe.SizeOf<T>();
        if (bytes == 0 || n * size < 8 * bytes) return 0; // short spans: not worth it
        nuint address = (nuint)Unsafe.AsPointer(ref w);
        nuint misaligned = address % bytes;
        if (misaligned == 0 || address % size != 0) return 0;
        return (bytes - misaligned) / size;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Σ a[i]·b[i] on a given path, for softmax backward's per-row dy·y (no scratch buffer, so dx may
/// alias y or dy). Two accumulators per vector width, FMA, scalar tail. It sums in a different order
/// from <see cref="Reductions.Dot{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/> (four accumulators,
/// BinaryAggregateDriver), so the two round differently in the last bits. This one stays only so that
/// softmax backward keeps its results to the last bit; moving it onto Reductions.Dot is a separate,
/// result-changing step (softmax backward's test bound, docs/kernels.md, Activations, allows either
/// order). New code should call Reductions.Dot.
/// </summary>
internal static class DotDriver
{
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Run<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        VectorWidth width = PathTable.Width(path);
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T pb = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        int i = 0;
        T s = T.Zero;

        if (width == VectorWidth.Bits512 && n >= Vector512<T>.Count)
        {
            int w = Vector512<T>.Count;
            Vector512<T> s0 = Vector512<T>.Zero, s1 = s0;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                s0 = VectorMath.MultiplyAdd(Vector512.LoadUnsafe(ref pa, (nuint)i), Vector512.LoadUnsafe(ref pb, (nuint)i), s0);
                s1 = VectorMath.MultiplyAdd(Vector512.LoadUnsafe(ref pa, (nuint)(i + w)), Vector512.LoadUnsafe(ref pb, (nuint)(i + w)), s1);
            }
            for (; i <= n - w; i += w) s0 = VectorMath.MultiplyAdd(Vector512.LoadUnsafe(ref pa, (nuint)i), Vector512.LoadUnsafe(ref pb, (nuint)i), s0);
            s = Vector512.Sum(s0 + s1);
        }
        else if (width == VectorWidth.Bits256 && n >= Vector256<T>.Count)
        {
            int w = Vector256<T>.Count;
            Vector256<T> s0 = Vector256<T>.Zero, s1 = s0;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                s0 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i), s0);
                s1 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)(i + w)), Vector256.LoadUnsafe(ref pb, (nuint)(i + w)), s1);
            }
            for (; i <= n - w; i += w) s0 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i), s0);
            s = Vector256.Sum(s0 + s1);
        }
        else if (width == VectorWidth.Vector && n >= Vector<T>.Count)
        {
            int w = Vector<T>.Count;
            Vector<T> s0 = Vector<T>.Zero, s1 = s0;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                s0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref pa, (nuint)i), Vector.LoadUnsafe(ref pb, (nuint)i), s0);
                s1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref pa, (nuint)(i + w)), Vector.LoadUnsafe(ref pb, (nuint)(i + w)), s1);
            }
            for (; i <= n - w; i += w) s0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref pa, (nuint)i), Vector.LoadUnsafe(ref pb, (nuint)i), s0);
            s = Vector.Sum(s0 + s1);
        }

        for (; i < n; i++) s = VectorMath.MultiplyAdd(Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i), s);
        return s;
    }
}

using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Runs an <see cref="IBinaryAggregateOperator{T}"/> over two spans of equal length on a given
/// path: the two-input twin of <see cref="AggregateDriver"/>, with the same four accumulators,
/// vector remainder, scalar tail and one non-inlined loop per width, so results are
/// reproducible per path and length. The caller checks the lengths.
/// </summary>
internal static class BinaryAggregateDriver
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Run<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryAggregateOperator<T>
    {
        VectorWidth width = PathTable.Width(path);
        Debug.Assert(x.Length == y.Length);
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T py = ref MemoryMarshal.GetReference(y);
        int n = x.Length;
        int i = 0;
        T result = TOp.Identity;

        if (width == VectorWidth.Bits512 && n >= Vector512<T>.Count) result = Run512<T, TOp>(ref px, ref py, n, ref i);
        else if (width == VectorWidth.Bits256 && n >= Vector256<T>.Count) result = Run256<T, TOp>(ref px, ref py, n, ref i);
        else if (width == VectorWidth.Vector && n >= Vector<T>.Count) result = RunVector<T, TOp>(ref px, ref py, n, ref i);

        for (; i < n; i++) result = TOp.Accumulate(result, Unsafe.Add(ref px, i), Unsafe.Add(ref py, i));
        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static T Run512<T, TOp>(ref T px, ref T py, int n, ref int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryAggregateOperator<T>
    {
        int w = Vector512<T>.Count;
        int k = i;
        Vector512<T> a0 = Vector512.Create(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - 4 * w; k += 4 * w)
        {
            a0 = TOp.Accumulate(a0, Vector512.LoadUnsafe(ref px, (nuint)k), Vector512.LoadUnsafe(ref py, (nuint)k));
            a1 = TOp.Accumulate(a1, Vector512.LoadUnsafe(ref px, (nuint)(k + w)), Vector512.LoadUnsafe(ref py, (nuint)(k + w)));
            a2 = TOp.Accumulate(a2, Vector512.LoadUnsafe(ref px, (nuint)(k + 2 * w)), Vector512.LoadUnsafe(ref py, (nuint)(k + 2 * w)));
            a3 = TOp.Accumulate(a3, Vector512.LoadUnsafe(ref px, (nuint)(k + 3 * w)), Vector512.LoadUnsafe(ref py, (nuint)(k + 3 * w)));
        }
        for (; k <= n - w; k += w)
            a0 = TOp.Accumulate(a0, Vector512.LoadUnsafe(ref px, (nuint)k), Vector512.LoadUnsafe(ref py, (nuint)k));
        i = k;
        return TOp.Reduce(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static T Run256<T, TOp>(ref T px, ref T py, int n, ref int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryAggregateOperator<T>
    {
        int w = Vector256<T>.Count;
        int k = i;
        Vector256<T> a0 = Vector256.Create(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - 4 * w; k += 4 * w)
        {
            a0 = TOp.Accumulate(a0, Vector256.LoadUnsafe(ref px, (nuint)k), Vector256.LoadUnsafe(ref py, (nuint)k));
            a1 = TOp.Accumulate(a1, Vector256.LoadUnsafe(ref px, (nuint)(k + w)), Vector256.LoadUnsafe(ref py, (nuint)(k + w)));
            a2 = TOp.Accumulate(a2, Vector256.LoadUnsafe(ref px, (nuint)(k + 2 * w)), Vector256.LoadUnsafe(ref py, (nuint)(k + 2 * w)));
            a3 = TOp.Accumulate(a3, Vector256.LoadUnsafe(ref px, (nuint)(k + 3 * w)), Vector256.LoadUnsafe(ref py, (nuint)(k + 3 * w)));
        }
        for (; k <= n - w; k += w)
            a0 = TOp.Accumulate(a0, Vector256.LoadUnsafe(ref px, (nuint)k), Vector256.LoadUnsafe(ref py, (nuint)k));
        i = k;
        return TOp.Reduce(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static T RunVector<T, TOp>(ref T px, ref T py, int n, ref int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryAggregateOperator<T>
    {
        int w = Vector<T>.Count;
        int k = i;
        Vector<T> a0 = new(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - 4 * w; k += 4 * w)
        {
            a0 = TOp.Accumulate(a0, Vector.LoadUnsafe(ref px, (nuint)k), Vector.LoadUnsafe(ref py, (nuint)k));
            a1 = TOp.Accumulate(a1, Vector.LoadUnsafe(ref px, (nuint)(k + w)), Vector.LoadUnsafe(ref py, (nuint)(k + w)));
            a2 = TOp.Accumulate(a2, Vector.LoadUnsafe(ref px, (nuint)(k + 2 * w)), Vector.LoadUnsafe(ref py, (nuint)(k + 2 * w)));
            a3 = TOp.Accumulate(a3, Vector.LoadUnsafe(ref px, (nuint)(k + 3 * w)), Vector.LoadUnsafe(ref py, (nuint)(k + 3 * w)));
        }
        for (; k <= n - w; k += w)
            a0 = TOp.Accumulate(a0, Vector.LoadUnsafe(ref px, (nuint)k), Vector.LoadUnsafe(ref py, (nuint)k));
        i = k;
        return TOp.Reduce(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)));
    }
}

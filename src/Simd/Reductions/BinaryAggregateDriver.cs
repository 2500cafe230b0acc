using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Runs an <see cref="IBinaryAggregateOperator{T}"/> over two spans of equal length on a given
/// path: the two-input twin of <see cref="AggregateDriver"/>, with the same four accumulators,
/// vector remainder, scalar tail and one non-inlined instantiation of the loop per width, so
/// results are reproducible per path and length. The caller checks the lengths.
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

        if (width == VectorWidth.Bits512 && n >= Width512<T>.Count) result = RunWidth<T, TOp, Width512<T>, Vector512<T>>(ref px, ref py, n, ref i);
        else if (width == VectorWidth.Bits256 && n >= Width256<T>.Count) result = RunWidth<T, TOp, Width256<T>, Vector256<T>>(ref px, ref py, n, ref i);
        else if (width == VectorWidth.Vector && n >= WidthVector<T>.Count) result = RunWidth<T, TOp, WidthVector<T>, Vector<T>>(ref px, ref py, n, ref i);

        for (; i < n; i++) result = TOp.Accumulate(result, Unsafe.Add(ref px, i), Unsafe.Add(ref py, i));
        return result;
    }

    /// <summary>Whole vectors from <paramref name="i"/> on; advances <paramref name="i"/> past them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static T RunWidth<T, TOp, TWidth, TVector>(ref T px, ref T py, int n, ref int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryAggregateOperator<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        int w = TWidth.Count;
        int k = i;
        TVector a0 = TWidth.Create(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - 4 * w; k += 4 * w)
        {
            a0 = TWidth.Accumulate<TOp>(a0, TWidth.Load(ref px, (nuint)k), TWidth.Load(ref py, (nuint)k));
            a1 = TWidth.Accumulate<TOp>(a1, TWidth.Load(ref px, (nuint)(k + w)), TWidth.Load(ref py, (nuint)(k + w)));
            a2 = TWidth.Accumulate<TOp>(a2, TWidth.Load(ref px, (nuint)(k + 2 * w)), TWidth.Load(ref py, (nuint)(k + 2 * w)));
            a3 = TWidth.Accumulate<TOp>(a3, TWidth.Load(ref px, (nuint)(k + 3 * w)), TWidth.Load(ref py, (nuint)(k + 3 * w)));
        }
        for (; k <= n - w; k += w) a0 = TWidth.Accumulate<TOp>(a0, TWidth.Load(ref px, (nuint)k), TWidth.Load(ref py, (nuint)k));
        i = k;
        return TWidth.Reduce<TOp>(TWidth.Combine<TOp>(TWidth.Combine<TOp>(a0, a1), TWidth.Combine<TOp>(a2, a3)));
    }
}

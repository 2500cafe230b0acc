using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Runs an <see cref="IAggregateOperator{T, TAcc}"/> over a span on a given path. Four independent
/// vector accumulators hide the add latency; the remainder runs one vector at a time, then
/// scalar. Lane order is fixed for a given path and length, so results are reproducible.
/// The vector loop is written once over <see cref="IVectorWidth{T, TVector}"/> (the accumulator's
/// lanes) and each width's instantiation is its own non-inlined method: the JIT then compiles (and
/// inlines the operator into) each loop on its own budget, and the software-emulated Vector512 code
/// on CPUs without AVX-512 cannot crowd the accelerated loops out of inlining.
/// </summary>
internal static class AggregateDriver
{
    /// <summary>A reduction whose accumulator has the input's type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Run<T, TOp>(ReadOnlySpan<T> x, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IAggregateOperator<T> =>
        Run<T, T, TOp>(x, path);

    /// <summary>A reduction of <typeparamref name="T"/> into accumulators of <typeparamref name="TAcc"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TAcc Run<T, TAcc, TOp>(ReadOnlySpan<T> x, SimdPath path)
        where T : unmanaged
        where TAcc : unmanaged
        where TOp : IAggregateOperator<T, TAcc>
    {
        VectorWidth width = PathTable.Width(path);
        ref T p = ref MemoryMarshal.GetReference(x);
        int n = x.Length;
        int i = 0;
        TAcc result = TOp.Identity;

        if (width == VectorWidth.Bits512 && n >= Width512<TAcc>.Count) result = RunWidth<T, TAcc, TOp, Width512<TAcc>, Vector512<TAcc>>(ref p, n, ref i);
        else if (width == VectorWidth.Bits256 && n >= Width256<TAcc>.Count) result = RunWidth<T, TAcc, TOp, Width256<TAcc>, Vector256<TAcc>>(ref p, n, ref i);
        else if (width == VectorWidth.Vector && n >= WidthVector<TAcc>.Count) result = RunWidth<T, TAcc, TOp, WidthVector<TAcc>, Vector<TAcc>>(ref p, n, ref i);

        for (; i < n; i++) result = TOp.Accumulate(result, Unsafe.Add(ref p, i));
        return result;
    }

    /// <summary>Whole vectors from <paramref name="i"/> on; advances <paramref name="i"/> past them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static TAcc RunWidth<T, TAcc, TOp, TWidth, TVector>(ref T p, int n, ref int i)
        where T : unmanaged
        where TAcc : unmanaged
        where TOp : IAggregateOperator<T, TAcc>
        where TWidth : IVectorWidth<TAcc, TVector>
        where TVector : unmanaged
    {
        int w = TWidth.Count;
        int k = i;
        TVector a0 = TWidth.Create(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - 4 * w; k += 4 * w)
        {
            a0 = TWidth.Accumulate<TOp, T>(a0, ref p, (nuint)k);
            a1 = TWidth.Accumulate<TOp, T>(a1, ref p, (nuint)(k + w));
            a2 = TWidth.Accumulate<TOp, T>(a2, ref p, (nuint)(k + 2 * w));
            a3 = TWidth.Accumulate<TOp, T>(a3, ref p, (nuint)(k + 3 * w));
        }
        for (; k <= n - w; k += w) a0 = TWidth.Accumulate<TOp, T>(a0, ref p, (nuint)k);
        i = k;
        return TWidth.Reduce<TOp>(TWidth.Combine<TOp>(TWidth.Combine<TOp>(a0, a1), TWidth.Combine<TOp>(a2, a3)));
    }
}

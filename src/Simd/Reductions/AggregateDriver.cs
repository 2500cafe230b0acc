using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Runs an <see cref="IAggregateOperator{T, TAcc}"/> over a span on a given path. Four independent
/// vector accumulators hide the add latency; the remainder runs one vector at a time, then
/// scalar. Lane order is fixed for a given path and length, so results are reproducible.
/// Each width's loop is its own non-inlined method: the JIT then compiles (and inlines the
/// operator into) each loop on its own budget, and the software-emulated Vector512 code on
/// CPUs without AVX-512 cannot crowd the accelerated loops out of inlining.
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

        if (width == VectorWidth.Bits512 && n >= Vector512<T>.Count) result = Run512<T, TAcc, TOp>(ref p, n, ref i);
        else if (width == VectorWidth.Bits256 && n >= Vector256<T>.Count) result = Run256<T, TAcc, TOp>(ref p, n, ref i);
        else if (width == VectorWidth.Vector && n >= Vector<T>.Count) result = RunVector<T, TAcc, TOp>(ref p, n, ref i);

        for (; i < n; i++) result = TOp.Accumulate(result, Unsafe.Add(ref p, i));
        return result;
    }

    /// <summary>Whole Vector512 blocks from <paramref name="i"/> on; advances <paramref name="i"/> past them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static TAcc Run512<T, TAcc, TOp>(ref T p, int n, ref int i)
        where T : unmanaged
        where TAcc : unmanaged
        where TOp : IAggregateOperator<T, TAcc>
    {
        int w = Vector512<T>.Count;
        int k = i;
        Vector512<TAcc> a0 = Vector512.Create(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - 4 * w; k += 4 * w)
        {
            a0 = TOp.Accumulate(a0, Vector512.LoadUnsafe(ref p, (nuint)k));
            a1 = TOp.Accumulate(a1, Vector512.LoadUnsafe(ref p, (nuint)(k + w)));
            a2 = TOp.Accumulate(a2, Vector512.LoadUnsafe(ref p, (nuint)(k + 2 * w)));
            a3 = TOp.Accumulate(a3, Vector512.LoadUnsafe(ref p, (nuint)(k + 3 * w)));
        }
        for (; k <= n - w; k += w) a0 = TOp.Accumulate(a0, Vector512.LoadUnsafe(ref p, (nuint)k));
        i = k;
        return TOp.Reduce(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)));
    }

    /// <summary>Whole Vector256 blocks from <paramref name="i"/> on; advances <paramref name="i"/> past them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static TAcc Run256<T, TAcc, TOp>(ref T p, int n, ref int i)
        where T : unmanaged
        where TAcc : unmanaged
        where TOp : IAggregateOperator<T, TAcc>
    {
        int w = Vector256<T>.Count;
        int k = i;
        Vector256<TAcc> a0 = Vector256.Create(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - 4 * w; k += 4 * w)
        {
            a0 = TOp.Accumulate(a0, Vector256.LoadUnsafe(ref p, (nuint)k));
            a1 = TOp.Accumulate(a1, Vector256.LoadUnsafe(ref p, (nuint)(k + w)));
            a2 = TOp.Accumulate(a2, Vector256.LoadUnsafe(ref p, (nuint)(k + 2 * w)));
            a3 = TOp.Accumulate(a3, Vector256.LoadUnsafe(ref p, (nuint)(k + 3 * w)));
        }
        for (; k <= n - w; k += w) a0 = TOp.Accumulate(a0, Vector256.LoadUnsafe(ref p, (nuint)k));
        i = k;
        return TOp.Reduce(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)));
    }

    /// <summary>Whole Vector&lt;T&gt; blocks from <paramref name="i"/> on; advances <paramref name="i"/> past them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static TAcc RunVector<T, TAcc, TOp>(ref T p, int n, ref int i)
        where T : unmanaged
        where TAcc : unmanaged
        where TOp : IAggregateOperator<T, TAcc>
    {
        int w = Vector<T>.Count;
        int k = i;
        Vector<TAcc> a0 = new(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - 4 * w; k += 4 * w)
        {
            a0 = TOp.Accumulate(a0, Vector.LoadUnsafe(ref p, (nuint)k));
            a1 = TOp.Accumulate(a1, Vector.LoadUnsafe(ref p, (nuint)(k + w)));
            a2 = TOp.Accumulate(a2, Vector.LoadUnsafe(ref p, (nuint)(k + 2 * w)));
            a3 = TOp.Accumulate(a3, Vector.LoadUnsafe(ref p, (nuint)(k + 3 * w)));
        }
        for (; k <= n - w; k += w) a0 = TOp.Accumulate(a0, Vector.LoadUnsafe(ref p, (nuint)k));
        i = k;
        return TOp.Reduce(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)));
    }
}

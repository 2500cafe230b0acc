using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Runs an <see cref="IWideningAggregateOperator"/> over floats on a given path, in double:
/// the <see cref="AggregateDriver"/> shape (four accumulators, one-vector remainder, scalar
/// tail, one non-inlined instantiation of the loop per width) with a widening load, which each
/// width provides (<see cref="IVectorWidth{T, TVector}.AccumulateWidened"/>). The load matters for
/// speed: a half-width load converted in one instruction (<c>vcvtps2pd ymm, m128</c>) runs about
/// twice as fast on Zen 3 as a full load split with <c>vextractf128</c>, which is what
/// <see cref="Vector256.Widen(Vector256{float})"/> compiles to. From 2^16 elements on, a scalar
/// head aligns those loads, so for such lengths the rounding of the double sum (not the float
/// norm, barring a 2^-29-ulp tie) may depend on the array's address.
/// </summary>
internal static class WideningAggregateDriver
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Run<TOp>(ReadOnlySpan<float> x, SimdPath path) where TOp : IWideningAggregateOperator
    {
        VectorWidth width = PathTable.Width(path);
        ref float p = ref MemoryMarshal.GetReference(x);
        int n = x.Length;
        int i = 0;
        double result = TOp.Identity;

        // Beyond L2, align the half-width loads so none splits a cache line (about 15% faster
        // from DRAM here). Below it, skip this so results stay bitwise independent of alignment.
        if (n >= AlignFrom && width is VectorWidth.Bits512 or VectorWidth.Bits256)
            for (int head = HeadToAlign(ref p, width == VectorWidth.Bits512 ? 32 : 16); i < head; i++)
                result = TOp.Accumulate(result, Unsafe.Add(ref p, i));

        if (width == VectorWidth.Bits512 && n - i >= 2 * Width512<double>.Count)
            result = TOp.Combine(result, RunWidth<TOp, Width512<double>, Vector512<double>>(ref p, n, ref i));
        else if (width == VectorWidth.Bits256 && n - i >= 2 * Width256<double>.Count)
            result = TOp.Combine(result, RunWidth<TOp, Width256<double>, Vector256<double>>(ref p, n, ref i));
        else if (width == VectorWidth.Vector && n >= 2 * WidthVector<double>.Count)
            result = TOp.Combine(result, RunWidth<TOp, WidthVector<double>, Vector<double>>(ref p, n, ref i));

        for (; i < n; i++) result = TOp.Accumulate(result, Unsafe.Add(ref p, i));
        return result;
    }

    /// <summary>Length (in floats, 256 KiB) from which the vector loads are aligned.</summary>
    private const int AlignFrom = 1 << 16;

    /// <summary>How many leading floats to take one by one so the rest starts on an <paramref name="alignment"/>-byte boundary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int HeadToAlign(ref float p, int alignment)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref p); // moved by the GC later: only speed suffers
        if ((address & 3) != 0) return 0;               // floats not 4-byte aligned: cannot align
        return (int)((nuint)(alignment - (int)(address & (nuint)(alignment - 1))) & (nuint)(alignment - 1)) / sizeof(float);
    }

    /// <summary>Whole steps of two vectors of doubles from <paramref name="i"/> on; advances <paramref name="i"/> past them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static double RunWidth<TOp, TWidth, TVector>(ref float p, int n, ref int i)
        where TOp : IWideningAggregateOperator
        where TWidth : IVectorWidth<double, TVector>
        where TVector : unmanaged
    {
        int w = 2 * TWidth.Count; // floats per step: two vectors of doubles
        int k = i;
        TVector a0 = TWidth.Create(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - 4 * w; k += 4 * w)
        {
            ref float q = ref Unsafe.Add(ref p, k); // constant offsets from q fold into the loads
            a0 = TWidth.AccumulateWidened<TOp>(a0, ref q, 0);
            a1 = TWidth.AccumulateWidened<TOp>(a1, ref q, (nuint)w);
            a2 = TWidth.AccumulateWidened<TOp>(a2, ref q, (nuint)(2 * w));
            a3 = TWidth.AccumulateWidened<TOp>(a3, ref q, (nuint)(3 * w));
        }
        for (; k <= n - w; k += w) a0 = TWidth.AccumulateWidened<TOp>(a0, ref p, (nuint)k);
        i = k;
        return TWidth.Reduce<TOp>(TWidth.Combine<TOp>(TWidth.Combine<TOp>(a0, a1), TWidth.Combine<TOp>(a2, a3)));
    }
}

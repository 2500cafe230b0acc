using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastReg.Simd;

/// <summary>
/// Runs an <see cref="IWideningAggregateOperator"/> over floats on a given path, in double:
/// the <see cref="AggregateDriver"/> shape (four accumulators, one-vector remainder, scalar
/// tail, one non-inlined loop per width) with a widening load. The load matters for speed: a
/// half-width load converted in one instruction (<c>vcvtps2pd ymm, m128</c>) runs about twice
/// as fast on Zen 3 as a full load split with <c>vextractf128</c>, which is what
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

        if (width == VectorWidth.Bits512 && n - i >= Vector512<float>.Count) result = TOp.Combine(result, Run512<TOp>(ref p, n, ref i));
        else if (width == VectorWidth.Bits256 && n - i >= Vector256<float>.Count) result = TOp.Combine(result, Run256<TOp>(ref p, n, ref i));
        else if (width == VectorWidth.Vector && n >= Vector<float>.Count) result = TOp.Combine(result, RunVector<TOp>(ref p, n, ref i));

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

    /// <summary>Eight floats from p[i] as doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Widen512(ref float p, nuint i) =>
        Avx512F.IsSupported
            ? Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref p, i))
            : Vector512.WidenLower(Vector256.LoadUnsafe(ref p, i).ToVector512Unsafe());

    /// <summary>Four floats from p[i] as doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Widen256(ref float p, nuint i) =>
        Avx.IsSupported
            ? Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref p, i))
            : Vector256.WidenLower(Vector128.LoadUnsafe(ref p, i).ToVector256Unsafe());

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static double Run512<TOp>(ref float p, int n, ref int i) where TOp : IWideningAggregateOperator
    {
        const int w = 16; // floats per Vector512<float>: two Vector512<double>
        int k = i;
        Vector512<double> a0 = Vector512.Create(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - 4 * w; k += 4 * w)
        {
            ref float q = ref Unsafe.Add(ref p, k); // constant offsets from q fold into the loads
            a0 = TOp.Accumulate(a0, Widen512(ref q, 0), Widen512(ref q, 8));
            a1 = TOp.Accumulate(a1, Widen512(ref q, w), Widen512(ref q, w + 8));
            a2 = TOp.Accumulate(a2, Widen512(ref q, 2 * w), Widen512(ref q, 2 * w + 8));
            a3 = TOp.Accumulate(a3, Widen512(ref q, 3 * w), Widen512(ref q, 3 * w + 8));
        }
        for (; k <= n - w; k += w) a0 = TOp.Accumulate(a0, Widen512(ref Unsafe.Add(ref p, k), 0), Widen512(ref Unsafe.Add(ref p, k), 8));
        i = k;
        return TOp.Reduce(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static double Run256<TOp>(ref float p, int n, ref int i) where TOp : IWideningAggregateOperator
    {
        const int w = 8; // floats per Vector256<float>: two Vector256<double>
        int k = i;
        Vector256<double> a0 = Vector256.Create(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - 4 * w; k += 4 * w)
        {
            ref float q = ref Unsafe.Add(ref p, k); // constant offsets from q fold into the loads
            a0 = TOp.Accumulate(a0, Widen256(ref q, 0), Widen256(ref q, 4));
            a1 = TOp.Accumulate(a1, Widen256(ref q, w), Widen256(ref q, w + 4));
            a2 = TOp.Accumulate(a2, Widen256(ref q, 2 * w), Widen256(ref q, 2 * w + 4));
            a3 = TOp.Accumulate(a3, Widen256(ref q, 3 * w), Widen256(ref q, 3 * w + 4));
        }
        for (; k <= n - w; k += w) a0 = TOp.Accumulate(a0, Widen256(ref Unsafe.Add(ref p, k), 0), Widen256(ref Unsafe.Add(ref p, k), 4));
        i = k;
        return TOp.Reduce(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static double RunVector<TOp>(ref float p, int n, ref int i) where TOp : IWideningAggregateOperator
    {
        int w = Vector<float>.Count;
        int k = i;
        Vector<double> a0 = new(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - 4 * w; k += 4 * w)
        {
            Vector.Widen(Vector.LoadUnsafe(ref p, (nuint)k), out Vector<double> l0, out Vector<double> h0);
            Vector.Widen(Vector.LoadUnsafe(ref p, (nuint)(k + w)), out Vector<double> l1, out Vector<double> h1);
            Vector.Widen(Vector.LoadUnsafe(ref p, (nuint)(k + 2 * w)), out Vector<double> l2, out Vector<double> h2);
            Vector.Widen(Vector.LoadUnsafe(ref p, (nuint)(k + 3 * w)), out Vector<double> l3, out Vector<double> h3);
            a0 = TOp.Accumulate(a0, l0, h0);
            a1 = TOp.Accumulate(a1, l1, h1);
            a2 = TOp.Accumulate(a2, l2, h2);
            a3 = TOp.Accumulate(a3, l3, h3);
        }
        for (; k <= n - w; k += w)
        {
            Vector.Widen(Vector.LoadUnsafe(ref p, (nuint)k), out Vector<double> l, out Vector<double> h);
            a0 = TOp.Accumulate(a0, l, h);
        }
        i = k;
        return TOp.Reduce(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)));
    }
}

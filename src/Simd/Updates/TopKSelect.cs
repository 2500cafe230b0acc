using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Keeps the k largest |g| of a span and zeroes the rest, in worst-case linear time and without
/// allocating: a most-significant-digit radix select on the magnitude bits, then one masking pass.
/// <para>
/// Keys: the IEEE bits with the sign cleared (int for float, long for double). For non-negative
/// floats the bit patterns order exactly as the values, +0 and −0 share key 0, and NaN (any
/// payload) sorts above +∞, so NaN counts as the largest magnitude, as in torch.topk.
/// </para>
/// <para>
/// Select: the first pass writes every key to scratch and histograms its top 11 bits; the bucket
/// that holds the k-th largest key is found from the top, its keys are compacted to the front of
/// scratch and the next 11 (or fewer) bits are histogrammed, until every bit of the threshold τ is
/// fixed (3 passes for float, 6 for double, each over a shrinking candidate set; no pivots, so no
/// bad cases). What is left is τ and how many elements equal to τ still belong to the top k.
/// </para>
/// <para>
/// Mask: key &gt; τ is kept, key &lt; τ is zeroed, and of the keys equal to τ the first ones in
/// index order are kept until exactly k survive. Vectors with no tie left to place are masked
/// whole; a vector holding a tie still to be placed goes element by element.
/// </para>
/// </summary>
internal static class TopKSelect
{
    private const int DigitBits = 11;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Mask<T>(Span<T> grad, int k, Span<T> scratch, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k >= grad.Length) return;
        if (k == 0)
        {
            grad.Clear();
            return;
        }
        if (typeof(T) == typeof(float))
            MaskKeys(MemoryMarshal.Cast<T, int>(grad), k, MemoryMarshal.Cast<T, int>(scratch), path);
        else
            MaskKeys(MemoryMarshal.Cast<T, long>(grad), k, MemoryMarshal.Cast<T, long>(scratch), path);
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaskKeys<TKey>(Span<TKey> bits, int k, Span<TKey> keys, SimdPath path)
        where TKey : unmanaged, IBinaryInteger<TKey>, ISignedNumber<TKey>, IMinMaxValue<TKey>
    {
        Span<int> hist = stackalloc int[1 << DigitBits];
        TKey magnitude = TKey.MaxValue; // all bits but the sign
        int keyBits = Unsafe.SizeOf<TKey>() * 8 - 1;
        int n = bits.Length;

        // The current digit is bits [shift, top) of the key.
        int top = keyBits;
        int shift = Math.Max(top - DigitBits, 0);
        hist.Clear();
        for (int i = 0; i < n; i++)
        {
            TKey key = bits[i] & magnitude;
            keys[i] = key;
            hist[int.CreateTruncating(key >>> shift)]++;
        }

        int m = n;          // candidates keys[0..m) share the threshold's bits at and above `top`
        int need = k;       // how many of the largest candidates still belong to the top k
        TKey threshold = TKey.Zero;
        while (true)
        {
            int digitMask = (1 << (top - shift)) - 1;
            int bucket = digitMask, above = 0;
            while (above + hist[bucket] < need) above += hist[bucket--];
            need -= above;
            threshold |= TKey.CreateTruncating(bucket) << shift;
            if (shift == 0) break;

            int j = 0;
            for (int i = 0; i < m; i++)
            {
                TKey key = keys[i];
                if ((int.CreateTruncating(key >>> shift) & digitMask) == bucket) keys[j++] = key;
            }
            m = j;

            top = shift;
            shift = Math.Max(top - DigitBits, 0);
            int nextMask = (1 << (top - shift)) - 1;
            hist[..(nextMask + 1)].Clear();
            for (int i = 0; i < m; i++) hist[int.CreateTruncating(keys[i] >>> shift) & nextMask]++;
        }

        ApplyMask(bits, threshold, need, path);
    }

    /// <summary>Zeroes every element whose key is below τ and all but the first <paramref name="ties"/> equal to τ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ApplyMask<TKey>(Span<TKey> bits, TKey threshold, int ties, SimdPath path)
        where TKey : unmanaged, IBinaryInteger<TKey>, ISignedNumber<TKey>, IMinMaxValue<TKey>
    {
        VectorWidth width = PathTable.Width(path);
        ref TKey p = ref MemoryMarshal.GetReference(bits);
        nuint n = (nuint)bits.Length;
        nuint i = 0;
        if (width == VectorWidth.Bits512) i = MaskWidth<TKey, Width512<TKey>, Vector512<TKey>>(ref p, n, threshold, ref ties);
        else if (width == VectorWidth.Bits256) i = MaskWidth<TKey, Width256<TKey>, Vector256<TKey>>(ref p, n, threshold, ref ties);
        else if (width == VectorWidth.Vector) i = MaskWidth<TKey, WidthVector<TKey>, Vector<TKey>>(ref p, n, threshold, ref ties);
        MaskScalar(ref p, i, n, threshold, ties);
    }

    /// <summary>The whole vectors of <see cref="ApplyMask"/>; returns where they end.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static nuint MaskWidth<TKey, TWidth, TVector>(ref TKey p, nuint n, TKey threshold, ref int ties)
        where TKey : unmanaged, IBinaryInteger<TKey>, ISignedNumber<TKey>, IMinMaxValue<TKey>
        where TWidth : IVectorWidth<TKey, TVector>
        where TVector : unmanaged
    {
        nuint c = (nuint)TWidth.Count;
        TVector tau = TWidth.Create(threshold), mag = TWidth.Create(TKey.MaxValue);
        nuint i = 0;
        for (; i + c <= n; i += c)
        {
            TVector x = TWidth.Load(ref p, i), key = TWidth.BitwiseAnd(x, mag);
            if (ties > 0 && TWidth.EqualsAny(key, tau)) ties = MaskScalar(ref p, i, i + c, threshold, ties);
            else TWidth.Store(TWidth.BitwiseAnd(x, TWidth.GreaterThan(key, tau)), ref p, i);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MaskScalar<TKey>(ref TKey p, nuint from, nuint to, TKey threshold, int ties)
        where TKey : unmanaged, IBinaryInteger<TKey>, ISignedNumber<TKey>, IMinMaxValue<TKey>
    {
        for (nuint i = from; i < to; i++)
        {
            ref TKey x = ref Unsafe.Add(ref p, i);
            TKey key = x & TKey.MaxValue;
            if (key > threshold) continue;
            if (key == threshold && ties > 0)
            {
                ties--;
                continue;
            }
            x = TKey.Zero;
        }
        return ties;
    }
}

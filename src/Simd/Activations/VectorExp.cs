using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// e^x and e^x − 1 per lane for float and double, one copy per vector width (the widths share
/// no generic vector type). Cody-Waite reduction x = k·ln2 + r with |r| ≤ ln2/2 (ln2 split
/// into a short high part, so k·ln2hi is exact, and a low part), then e^r − 1 = r + r²·P(r)
/// with Taylor coefficients (degree 7 for float, 13 for double: truncation below 0.15 ulp),
/// then scaling by 2^k built in the exponent bits. The scale is applied in two halves,
/// 2^kh·2^(k − kh) with kh = round(k/2), so results that overflow become +∞ and results in the
/// subnormal range come out as (correctly rounded-once) subnormals, then 0, without a branch.
/// NaN in gives NaN out. Measured error bounds: docs/kernels.md (Activations).
/// </summary>
internal static class VectorExp
{
    // Inputs are clamped to [Lo, Hi]: beyond them e^x is 0 or +∞ in T anyway, and the clamp
    // keeps |k| ≤ 2·(max exponent), where both halves of the scale are normal numbers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Lo<T>() where T : IFloatingPointIeee754<T> => T.CreateTruncating(typeof(T) == typeof(float) ? -104.0 : -746.0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Hi<T>() where T : IFloatingPointIeee754<T> => T.CreateTruncating(typeof(T) == typeof(float) ? 89.0 : 710.0);

    // 1.5·2^(mantissa bits): adding it rounds to an integer and leaves that integer in the low bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Shifter<T>() where T : IFloatingPointIeee754<T> => T.CreateTruncating(typeof(T) == typeof(float) ? 12582912.0 : 6755399441055744.0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Log2E<T>() where T : IFloatingPointIeee754<T> => T.CreateTruncating(1.4426950408889634);

    // ln2 = Ln2Hi + Ln2Lo; Ln2Hi has enough trailing zero bits that k·Ln2Hi is exact.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Ln2Hi<T>() where T : IFloatingPointIeee754<T> => T.CreateTruncating(typeof(T) == typeof(float) ? 0.693359375 : 6.93147180369123816490e-01);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Ln2Lo<T>() where T : IFloatingPointIeee754<T> => T.CreateTruncating(typeof(T) == typeof(float) ? -2.12194440e-4 : 1.90821492927058770002e-10);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T C<T>(double v) where T : IFloatingPointIeee754<T> => T.CreateTruncating(v);

    // ---------------- Vector<T> ----------------

    /// <summary>e^x per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Exp<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> xc = Vector.MinNative(Vector.MaxNative(x, new Vector<T>(Lo<T>())), new Vector<T>(Hi<T>()));
        Vector<T> q = ExpM1Reduced(xc, out Vector<T> k);
        Vector<T> e = ScaleByPow2(q + Vector<T>.One, k);
        return Vector.ConditionalSelect(Vector.Equals(x, x), e, x);
    }

    /// <summary>e^z − 1 per lane for 0 ≤ z ≤ 80 (no clamp, no NaN handling: the caller guarantees the range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> ExpM1Bounded<T>(Vector<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> q = ExpM1Reduced(z, out Vector<T> k);
        Vector<T> s = Pow2(k);
        return VectorMath.MultiplyAdd(s, q, s - Vector<T>.One);
    }

    /// <summary>Splits x = k·ln2 + r and returns e^r − 1, with k (an integer-valued T) in <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> ExpM1Reduced<T>(Vector<T> x, out Vector<T> k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> shifter = new Vector<T>(Shifter<T>());
        k = VectorMath.MultiplyAdd(x, new Vector<T>(Log2E<T>()), shifter) - shifter;
        Vector<T> r = VectorMath.MultiplyAdd(k, new Vector<T>(-Ln2Hi<T>()), x);
        r = VectorMath.MultiplyAdd(k, new Vector<T>(-Ln2Lo<T>()), r);
        Vector<T> p;
        if (typeof(T) == typeof(float))
        {
            p = VectorMath.MultiplyAdd(new Vector<T>(C<T>(1.0 / 5040)), r, new Vector<T>(C<T>(1.0 / 720)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(1.0 / 120)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(1.0 / 24)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(1.0 / 6)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(0.5)));
        }
        else
        {
            p = VectorMath.MultiplyAdd(new Vector<T>(C<T>(1.0 / 6227020800)), r, new Vector<T>(C<T>(1.0 / 479001600)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(1.0 / 39916800)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(1.0 / 3628800)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(1.0 / 362880)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(1.0 / 40320)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(1.0 / 5040)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(1.0 / 720)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(1.0 / 120)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(1.0 / 24)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(1.0 / 6)));
            p = VectorMath.MultiplyAdd(p, r, new Vector<T>(C<T>(0.5)));
        }
        return VectorMath.MultiplyAdd(r * r, p, r);
    }

    /// <summary>2^k for integer-valued k in the normal exponent range, built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Pow2<T>(Vector<T> k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> shifter = new Vector<T>(Shifter<T>());
        Vector<T> t = k + shifter; // exact: k now sits in the low mantissa bits
        if (typeof(T) == typeof(float))
            return Vector.As<int, T>(Vector.ShiftLeft(Vector.As<T, int>(t) - Vector.As<T, int>(shifter) + new Vector<int>(127), 23));
        return Vector.As<long, T>(Vector.ShiftLeft(Vector.As<T, long>(t) - Vector.As<T, long>(shifter) + new Vector<long>(1023L), 52));
    }

    /// <summary>p·2^k as p·2^kh·2^(k − kh), kh = round(k/2): both halves are normal over the clamped range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> ScaleByPow2<T>(Vector<T> p, Vector<T> k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> shifter = new Vector<T>(Shifter<T>());
        Vector<T> kh = VectorMath.MultiplyAdd(k, new Vector<T>(C<T>(0.5)), shifter) - shifter;
        return p * Pow2(kh) * Pow2(k - kh);
    }

    // ---------------- Vector256<T> ----------------

    /// <summary>e^x per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp<T>(Vector256<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> xc = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(Lo<T>())), Vector256.Create(Hi<T>()));
        Vector256<T> q = ExpM1Reduced(xc, out Vector256<T> k);
        Vector256<T> e = ScaleByPow2(q + Vector256<T>.One, k);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), e, x);
    }

    /// <summary>e^z − 1 per lane for 0 ≤ z ≤ 80 (no clamp, no NaN handling: the caller guarantees the range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> ExpM1Bounded<T>(Vector256<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> q = ExpM1Reduced(z, out Vector256<T> k);
        Vector256<T> s = Pow2(k);
        return VectorMath.MultiplyAdd(s, q, s - Vector256<T>.One);
    }

    /// <summary>Splits x = k·ln2 + r and returns e^r − 1, with k (an integer-valued T) in <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> ExpM1Reduced<T>(Vector256<T> x, out Vector256<T> k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> shifter = Vector256.Create(Shifter<T>());
        k = VectorMath.MultiplyAdd(x, Vector256.Create(Log2E<T>()), shifter) - shifter;
        Vector256<T> r = VectorMath.MultiplyAdd(k, Vector256.Create(-Ln2Hi<T>()), x);
        r = VectorMath.MultiplyAdd(k, Vector256.Create(-Ln2Lo<T>()), r);
        Vector256<T> p;
        if (typeof(T) == typeof(float))
        {
            p = VectorMath.MultiplyAdd(Vector256.Create(C<T>(1.0 / 5040)), r, Vector256.Create(C<T>(1.0 / 720)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(1.0 / 120)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(1.0 / 24)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(1.0 / 6)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(0.5)));
        }
        else
        {
            p = VectorMath.MultiplyAdd(Vector256.Create(C<T>(1.0 / 6227020800)), r, Vector256.Create(C<T>(1.0 / 479001600)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(1.0 / 39916800)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(1.0 / 3628800)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(1.0 / 362880)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(1.0 / 40320)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(1.0 / 5040)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(1.0 / 720)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(1.0 / 120)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(1.0 / 24)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(1.0 / 6)));
            p = VectorMath.MultiplyAdd(p, r, Vector256.Create(C<T>(0.5)));
        }
        return VectorMath.MultiplyAdd(r * r, p, r);
    }

    /// <summary>2^k for integer-valued k in the normal exponent range, built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Pow2<T>(Vector256<T> k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> shifter = Vector256.Create(Shifter<T>());
        Vector256<T> t = k + shifter; // exact: k now sits in the low mantissa bits
        if (typeof(T) == typeof(float))
            return Vector256.As<int, T>(Vector256.ShiftLeft(Vector256.As<T, int>(t) - Vector256.As<T, int>(shifter) + Vector256.Create(127), 23));
        return Vector256.As<long, T>(Vector256.ShiftLeft(Vector256.As<T, long>(t) - Vector256.As<T, long>(shifter) + Vector256.Create(1023L), 52));
    }

    /// <summary>p·2^k as p·2^kh·2^(k − kh), kh = round(k/2): both halves are normal over the clamped range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> ScaleByPow2<T>(Vector256<T> p, Vector256<T> k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> shifter = Vector256.Create(Shifter<T>());
        Vector256<T> kh = VectorMath.MultiplyAdd(k, Vector256.Create(C<T>(0.5)), shifter) - shifter;
        return p * Pow2(kh) * Pow2(k - kh);
    }

    // ---------------- Vector512<T> ----------------

    /// <summary>e^x per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector512<T> xc = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(Lo<T>())), Vector512.Create(Hi<T>()));
        Vector512<T> q = ExpM1Reduced(xc, out Vector512<T> k);
        Vector512<T> e = ScaleByPow2(q + Vector512<T>.One, k);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), e, x);
    }

    /// <summary>e^z − 1 per lane for 0 ≤ z ≤ 80 (no clamp, no NaN handling: the caller guarantees the range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> ExpM1Bounded<T>(Vector512<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector512<T> q = ExpM1Reduced(z, out Vector512<T> k);
        Vector512<T> s = Pow2(k);
        return VectorMath.MultiplyAdd(s, q, s - Vector512<T>.One);
    }

    /// <summary>Splits x = k·ln2 + r and returns e^r − 1, with k (an integer-valued T) in <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> ExpM1Reduced<T>(Vector512<T> x, out Vector512<T> k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector512<T> shifter = Vector512.Create(Shifter<T>());
        k = VectorMath.MultiplyAdd(x, Vector512.Create(Log2E<T>()), shifter) - shifter;
        Vector512<T> r = VectorMath.MultiplyAdd(k, Vector512.Create(-Ln2Hi<T>()), x);
        r = VectorMath.MultiplyAdd(k, Vector512.Create(-Ln2Lo<T>()), r);
        Vector512<T> p;
        if (typeof(T) == typeof(float))
        {
            p = VectorMath.MultiplyAdd(Vector512.Create(C<T>(1.0 / 5040)), r, Vector512.Create(C<T>(1.0 / 720)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(1.0 / 120)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(1.0 / 24)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(1.0 / 6)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(0.5)));
        }
        else
        {
            p = VectorMath.MultiplyAdd(Vector512.Create(C<T>(1.0 / 6227020800)), r, Vector512.Create(C<T>(1.0 / 479001600)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(1.0 / 39916800)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(1.0 / 3628800)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(1.0 / 362880)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(1.0 / 40320)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(1.0 / 5040)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(1.0 / 720)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(1.0 / 120)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(1.0 / 24)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(1.0 / 6)));
            p = VectorMath.MultiplyAdd(p, r, Vector512.Create(C<T>(0.5)));
        }
        return VectorMath.MultiplyAdd(r * r, p, r);
    }

    /// <summary>2^k for integer-valued k in the normal exponent range, built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Pow2<T>(Vector512<T> k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector512<T> shifter = Vector512.Create(Shifter<T>());
        Vector512<T> t = k + shifter; // exact: k now sits in the low mantissa bits
        if (typeof(T) == typeof(float))
            return Vector512.As<int, T>(Vector512.ShiftLeft(Vector512.As<T, int>(t) - Vector512.As<T, int>(shifter) + Vector512.Create(127), 23));
        return Vector512.As<long, T>(Vector512.ShiftLeft(Vector512.As<T, long>(t) - Vector512.As<T, long>(shifter) + Vector512.Create(1023L), 52));
    }

    /// <summary>p·2^k as p·2^kh·2^(k − kh), kh = round(k/2): both halves are normal over the clamped range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> ScaleByPow2<T>(Vector512<T> p, Vector512<T> k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector512<T> shifter = Vector512.Create(Shifter<T>());
        Vector512<T> kh = VectorMath.MultiplyAdd(k, Vector512.Create(C<T>(0.5)), shifter) - shifter;
        return p * Pow2(kh) * Pow2(k - kh);
    }
}

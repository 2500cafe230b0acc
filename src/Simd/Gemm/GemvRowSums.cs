using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastReg.Simd;

/// <summary>
/// The end of the Avx2 GEMV's eight-row pass for float rows with no scalar tail: the eight horizontal
/// sums done together (six horizontal adds, two lane permutes, one add, one store) instead of eight
/// separate reductions and scalar stores, which on short rows (a 128×64 layer: eight FMAs per row)
/// cost as much as the products.
/// </summary>
internal static class GemvRowSums
{
    /// <summary>y[i + r] := alpha·Σ s_r + beta·y[i + r] for r = 0..7, not reading y when beta = 0 (Avx required).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreEight(ref float y, int i, float alpha, float beta,
        Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3,
        Vector256<float> s4, Vector256<float> s5, Vector256<float> s6, Vector256<float> s7)
    {
        // Per 128-bit half: hadd(a, b) = [a0+a1, a2+a3, b0+b1, b2+b3]; two rounds leave each row's half-sums
        // in one lane of each half, and the permutes line the halves up.
        Vector256<float> u0 = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
        Vector256<float> u1 = Avx.HorizontalAdd(Avx.HorizontalAdd(s4, s5), Avx.HorizontalAdd(s6, s7));
        Vector256<float> sums = Avx.Add(Avx.Permute2x128(u0, u1, 0x20), Avx.Permute2x128(u0, u1, 0x31));
        ref float yi = ref Unsafe.Add(ref y, i);
        Vector256<float> scaled = Vector256.Create(alpha) * sums;
        if (beta == 0) scaled.StoreUnsafe(ref yi);
        else VectorMath.MultiplyAdd(Vector256.Create(beta), Vector256.LoadUnsafe(ref yi), scaled).StoreUnsafe(ref yi);
    }
}

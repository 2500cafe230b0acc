using System.Numerics;

namespace FastReg.Simd.Reference;

/// <summary>Plain scalar references for <see cref="Elementwise"/>, the tests' oracle.</summary>
public static class ElementwiseReference
{
    /// <summary>
    /// y += alpha·x as the kernels round it: one rounding per element where the CPU has FMA, two
    /// elsewhere (<see cref="Isa.FusedMultiplyAdd"/>).
    /// </summary>
    public static void Axpy<T>(T alpha, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = VectorMath.MultiplyAdd(alpha, x[i], y[i]);
    }

    /// <summary>z = x·m.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> m, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) z[i] = x[i] * m[i];
    }

    /// <summary>g += c·sign(w), sign(0) = 0, NaN ignored.</summary>
    public static void AddScaledSign<T>(T c, ReadOnlySpan<T> w, Span<T> g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < w.Length; i++)
        {
            if (w[i] > T.Zero) g[i] += c;
            else if (w[i] < T.Zero) g[i] -= c;
        }
    }
}

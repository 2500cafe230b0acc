using System.Numerics;

namespace FastReg.Simd.Reference;

/// <summary>
/// The plain matrix-vector product <c>Blas.Gemv</c> is tested against: one loop per row accumulating
/// the dot product in double (exact enough to be the oracle for float, the same type for double).
/// </summary>
public static class GemvReference
{
    /// <summary>y := alpha·A·x + beta·y with the argument rules of <c>Blas.Gemv</c> (beta = 0 does not read y).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="m">Rows of A, length of y.</param>
    /// <param name="n">Columns of A, length of x.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major m×n.</param>
    /// <param name="lda">Row stride of A.</param>
    /// <param name="x">The vector.</param>
    /// <param name="beta">Scale of y's previous contents.</param>
    /// <param name="y">The result, updated in place.</param>
    public static void Gemv<T>(int m, int n, T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        GemvArguments.Validate(m, n, a.Length, lda, x.Length, y.Length);
        double al = double.CreateTruncating(alpha), be = double.CreateTruncating(beta);
        for (int i = 0; i < m; i++)
        {
            double sum = 0;
            if (al != 0)
            {
                for (int j = 0; j < n; j++)
                    sum += double.CreateTruncating(a[i * lda + j]) * double.CreateTruncating(x[j]);
            }
            double old = be == 0 ? 0 : be * double.CreateTruncating(y[i]);
            y[i] = T.CreateTruncating(al * sum + old);
        }
    }
}

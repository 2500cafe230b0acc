using System.Numerics;
using FastReg.Simd.Gemm;

namespace FastReg.Simd.Reference;

/// <summary>
/// The plain GEMM every fast path is tested against: a triple loop accumulating each dot product in
/// double (exact enough to serve as the oracle for float, the same type for double).
/// </summary>
public static class GemmReference
{
    /// <summary>
    /// C := alpha·op(A)·op(B) + beta·C with the argument rules of <c>Blas.Gemm</c>
    /// (row-major, beta = 0 does not read C, alpha = 0 does not read A or B).
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="transA">Whether op(A) is A or Aᵀ.</param>
    /// <param name="transB">Whether op(B) is B or Bᵀ.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major.</param>
    /// <param name="lda">Row stride of A.</param>
    /// <param name="b">B, row-major.</param>
    /// <param name="ldb">Row stride of B.</param>
    /// <param name="beta">Scale of C's previous contents.</param>
    /// <param name="c">C, row-major m×n.</param>
    /// <param name="ldc">Row stride of C.</param>
    public static void Gemm<T>(Transpose transA, Transpose transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        GemmArguments.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        double al = double.CreateTruncating(alpha), be = double.CreateTruncating(beta);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                if (al != 0)
                {
                    for (int p = 0; p < k; p++)
                    {
                        T aip = transA == Transpose.No ? a[i * lda + p] : a[p * lda + i];
                        T bpj = transB == Transpose.No ? b[p * ldb + j] : b[j * ldb + p];
                        sum += double.CreateTruncating(aip) * double.CreateTruncating(bpj);
                    }
                }
                double old = be == 0 ? 0 : be * double.CreateTruncating(c[i * ldc + j]);
                c[i * ldc + j] = T.CreateTruncating(al * sum + old);
            }
        }
    }
}

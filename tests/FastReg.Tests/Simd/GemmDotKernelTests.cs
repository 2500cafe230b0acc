using System.Numerics;
using FastReg.Simd;
using FastReg.Simd.Gemm;
using FastReg.Tests.Support;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

/// <summary>
/// Narrow C = alpha·A·Bᵀ + beta·C (n below the micro-kernel's NR, A and B row-major) runs on
/// GemmDotKernel: every path against GemmReference over the widths, depths around the vector
/// width and padded leading dimensions, and bit-identical for any thread count.
/// </summary>
public class GemmDotKernelTests
{
    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Narrow_transposed_products_match_the_reference(SimdPath path)
    {
        Check<float>(path);
        Check<double>(path);

        static void Check<T>(SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int seed = 0;
            foreach (int n in new[] { 1, 2, 3, 4, 5, 7, 10, 15, 31 })
                foreach (int k in new[] { 1, 3, 4, 7, 8, 9, 17, 64, 67, 130 })
                    foreach (int m in new[] { 1, 6, 13 })
                        foreach (double beta in new[] { 0.0, 1.0, -1.5 })
                        {
                            var g = new GemmCase(m, n, k, Transpose.No, Transpose.Yes, seed % 3, seed % 2, seed % 4, 0.75, beta, seed++);
                            Assert.Null(GemmCheck.Run<T>(g, path));
                        }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Narrow_products_are_bit_identical_for_any_thread_count(SimdPath path)
    {
        // n = 10: narrow as a whole; n = 40 and 33: a column split over 3 or 5 threads leaves parts
        // narrower than NR, which must still be summed as with one thread.
        foreach (int n in new[] { 10, 33, 40, 70 })
        {
            var g = new GemmCase(300, n, 200, Transpose.No, Transpose.Yes, 1, 2, 3, 1, 0.5, 7);
            var (a, lda, b, ldb, c, ldc) = GemmCheck.Operands<float>(g);
            float[] one = (float[])c.Clone();
            GemmBlocking blocking = GemmBlockSizes.For<float>(path);
            Blas.Gemm(g.TransA, g.TransB, g.M, g.N, g.K, 1f, a, lda, b, ldb, 0.5f, one, ldc, path, blocking, 1, 0);
            foreach (int threads in new[] { 2, 3, 5 })
            {
                float[] many = (float[])c.Clone();
                Blas.Gemm(g.TransA, g.TransB, g.M, g.N, g.K, 1f, a, lda, b, ldb, 0.5f, many, ldc, path, blocking, threads, 0);
                Assert.Equal(one, many);
            }
        }
    }
}

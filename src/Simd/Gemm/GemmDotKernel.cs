using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd.Gemm;

/// <summary>
/// C := alpha·A·Bᵀ + beta·C for narrow products (n below the micro-kernel's NR, row-major A and B,
/// e.g. a Dense output layer of 10 units: 32×10×128): each element is a dot product of a row of A
/// with a row of B, both contiguous, so nothing is packed and no edge tile is merged. Four rows of
/// B per pass share each load of A's row; vectors run along k, then one horizontal sum per element.
/// The micro-kernel path packed Bᵀ into a zero-padded NR-wide panel and spent most of its time on
/// padding and edge merges there (docs/benchmarks-nn.md, phases). Each element's sum order depends
/// only on k and the vector width, not on its position or on a split of C: results do not change
/// with the thread count.
/// </summary>
internal static unsafe class GemmDotKernel
{
    /// <summary>Whether the driver hands a product to this kernel: A and Bᵀ row-major, fewer columns than one B panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Applies(Transpose transA, Transpose transB, int n, int nr, in GemmBlocking blocking) =>
        transA == Transpose.No && transB == Transpose.Yes && n < nr && blocking.InPlace < 0;

    /// <summary>
    /// Runs the whole product here if it is narrow and the path has a vector form; false otherwise.
    /// Decided on the whole product before any split over threads, so every element of C is summed
    /// the same way whatever the thread count (a column split could leave a part narrower than NR).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRun<T, TKernel>(Transpose transA, Transpose transB, int m, int n, int k, T alpha,
        T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc, in GemmBlocking blocking)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IMicroKernel<T>
    {
        if (!Applies(transA, transB, n, TKernel.NR, blocking)) return false;
        if (typeof(TKernel) == typeof(Avx2Kernel6x16<T>) || typeof(TKernel) == typeof(Avx512Kernel12x32<T>))
        {
            Run256(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return true;
        }
        if (typeof(TKernel) == typeof(VectorKernel<T>))
        {
            RunVector(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return true;
        }
        return false; // the Scalar path keeps the reference micro-kernel
    }

    /// <summary>Vector256 form (Avx2 and Avx512 paths; on Zen 4 a 512-bit dot is no faster at these sizes).</summary>
    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run256<T>(int m, int n, int k, T alpha, T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        int kv = k - k % w;
        for (int i = 0; i < m; i++)
        {
            T* ai = a + i * lda;
            T* ci = c + i * ldc;
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                T* b0 = b + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
                Vector256<T> s0 = Vector256<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < kv; p += w)
                {
                    Vector256<T> x = Vector256.Load(ai + p);
                    s0 = VectorMath.MultiplyAdd(x, Vector256.Load(b0 + p), s0);
                    s1 = VectorMath.MultiplyAdd(x, Vector256.Load(b1 + p), s1);
                    s2 = VectorMath.MultiplyAdd(x, Vector256.Load(b2 + p), s2);
                    s3 = VectorMath.MultiplyAdd(x, Vector256.Load(b3 + p), s3);
                }
                Store(ci + j, alpha, beta, Tail(Vector256.Sum(s0), ai, b0, kv, k));
                Store(ci + j + 1, alpha, beta, Tail(Vector256.Sum(s1), ai, b1, kv, k));
                Store(ci + j + 2, alpha, beta, Tail(Vector256.Sum(s2), ai, b2, kv, k));
                Store(ci + j + 3, alpha, beta, Tail(Vector256.Sum(s3), ai, b3, kv, k));
            }
            for (; j < n; j++)
            {
                T* bj = b + j * ldb;
                Vector256<T> s = Vector256<T>.Zero;
                for (int p = 0; p < kv; p += w) s = VectorMath.MultiplyAdd(Vector256.Load(ai + p), Vector256.Load(bj + p), s);
                Store(ci + j, alpha, beta, Tail(Vector256.Sum(s), ai, bj, kv, k));
            }
        }
    }

    /// <summary>Vector&lt;T&gt; form (Vector path): the same loops at the portable width.</summary>
    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunVector<T>(int m, int n, int k, T alpha, T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        int kv = k - k % w;
        for (int i = 0; i < m; i++)
        {
            T* ai = a + i * lda;
            T* ci = c + i * ldc;
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                T* b0 = b + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
                Vector<T> s0 = Vector<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < kv; p += w)
                {
                    Vector<T> x = Vector.Load(ai + p);
                    s0 = VectorMath.MultiplyAdd(x, Vector.Load(b0 + p), s0);
                    s1 = VectorMath.MultiplyAdd(x, Vector.Load(b1 + p), s1);
                    s2 = VectorMath.MultiplyAdd(x, Vector.Load(b2 + p), s2);
                    s3 = VectorMath.MultiplyAdd(x, Vector.Load(b3 + p), s3);
                }
                Store(ci + j, alpha, beta, Tail(Vector.Sum(s0), ai, b0, kv, k));
                Store(ci + j + 1, alpha, beta, Tail(Vector.Sum(s1), ai, b1, kv, k));
                Store(ci + j + 2, alpha, beta, Tail(Vector.Sum(s2), ai, b2, kv, k));
                Store(ci + j + 3, alpha, beta, Tail(Vector.Sum(s3), ai, b3, kv, k));
            }
            for (; j < n; j++)
            {
                T* bj = b + j * ldb;
                Vector<T> s = Vector<T>.Zero;
                for (int p = 0; p < kv; p += w) s = VectorMath.MultiplyAdd(Vector.Load(ai + p), Vector.Load(bj + p), s);
                Store(ci + j, alpha, beta, Tail(Vector.Sum(s), ai, bj, kv, k));
            }
        }
    }

    /// <summary>The last k % width products, in order, after the vector sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static T Tail<T>(T s, T* a, T* b, int from, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int p = from; p < k; p++) s = VectorMath.MultiplyAdd(a[p], b[p], s);
        return s;
    }

    /// <summary>c := fma(beta, c, alpha·s), the micro-kernels' formula; beta = 0 does not read c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Store<T>(T* c, T alpha, T beta, T s) where T : unmanaged, IFloatingPointIeee754<T> =>
        *c = beta == T.Zero ? alpha * s : VectorMath.MultiplyAdd(beta, *c, alpha * s);
}

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
            Run<T, Width256<T>, Vector256<T>>(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return true;
        }
        if (typeof(TKernel) == typeof(VectorKernel<T>))
        {
            Run<T, WidthVector<T>, Vector<T>>(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return true;
        }
        return false; // the Scalar path keeps the reference micro-kernel
    }

    /// <summary>
    /// At one width: Vector256 on the Avx2 and Avx512 paths (on Zen 4 a 512-bit dot is no faster at
    /// these sizes), Vector&lt;T&gt; on the Vector path.
    /// </summary>
    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TWidth, TVector>(int m, int n, int k, T alpha, T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        int w = TWidth.Count;
        int kv = k - k % w;
        for (int i = 0; i < m; i++)
        {
            T* ai = a + i * lda;
            T* ci = c + i * ldc;
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                T* b0 = b + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
                TVector s0 = TWidth.Create(T.Zero), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < kv; p += w)
                {
                    TVector x = Load<T, TWidth, TVector>(ai + p);
                    s0 = TWidth.Accumulate<DotOperator<T>>(s0, x, Load<T, TWidth, TVector>(b0 + p));
                    s1 = TWidth.Accumulate<DotOperator<T>>(s1, x, Load<T, TWidth, TVector>(b1 + p));
                    s2 = TWidth.Accumulate<DotOperator<T>>(s2, x, Load<T, TWidth, TVector>(b2 + p));
                    s3 = TWidth.Accumulate<DotOperator<T>>(s3, x, Load<T, TWidth, TVector>(b3 + p));
                }
                Store(ci + j, alpha, beta, Tail(TWidth.Reduce<DotOperator<T>>(s0), ai, b0, kv, k));
                Store(ci + j + 1, alpha, beta, Tail(TWidth.Reduce<DotOperator<T>>(s1), ai, b1, kv, k));
                Store(ci + j + 2, alpha, beta, Tail(TWidth.Reduce<DotOperator<T>>(s2), ai, b2, kv, k));
                Store(ci + j + 3, alpha, beta, Tail(TWidth.Reduce<DotOperator<T>>(s3), ai, b3, kv, k));
            }
            for (; j < n; j++)
            {
                T* bj = b + j * ldb;
                TVector s = TWidth.Create(T.Zero);
                for (int p = 0; p < kv; p += w)
                    s = TWidth.Accumulate<DotOperator<T>>(s, Load<T, TWidth, TVector>(ai + p), Load<T, TWidth, TVector>(bj + p));
                Store(ci + j, alpha, beta, Tail(TWidth.Reduce<DotOperator<T>>(s), ai, bj, kv, k));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector Load<T, TWidth, TVector>(T* p)
        where T : unmanaged
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged =>
        TWidth.Load(ref *p, 0);

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

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastReg.Simd.Gemm;

namespace FastReg.Simd;

/// <summary>
/// Matrix-vector product. At one row GEMM's packing and blocking cost more than the arithmetic
/// (~3 µs fixed cost at m = 1), so y = A·x gets its own kernel: 4 rows at a time, each x load shared
/// by 4 accumulators, one horizontal sum per row at the end.
/// </summary>
public static partial class Blas
{
    /// <summary>
    /// Matrix-vector product on a row-major matrix: y := alpha·A·x + beta·y, A m×n with leading
    /// dimension <paramref name="lda"/> (element (i, j) is A[i·lda + j]). As in BLAS: m or n may be 0
    /// (n = 0 scales y by beta); beta = 0 overwrites y without reading it (NaN in y does not propagate);
    /// alpha = 0 does not read A or x. Runs on <see cref="Isa.Active"/> on the calling thread; allocates nothing.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="m">Rows of A, length of y.</param>
    /// <param name="n">Columns of A, length of x.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major m×n.</param>
    /// <param name="lda">Row stride of A, at least max(1, n).</param>
    /// <param name="x">The vector, at least n elements.</param>
    /// <param name="beta">Scale of y's previous contents; 0 means y is write-only.</param>
    /// <param name="y">The result, at least m elements, updated in place.</param>
    /// <exception cref="ArgumentOutOfRangeException">m or n negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="lda"/> too small or a span too short (named in the exception).</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Gemv<T>(int m, int n, T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Gemv(m, n, alpha, a, lda, x, beta, y, GemvPath(Isa.Active, n));

    /// <summary>
    /// A path whose GEMV row names <c>ShortRowsOn</c> runs rows shorter than <c>ShortRowsBelow</c> on that
    /// path's kernel (where accelerated). Today the Avx512 path runs rows shorter than 1024 on the Avx2 kernel: on Zen 4 (double-pumped
    /// 512-bit units) the Vector256 kernel measured as fast or faster at 128×64, 10×128 and 256×784
    /// (bench `mlp-phases`), and short rows leave 512-bit vectors partly in the scalar tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static SimdPath GemvPath(SimdPath path, int n)
    {
        GemvKernelRow row = PathTable.Row(path).Gemv;
        return row.ShortRowsOn is { } other && n < row.ShortRowsBelow && Isa.IsAccelerated(other) ? other : path;
    }

    /// <summary><c>Gemv</c> on a chosen path (tests and benchmarks).</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Gemv<T>(int m, int n, T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> x, T beta, Span<T> y, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        GemvArguments.Validate(m, n, a.Length, lda, x.Length, y.Length);
        if (m == 0) return;
        ref T yr = ref MemoryMarshal.GetReference(y);
        if (n == 0 || T.IsZero(alpha))
        {
            // No product to add: y := beta·y (beta = 0 writes zeros without reading y).
            for (int i = 0; i < m; i++) Unsafe.Add(ref yr, i) = T.IsZero(beta) ? T.Zero : beta * Unsafe.Add(ref yr, i);
            return;
        }
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T xr = ref MemoryMarshal.GetReference(x);
        PathTable.Row(path).Gemv.Run(m, n, alpha, ref ar, lda, ref xr, beta, ref yr);
    }
}

/// <summary>Up-front argument checks shared by <c>Blas.Gemv</c> and <see cref="Reference.GemvReference"/>.</summary>
internal static class GemvArguments
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Validate(int m, int n, int lengthA, int lda, int lengthX, int lengthY)
    {
        ThrowHelper.RequireNonNegative(m, nameof(m));
        ThrowHelper.RequireNonNegative(n, nameof(n));
        if (lda < Math.Max(1, n))
            ThrowHelper.ThrowArgument($"'lda' is {lda} but must be at least max(1, {n}) (the row length of 'a').", nameof(lda));
        long neededA = m == 0 || n == 0 ? 0 : (long)(m - 1) * lda + n;
        ThrowHelper.RequireAtLeast(neededA, lengthA, "a");
        ThrowHelper.RequireAtLeast(n, lengthX, "x");
        ThrowHelper.RequireAtLeast(m, lengthY, "y");
    }
}

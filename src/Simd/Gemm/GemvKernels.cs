using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// The per-path GEMV loops behind <c>Blas.Gemv</c>, arguments already validated, m ≥ 1, n ≥ 1, alpha ≠ 0.
/// Each path walks 4 rows at a time so one load of x feeds 4 FMA chains (4 independent accumulators
/// also hide FMA latency), then the leftover rows one by one. Columns past the last whole vector are
/// finished in scalar on the row's horizontal sum, so nothing past column n is read.
/// </summary>
[SkipLocalsInit]
internal static class GemvKernels
{
    /// <summary>y[i] := alpha·dot + beta·y[i], not reading y when beta = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Store<T>(ref T y, int i, T alpha, T beta, T dot) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T yi = ref Unsafe.Add(ref y, i);
        yi = T.IsZero(beta) ? alpha * dot : VectorMath.MultiplyAdd(beta, yi, alpha * dot);
    }

    /// <summary>Scalar tail: adds columns [j, n) of one row to its dot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static T Tail<T>(ref T row, ref T x, int j, int n, T dot) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; j < n; j++) dot = VectorMath.MultiplyAdd(Unsafe.Add(ref row, j), Unsafe.Add(ref x, j), dot);
        return dot;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scalar<T>(int m, int n, T alpha, ref T a, int lda, ref T x, T beta, ref T y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref T r0 = ref Unsafe.Add(ref a, (nint)i * lda);
            ref T r1 = ref Unsafe.Add(ref r0, lda);
            ref T r2 = ref Unsafe.Add(ref r1, lda);
            ref T r3 = ref Unsafe.Add(ref r2, lda);
            T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
            for (int j = 0; j < n; j++)
            {
                T xj = Unsafe.Add(ref x, j);
                s0 = VectorMath.MultiplyAdd(Unsafe.Add(ref r0, j), xj, s0);
                s1 = VectorMath.MultiplyAdd(Unsafe.Add(ref r1, j), xj, s1);
                s2 = VectorMath.MultiplyAdd(Unsafe.Add(ref r2, j), xj, s2);
                s3 = VectorMath.MultiplyAdd(Unsafe.Add(ref r3, j), xj, s3);
            }
            Store(ref y, i, alpha, beta, s0);
            Store(ref y, i + 1, alpha, beta, s1);
            Store(ref y, i + 2, alpha, beta, s2);
            Store(ref y, i + 3, alpha, beta, s3);
        }
        for (; i < m; i++)
            Store(ref y, i, alpha, beta, Tail(ref Unsafe.Add(ref a, (nint)i * lda), ref x, 0, n, T.Zero));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx2<T>(int m, int n, T alpha, ref T a, int lda, ref T x, T beta, ref T y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count, whole = n - n % w;
        int i = 0;
        // Eight rows at a time: eight independent FMA chains cover the FMA latency (two pipes x
        // four or five cycles), which four chains left half idle on short rows.
        for (; i + 8 <= m; i += 8)
        {
            ref T r0 = ref Unsafe.Add(ref a, (nint)i * lda);
            ref T r1 = ref Unsafe.Add(ref r0, lda);
            ref T r2 = ref Unsafe.Add(ref r1, lda);
            ref T r3 = ref Unsafe.Add(ref r2, lda);
            ref T r4 = ref Unsafe.Add(ref r3, lda);
            ref T r5 = ref Unsafe.Add(ref r4, lda);
            ref T r6 = ref Unsafe.Add(ref r5, lda);
            ref T r7 = ref Unsafe.Add(ref r6, lda);
            Vector256<T> s0 = Vector256<T>.Zero, s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
            for (int j = 0; j < whole; j += w)
            {
                var xv = Vector256.LoadUnsafe(ref x, (nuint)j);
                s0 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref r0, (nuint)j), xv, s0);
                s1 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref r1, (nuint)j), xv, s1);
                s2 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref r2, (nuint)j), xv, s2);
                s3 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref r3, (nuint)j), xv, s3);
                s4 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref r4, (nuint)j), xv, s4);
                s5 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref r5, (nuint)j), xv, s5);
                s6 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref r6, (nuint)j), xv, s6);
                s7 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref r7, (nuint)j), xv, s7);
            }
            if (typeof(T) == typeof(float) && whole == n && System.Runtime.Intrinsics.X86.Avx.IsSupported)
            {
                GemvRowSums.StoreEight(ref Unsafe.As<T, float>(ref y), i, float.CreateTruncating(alpha), float.CreateTruncating(beta),
                    s0.AsSingle(), s1.AsSingle(), s2.AsSingle(), s3.AsSingle(), s4.AsSingle(), s5.AsSingle(), s6.AsSingle(), s7.AsSingle());
                continue;
            }
            Store(ref y, i, alpha, beta, Tail(ref r0, ref x, whole, n, Vector256.Sum(s0)));
            Store(ref y, i + 1, alpha, beta, Tail(ref r1, ref x, whole, n, Vector256.Sum(s1)));
            Store(ref y, i + 2, alpha, beta, Tail(ref r2, ref x, whole, n, Vector256.Sum(s2)));
            Store(ref y, i + 3, alpha, beta, Tail(ref r3, ref x, whole, n, Vector256.Sum(s3)));
            Store(ref y, i + 4, alpha, beta, Tail(ref r4, ref x, whole, n, Vector256.Sum(s4)));
            Store(ref y, i + 5, alpha, beta, Tail(ref r5, ref x, whole, n, Vector256.Sum(s5)));
            Store(ref y, i + 6, alpha, beta, Tail(ref r6, ref x, whole, n, Vector256.Sum(s6)));
            Store(ref y, i + 7, alpha, beta, Tail(ref r7, ref x, whole, n, Vector256.Sum(s7)));
        }
        for (; i < m; i++)
        {
            ref T r = ref Unsafe.Add(ref a, (nint)i * lda);
            Vector256<T> s = Vector256<T>.Zero;
            for (int j = 0; j < whole; j += w)
                s = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref r, (nuint)j), Vector256.LoadUnsafe(ref x, (nuint)j), s);
            Store(ref y, i, alpha, beta, Tail(ref r, ref x, whole, n, Vector256.Sum(s)));
        }
    }

    /// <summary>Vector512, 4 rows per pass (the path table's Avx512 kernel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx512<T>(int m, int n, T alpha, ref T a, int lda, ref T x, T beta, ref T y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        FourRows<T, Width512<T>, Vector512<T>>(m, n, alpha, ref a, lda, ref x, beta, ref y);

    /// <summary>Vector&lt;T&gt;, 4 rows per pass (the path table's Vector kernel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Portable<T>(int m, int n, T alpha, ref T a, int lda, ref T x, T beta, ref T y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        FourRows<T, WidthVector<T>, Vector<T>>(m, n, alpha, ref a, lda, ref x, beta, ref y);

    /// <summary>4 rows per pass at one width, each x load shared by the 4 rows' FMA chains, then the leftover rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourRows<T, TWidth, TVector>(int m, int n, T alpha, ref T a, int lda, ref T x, T beta, ref T y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        int w = TWidth.Count, whole = n - n % w;
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref T r0 = ref Unsafe.Add(ref a, (nint)i * lda);
            ref T r1 = ref Unsafe.Add(ref r0, lda);
            ref T r2 = ref Unsafe.Add(ref r1, lda);
            ref T r3 = ref Unsafe.Add(ref r2, lda);
            TVector s0 = TWidth.Create(T.Zero), s1 = s0, s2 = s0, s3 = s0;
            for (int j = 0; j < whole; j += w)
            {
                TVector xv = TWidth.Load(ref x, (nuint)j);
                s0 = TWidth.Accumulate<DotOperator<T>>(s0, TWidth.Load(ref r0, (nuint)j), xv);
                s1 = TWidth.Accumulate<DotOperator<T>>(s1, TWidth.Load(ref r1, (nuint)j), xv);
                s2 = TWidth.Accumulate<DotOperator<T>>(s2, TWidth.Load(ref r2, (nuint)j), xv);
                s3 = TWidth.Accumulate<DotOperator<T>>(s3, TWidth.Load(ref r3, (nuint)j), xv);
            }
            Store(ref y, i, alpha, beta, Tail(ref r0, ref x, whole, n, TWidth.Reduce<DotOperator<T>>(s0)));
            Store(ref y, i + 1, alpha, beta, Tail(ref r1, ref x, whole, n, TWidth.Reduce<DotOperator<T>>(s1)));
            Store(ref y, i + 2, alpha, beta, Tail(ref r2, ref x, whole, n, TWidth.Reduce<DotOperator<T>>(s2)));
            Store(ref y, i + 3, alpha, beta, Tail(ref r3, ref x, whole, n, TWidth.Reduce<DotOperator<T>>(s3)));
        }
        for (; i < m; i++)
        {
            ref T r = ref Unsafe.Add(ref a, (nint)i * lda);
            TVector s = TWidth.Create(T.Zero);
            for (int j = 0; j < whole; j += w)
                s = TWidth.Accumulate<DotOperator<T>>(s, TWidth.Load(ref r, (nuint)j), TWidth.Load(ref x, (nuint)j));
            Store(ref y, i, alpha, beta, Tail(ref r, ref x, whole, n, TWidth.Reduce<DotOperator<T>>(s)));
        }
    }
}

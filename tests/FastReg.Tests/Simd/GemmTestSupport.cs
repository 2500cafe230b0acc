using System.Numerics;
using FastReg.Simd;
using FastReg.Simd.Gemm;
using FastReg.Tests.Support;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

/// <summary>One GEMM test case: shapes, flags, padding of the leading dimensions, scalars and data seed.</summary>
internal sealed record GemmCase(int M, int N, int K, Transpose TransA, Transpose TransB,
    int PadA, int PadB, int PadC, double Alpha, double Beta, int Seed, GemmBlocking? Blocking = null)
{
    public override string ToString() =>
        $"m={M} n={N} k={K} {TransA}/{TransB} pad={PadA},{PadB},{PadC} alpha={Alpha} beta={Beta} seed={Seed} blocking={Blocking}";
}

/// <summary>Builds operands for a <see cref="GemmCase"/>, runs a path and checks it against <see cref="GemmReference"/>.</summary>
internal static class GemmCheck
{
    /// <summary>Runs the case on the path and returns null if every element is within its bound, else a description.</summary>
    public static string? Run<T>(GemmCase g, SimdPath path, int threads = 1, long threshold = long.MaxValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (a, lda, b, ldb, c0, ldc) = Operands<T>(g);
        T alpha = T.CreateTruncating(g.Alpha), beta = T.CreateTruncating(g.Beta);
        if (g.Beta == 0) Array.Fill(c0, T.NaN); // beta = 0: C must not be read
        if (g.Alpha == 0)
        {
            Array.Fill(a, T.NaN); // alpha = 0: A and B must not be read
            Array.Fill(b, T.NaN);
        }
        T sentinel = T.CreateTruncating(12345.0);
        for (int i = 0; i < c0.Length; i++)
            if (i % ldc >= g.N) c0[i] = sentinel; // padding of C must stay untouched

        T[] got = (T[])c0.Clone(), want = (T[])c0.Clone();
        GemmBlocking blocking = g.Blocking ?? GemmBlockSizes.For<T>(path);
        Blas.Gemm(g.TransA, g.TransB, g.M, g.N, g.K, alpha, a, lda, b, ldb, beta, got, ldc, path, blocking, threads, threshold);
        GemmReference.Gemm(g.TransA, g.TransB, g.M, g.N, g.K, alpha, a, lda, b, ldb, beta, want, ldc);

        double u = Tolerance.UnitRoundoff<T>();
        // float: the oracle is exact to double precision; double: the oracle rounds as much as the kernel.
        double factor = typeof(T) == typeof(float) ? 1 : 2;
        for (int i = 0; i < g.M; i++)
        {
            for (int j = 0; j < g.N; j++)
            {
                double absProduct = 0;
                if (g.Alpha != 0)
                    for (int p = 0; p < g.K; p++)
                        absProduct += Math.Abs(double.CreateTruncating(At(a, lda, g.TransA, i, p)) * double.CreateTruncating(At(b, ldb, g.TransB, p, j)));
                double old = g.Beta == 0 ? 0 : Math.Abs(g.Beta * double.CreateTruncating(c0[i * ldc + j]));
                double bound = factor * (g.K + 3) * u * (Math.Abs(g.Alpha) * absProduct + old) + 1e-300;
                double x = double.CreateTruncating(got[i * ldc + j]), y = double.CreateTruncating(want[i * ldc + j]);
                if (!(Math.Abs(x - y) <= bound))
                    return $"{g} path={path} threads={threads}: C[{i},{j}] = {x}, reference {y}, bound {bound}";
            }
            for (int j = g.N; j < ldc && i * ldc + j < got.Length; j++)
                if (got[i * ldc + j] != sentinel) return $"{g} path={path}: padding C[{i},{j}] was written";
        }
        return null;
    }

    /// <summary>Random A, B, C for the case, stored row-major with the padded leading dimensions.</summary>
    public static (T[] A, int Lda, T[] B, int Ldb, T[] C, int Ldc) Operands<T>(GemmCase g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int rowsA, int colsA) = g.TransA == Transpose.No ? (g.M, g.K) : (g.K, g.M);
        (int rowsB, int colsB) = g.TransB == Transpose.No ? (g.K, g.N) : (g.N, g.K);
        int lda = Math.Max(1, colsA + g.PadA), ldb = Math.Max(1, colsB + g.PadB), ldc = Math.Max(1, g.N + g.PadC);
        return (Generators.Uniform<T>(rowsA * lda, g.Seed), lda,
                Generators.Uniform<T>(rowsB * ldb, g.Seed + 1), ldb,
                Generators.Uniform<T>(g.M * ldc, g.Seed + 2), ldc);
    }

    /// <summary>op(X)[i, j] for a row-major X.</summary>
    public static T At<T>(T[] x, int ld, Transpose t, int i, int j) => t == Transpose.No ? x[i * ld + j] : x[j * ld + i];
}

using System.Numerics;
using FastReg.Simd;
using FastReg.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

/// <summary>Blas.Gemv on every path against GemvReference, over shapes biased to vector-width edges.</summary>
public class GemvTests
{
    /// <summary>Sizes 0..40 plus the vector widths of every path (4, 8, 16) ±1 and a typical layer width.</summary>
    static Gen<int> Size =>
        Gen.Frequency(
            (3, Gen.Choose(0, 40)),
            (2, Gen.Elements(0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 128)));

    /// <summary>Scale factors: the BLAS special cases and a random one.</summary>
    static Gen<double> Scale =>
        Gen.Frequency((3, Gen.Elements(0.0, 1.0, -1.0)), (1, Gen.Choose(-1000, 1000).Select(v => v / 250.0)));

    static void Check<T>(SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gen =
            from m in Size
            from n in Size
            from pad in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 5)))
            from alpha in Scale
            from beta in Scale
            from seed in Generators.Seed
            select (m, n, pad, alpha, beta, seed);
        Prop.ForAll(Arb.From(gen), t => Agrees<T>(path, t.m, t.n, Math.Max(1, t.n) + t.pad, t.alpha, t.beta, t.seed))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    static bool Agrees<T>(SimdPath path, int m, int n, int lda, double alpha, double beta, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lengthA = m == 0 ? 0 : (m - 1) * lda + n;
        T[] a = Generators.Uniform<T>(lengthA, seed);
        T[] x = Generators.Uniform<T>(n, seed + 1);
        T[] y0 = Generators.Uniform<T>(m, seed + 2);
        // beta = 0 must not read y: NaN there must not reach the result.
        if (beta == 0) Array.Fill(y0, T.NaN);
        T[] expected = (T[])y0.Clone(), actual = (T[])y0.Clone();
        T al = T.CreateTruncating(alpha), be = T.CreateTruncating(beta);
        GemvReference.Gemv(m, n, al, a, lda, x, be, expected);
        Blas.Gemv(m, n, al, a, lda, x, be, actual, path);
        for (int i = 0; i < m; i++)
        {
            double absDot = 0;
            for (int j = 0; j < n; j++) absDot += Math.Abs(double.CreateTruncating(a[i * lda + j]) * double.CreateTruncating(x[j]));
            double bound = Tolerance.Summation<T>(n + 2, Math.Abs(alpha) * absDot + (beta == 0 ? 0 : Math.Abs(beta * double.CreateTruncating(y0[i]))));
            double e = double.CreateTruncating(expected[i]), g = double.CreateTruncating(actual[i]);
            if (!double.IsFinite(g) || Math.Abs(e - g) > bound) return false;
        }
        return true;
    }

    // The eight-row pass whose row sums are reduced together (float, rows a multiple of the vector width):
    // whole passes, a remainder of rows, beta = 0 (y not read) and beta != 0, padded and unpadded rows.
    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Eight_row_passes_over_whole_vectors_agree_with_the_reference(SimdPath path)
    {
        int seed = 3;
        foreach ((int m, int n) in new[] { (8, 8), (16, 64), (17, 64), (128, 64), (10, 128), (24, 784) })
            foreach (double beta in new[] { 0.0, 1.0, -0.75 })
                foreach (int pad in new[] { 0, 3 })
                {
                    Assert.True(Agrees<float>(path, m, n, n + pad, 1.25, beta, seed), $"float m={m} n={n} beta={beta} pad={pad}");
                    Assert.True(Agrees<double>(path, m, n, n + pad, 1.25, beta, seed), $"double m={m} n={n} beta={beta} pad={pad}");
                    seed += 3;
                }
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void FloatMatchesReference(SimdPath path) => Check<float>(path);

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void DoubleMatchesReference(SimdPath path) => Check<double>(path);

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void AlphaZeroDoesNotReadAOrX(SimdPath path)
    {
        float[] a = [float.NaN, float.NaN, float.NaN, float.NaN];
        float[] x = [float.NaN, float.NaN];
        float[] y = [1, 2];
        Blas.Gemv(2, 2, 0f, a, 2, x, 3f, y, path);
        Assert.Equal([3f, 6f], y);
    }

    [Fact]
    public void PublicOverloadMatchesReference()
    {
        double[] a = [1, 2, 3, 4, 5, 6], x = [1, -1, 2], y = [10, 20], expected = (double[])y.Clone();
        Blas.Gemv(2, 3, 2.0, a, 3, x, 0.5, y);
        GemvReference.Gemv(2, 3, 2.0, a, 3, x, 0.5, expected);
        Assert.Equal(expected, y);
        Assert.Equal([15.0, 32.0], y);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        float[] a = new float[6], x = new float[3], y = new float[2];
        Assert.Equal("m", Assert.Throws<ArgumentOutOfRangeException>(() => Blas.Gemv(-1, 3, 1f, a, 3, x, 0f, y)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => Blas.Gemv(2, -1, 1f, a, 3, x, 0f, y)).ParamName);
        Assert.Equal("lda", Assert.Throws<ArgumentException>(() => Blas.Gemv(2, 3, 1f, a, 2, x, 0f, y)).ParamName);
        Assert.Equal("lda", Assert.Throws<ArgumentException>(() => Blas.Gemv(2, 0, 1f, a, 0, x, 0f, y)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Blas.Gemv(2, 3, 1f, a, 4, x, 0f, y)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Blas.Gemv(2, 3, 1f, a, 3, x.AsSpan(0, 2), 0f, y)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Blas.Gemv(2, 3, 1f, a, 3, x, 0f, y.AsSpan(0, 1))).ParamName);
        Assert.Throws<NotSupportedException>(() => Blas.Gemv(1, 1, Half.One, new Half[1], 1, new Half[1], Half.Zero, new Half[1]));
    }

    [Fact]
    public void EmptyShapesAreValid()
    {
        float[] y = [5f, 7f];
        Blas.Gemv(0, 3, 1f, [], 3, new float[3], 0f, []);
        Blas.Gemv(2, 0, 1f, [], 1, [], 2f, y);
        Assert.Equal([10f, 14f], y);
        Blas.Gemv(2, 0, 1f, [], 1, [], 0f, y);
        Assert.Equal([0f, 0f], y);
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void AllocatesNothing(SimdPath path)
    {
        float[] a = Generators.Uniform<float>(128 * 64, 1), x = Generators.Uniform<float>(64, 2), y = new float[128];
        Blas.Gemv(128, 64, 1f, a, 64, x, 0f, y, path);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Blas.Gemv(128, 64, 1f, a, 64, x, 1f, y, path);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

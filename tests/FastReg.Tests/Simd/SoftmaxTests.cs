using System.Numerics;
using FastReg.Simd;
using FastReg.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using static FastReg.Tests.Simd.ActivationTestData;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

/// <summary>Softmax and log-softmax forward and backward, row-wise, on every path against ActivationsReference.</summary>
public class SoftmaxTests
{
    /// <summary>
    /// Row lengths where remainders bite: 1, 2, vector widths ±1 (4/8/16 lanes), the 4x unroll of the
    /// aggregate driver, the log-softmax chunk (256) ±1, and random ones; rows·cols ≤ 5000 (emulated Avx512).
    /// </summary>
    private static Gen<(int Rows, int Cols, int Seed)> Shape =>
        from cols in Gen.Frequency(
            (3, Gen.Elements(0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 256, 257, 511, 512, 513)),
            (2, Gen.Choose(1, 300)),
            (1, Gen.Choose(301, 2000)))
        from rows in Gen.Frequency((2, Gen.Elements(0, 1, 2, 3)), (3, Gen.Choose(1, Math.Max(1, Math.Min(40, 5000 / Math.Max(cols, 1))))))
        from seed in Generators.Seed
        select (rows, cols, seed);

    private static void CheckShapes(Func<int, int, int, bool> property, int maxTest = 80) =>
        Prop.ForAll(Arb.From(Shape), s => property(s.Rows, s.Cols, s.Seed)).Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));

    private static void Fail(string what, SimdPath path, int rows, int cols, int i, double got, double exact, double tol) =>
        throw new Xunit.Sdk.XunitException($"{what} {path} [{rows}x{cols}] i={i}: got {got:R}, expected {exact:R}, error {Math.Abs(got - exact):E3} > tolerance {tol:E3}");

    private static double RowMax<T>(ReadOnlySpan<T> x, int r, int cols) where T : IFloatingPointIeee754<T>
    {
        double m = double.NegativeInfinity;
        for (int j = 0; j < cols; j++) m = Math.Max(m, double.CreateTruncating(x[r * cols + j]));
        return m;
    }

    // ---------------- forward ----------------

    // Softmax, relative bound in u per element (docs/kernels.md, Activations): x − m rounds (|x − m|,
    // in kernel and, for double, reference), e^ ≤ 4, the row sum ≤ cols + cols/e + 4, 1/Σ and · one each.
    private static bool CheckSoftmax<T>(int rows, int cols, int seed, double scale, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = Generators.Uniform<T>(rows * cols, seed, scale);
        var y = new T[rows * cols + 1];
        y[^1] = T.CreateTruncating(7);
        Activations.Softmax<T>(x, y.AsSpan(0, rows * cols), rows, cols, path);
        var exact = new double[rows * cols];
        ActivationsReference.Softmax<T>(x, exact, rows, cols);
        for (int r = 0; r < rows; r++)
        {
            double m = RowMax<T>(x, r, cols);
            for (int j = 0; j < cols; j++)
            {
                int i = r * cols + j;
                double kU = 2 * Math.Abs(double.CreateTruncating(x[i]) - m) + 2 * cols + 24;
                double tol = kU * U<T>() * exact[i] + 4 * DenormMin<T>();
                if (!(Math.Abs(double.CreateTruncating(y[i]) - exact[i]) <= tol)) Fail("Softmax", path, rows, cols, i, double.CreateTruncating(y[i]), exact[i], tol);
            }
        }
        return y[^1] == T.CreateTruncating(7);
    }

    // Log-softmax, absolute bound in u: x − m (twice, kernel and reference), log Σ (its relative error,
    // ≤ 2·cols + 8, plus the rounding of the log), the final subtraction (|y|).
    private static bool CheckLogSoftmax<T>(int rows, int cols, int seed, double scale, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = Generators.Uniform<T>(rows * cols, seed, scale);
        var y = new T[rows * cols + 1];
        y[^1] = T.CreateTruncating(7);
        Activations.LogSoftmax<T>(x, y.AsSpan(0, rows * cols), rows, cols, path);
        var exact = new double[rows * cols];
        ActivationsReference.LogSoftmax<T>(x, exact, rows, cols);
        for (int r = 0; r < rows; r++)
        {
            double m = RowMax<T>(x, r, cols);
            for (int j = 0; j < cols; j++)
            {
                int i = r * cols + j;
                double d = Math.Abs(double.CreateTruncating(x[i]) - m);
                double tol = (4 * d + 3 * Math.Abs(exact[i]) + 2 * cols + 12) * U<T>();
                if (!(Math.Abs(double.CreateTruncating(y[i]) - exact[i]) <= tol)) Fail("LogSoftmax", path, rows, cols, i, double.CreateTruncating(y[i]), exact[i], tol);
            }
        }
        return y[^1] == T.CreateTruncating(7);
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Softmax_matches_reference(SimdPath path)
    {
        for (int cols = 0; cols <= 300; cols++) Assert.True(CheckSoftmax<float>(2, cols, cols, 10, path));
        CheckShapes((r, c, s) => CheckSoftmax<float>(r, c, s, 10, path) && CheckSoftmax<double>(r, c, s, 30, path)
            && CheckSoftmax<float>(r, c, s, 1, path) && CheckSoftmax<double>(r, c, s, 1, path));
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void LogSoftmax_matches_reference(SimdPath path)
    {
        for (int cols = 0; cols <= 300; cols++) Assert.True(CheckLogSoftmax<float>(2, cols, cols, 10, path));
        CheckShapes((r, c, s) => CheckLogSoftmax<float>(r, c, s, 10, path) && CheckLogSoftmax<double>(r, c, s, 30, path)
            && CheckLogSoftmax<float>(r, c, s, 1, path) && CheckLogSoftmax<double>(r, c, s, 1, path));
    }

    // ---------------- backward ----------------

    // Softmax backward, absolute bound in u: the row dot (cols + 2)·Σ|dy·y| (FMA chain, Higham γ_n),
    // dy − s and ·y one each; doubled for the double reference's own error.
    private static bool CheckSoftmaxBackward<T>(int rows, int cols, int seed, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = rows * cols;
        var y = new T[n];
        Activations.Softmax<T>(Generators.Uniform<T>(n, seed, 5), y, rows, cols, SimdPath.Scalar);
        T[] dy = Generators.Uniform<T>(n, seed + 1, 2);
        var dx = new T[n + 1];
        dx[^1] = T.CreateTruncating(7);
        Activations.SoftmaxBackward<T>(y, dy, dx.AsSpan(0, n), rows, cols, path);
        var exact = new double[n];
        ActivationsReference.SoftmaxBackward<T>(y, dy, exact, rows, cols);
        for (int r = 0; r < rows; r++)
        {
            double dot = 0;
            for (int j = 0; j < cols; j++) dot += Math.Abs(double.CreateTruncating(dy[r * cols + j]) * double.CreateTruncating(y[r * cols + j]));
            for (int j = 0; j < cols; j++)
            {
                int i = r * cols + j;
                double tol = 2 * U<T>() * double.CreateTruncating(y[i]) * ((cols + 2) * dot + 2 * Math.Abs(double.CreateTruncating(dy[i]))) + 4 * DenormMin<T>();
                if (!(Math.Abs(double.CreateTruncating(dx[i]) - exact[i]) <= tol)) Fail("SoftmaxBackward", path, rows, cols, i, double.CreateTruncating(dx[i]), exact[i], tol);
            }
        }
        return dx[^1] == T.CreateTruncating(7);
    }

    // Log-softmax backward, absolute bound in u: Σdy (cols·Σ|dy|), e^y (4 relative), the FMA (|dx|);
    // doubled for the double reference.
    private static bool CheckLogSoftmaxBackward<T>(int rows, int cols, int seed, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = rows * cols;
        var y = new T[n];
        Activations.LogSoftmax<T>(Generators.Uniform<T>(n, seed, 5), y, rows, cols, SimdPath.Scalar);
        T[] dy = Generators.Uniform<T>(n, seed + 1, 2);
        var dx = new T[n + 1];
        dx[^1] = T.CreateTruncating(7);
        Activations.LogSoftmaxBackward<T>(y, dy, dx.AsSpan(0, n), rows, cols, path);
        var exact = new double[n];
        ActivationsReference.LogSoftmaxBackward<T>(y, dy, exact, rows, cols);
        for (int r = 0; r < rows; r++)
        {
            double sum = 0, sumAbs = 0;
            for (int j = 0; j < cols; j++) { sum += double.CreateTruncating(dy[r * cols + j]); sumAbs += Math.Abs(double.CreateTruncating(dy[r * cols + j])); }
            for (int j = 0; j < cols; j++)
            {
                int i = r * cols + j;
                double p = Math.Exp(double.CreateTruncating(y[i]));
                double tol = 2 * U<T>() * (p * (ExpBoundInU * Math.Abs(sum) + (cols + 1) * sumAbs) + Math.Abs(exact[i])) + 4 * DenormMin<T>();
                if (!(Math.Abs(double.CreateTruncating(dx[i]) - exact[i]) <= tol)) Fail("LogSoftmaxBackward", path, rows, cols, i, double.CreateTruncating(dx[i]), exact[i], tol);
            }
        }
        return dx[^1] == T.CreateTruncating(7);
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void SoftmaxBackward_matches_reference(SimdPath path)
    {
        for (int cols = 0; cols <= 300; cols++) Assert.True(CheckSoftmaxBackward<float>(2, cols, cols, path));
        CheckShapes((r, c, s) => CheckSoftmaxBackward<float>(r, c, s, path) && CheckSoftmaxBackward<double>(r, c, s, path));
    }

    /// <summary>
    /// Softmax backward's row sum Σ dy·y is the library's one dot product, Reductions.Dot (issue 18: no
    /// second dot that rounds differently): dx is y·(dy − Dot(dy, y)) to the bit on every path.
    /// </summary>
    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void SoftmaxBackward_row_sum_is_Reductions_Dot(SimdPath path)
    {
        CheckRowSumIsDot<float>(path);
        CheckRowSumIsDot<double>(path);
    }

    private static void CheckRowSumIsDot<T>(SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(18);
        const int rows = 3;
        foreach (int cols in new[] { 1, 7, 16, 17, 33, 64, 65, 200, 513 })
        {
            int n = rows * cols;
            T[] y = new T[n], dy = new T[n], dx = new T[n];
            for (int i = 0; i < n; i++)
            {
                y[i] = T.CreateTruncating(rng.NextDouble());
                dy[i] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
            }
            Activations.SoftmaxBackward<T>(y, dy, dx, rows, cols, path);
            for (int r = 0, o = 0; r < rows; r++, o += cols)
            {
                T s = Reductions.Dot<T>(dy.AsSpan(o, cols), y.AsSpan(o, cols), path);
                for (int j = o; j < o + cols; j++)
                    Assert.True(dx[j].Equals(y[j] * (dy[j] - s)), $"{path} {typeof(T).Name} cols {cols}: dx[{j}] = {dx[j]}, y·(dy − Dot) = {y[j] * (dy[j] - s)}");
            }
        }
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void LogSoftmaxBackward_matches_reference(SimdPath path)
    {
        for (int cols = 0; cols <= 300; cols++) Assert.True(CheckLogSoftmaxBackward<float>(2, cols, cols, path));
        CheckShapes((r, c, s) => CheckLogSoftmaxBackward<float>(r, c, s, path) && CheckLogSoftmaxBackward<double>(r, c, s, path));
    }

    // ---------------- extremes ----------------

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Large_logits_and_infinities(SimdPath path)
    {
        float[] x =
        [
            1e4f, 0f, -1e4f,
            0f, float.NegativeInfinity, 0f,
            float.NaN, 1f, 2f,
            float.PositiveInfinity, 1f, 2f,
            float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity,
            1e30f, -1e30f, 1e30f,
        ];
        var y = new float[x.Length];
        var l = new float[x.Length];
        Activations.Softmax<float>(x, y, 6, 3, path);
        Activations.LogSoftmax<float>(x, l, 6, 3, path);
        Assert.Equal([1f, 0f, 0f], y[..3]);
        Assert.Equal([0f, -1e4f, -2e4f], l[..3]);
        Assert.Equal([0.5f, 0f, 0.5f], y[3..6]);
        Assert.Equal(-MathF.Log(2), l[3], 6);
        Assert.Equal(float.NegativeInfinity, l[4]);
        for (int i = 6; i < 15; i++) Assert.True(float.IsNaN(y[i]) && float.IsNaN(l[i]), $"i={i}: NaN, +inf or all −inf rows are NaN");
        Assert.Equal([0.5f, 0f, 0.5f], y[15..]);

        double[] xd = [1e300, 0, -1e300, 700, -700, 0];
        var yd = new double[xd.Length];
        Activations.Softmax<double>(xd, yd, 2, 3, path);
        Assert.Equal([1.0, 0.0, 0.0, 1.0, 0.0], yd[..5]);
        Assert.True(yd[5] > 0 && yd[5] < 1e-300);
    }

    // ---------------- in place ----------------

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void In_place_matches_out_of_place(SimdPath path)
    {
        foreach (var (rows, cols) in new[] { (3, 1), (2, 7), (4, 9), (2, 257), (1, 600) })
        {
            int n = rows * cols;
            float[] x = Generators.Uniform<float>(n, n, 8);
            float[] dy = Generators.Uniform<float>(n, n + 1);

            var y = new float[n];
            Activations.Softmax<float>(x, y, rows, cols, path);
            float[] p = (float[])x.Clone();
            Activations.Softmax<float>(p, p, rows, cols, path);
            Assert.Equal(y, p);

            var l = new float[n];
            Activations.LogSoftmax<float>(x, l, rows, cols, path);
            p = (float[])x.Clone();
            Activations.LogSoftmax<float>(p, p, rows, cols, path);
            Assert.Equal(l, p);

            var dx = new float[n];
            Activations.SoftmaxBackward<float>(y, dy, dx, rows, cols, path);
            p = (float[])dy.Clone();
            Activations.SoftmaxBackward<float>(y, p, p, rows, cols, path);
            Assert.Equal(dx, p);
            p = (float[])y.Clone();
            Activations.SoftmaxBackward<float>(p, dy, p, rows, cols, path);
            Assert.Equal(dx, p);

            Activations.LogSoftmaxBackward<float>(l, dy, dx, rows, cols, path);
            p = (float[])dy.Clone();
            Activations.LogSoftmaxBackward<float>(l, p, p, rows, cols, path);
            Assert.Equal(dx, p);
            p = (float[])l.Clone();
            Activations.LogSoftmaxBackward<float>(p, dy, p, rows, cols, path);
            Assert.Equal(dx, p);
        }
    }

    // ---------------- backward vs finite differences ----------------

    [Fact]
    public void Backward_matches_central_differences()
    {
        const int rows = 3, cols = 11, n = rows * cols;
        double[] x = Generators.Uniform<double>(n, 3, 4);
        double[] dy = Generators.Uniform<double>(n, 4);
        const double h = 1e-6;

        // L(x) = Σ dy ⊙ f(x); ∂L/∂x_i by central differences vs the backward kernel.
        void Check(Action<double[], double[]> forward, Action<double[], double[], double[]> backward)
        {
            var y = new double[n];
            var dx = new double[n];
            forward(x, y);
            backward(y, dy, dx);
            var yp = new double[n];
            var ym = new double[n];
            for (int i = 0; i < n; i++)
            {
                double[] xp = (double[])x.Clone(), xm = (double[])x.Clone();
                xp[i] += h;
                xm[i] -= h;
                forward(xp, yp);
                forward(xm, ym);
                double fd = 0;
                for (int k = 0; k < n; k++) fd += dy[k] * (yp[k] - ym[k]);
                fd /= 2 * h;
                Assert.True(Math.Abs(fd - dx[i]) <= 1e-7 * (1 + Math.Abs(dx[i])), $"i={i}: finite difference {fd} vs backward {dx[i]}");
            }
        }

        Check((a, b) => Activations.Softmax<double>(a, b, rows, cols), (a, d, o) => Activations.SoftmaxBackward<double>(a, d, o, rows, cols));
        Check((a, b) => Activations.LogSoftmax<double>(a, b, rows, cols), (a, d, o) => Activations.LogSoftmaxBackward<double>(a, d, o, rows, cols));
    }

    // ---------------- arguments ----------------

    [Fact]
    public void Arguments_are_validated_by_name()
    {
        var a = new float[12];
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => Activations.Softmax<float>(a, a, -1, 3)).ParamName);
        Assert.Equal("cols", Assert.Throws<ArgumentOutOfRangeException>(() => Activations.LogSoftmax<float>(a, a, 3, -1)).ParamName);
        Assert.Equal("cols", Assert.Throws<ArgumentException>(() => Activations.Softmax<float>(a, a, 65536, 65536)).ParamName);
        Assert.Equal("cols", Assert.Throws<ArgumentException>(() => Activations.SoftmaxBackward<float>(a, a, a, int.MaxValue, 2)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Activations.Softmax<float>(new float[11], a, 3, 4)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Activations.LogSoftmax<float>(a, new float[11], 3, 4)).ParamName);
        Assert.Equal("dy", Assert.Throws<ArgumentException>(() => Activations.SoftmaxBackward<float>(a, new float[11], a, 3, 4)).ParamName);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => Activations.LogSoftmaxBackward<float>(a, a, new float[11], 3, 4)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Activations.Softmax<float>(a.AsSpan(0, 6), a.AsSpan(3, 6), 2, 3)).ParamName);
        Activations.Softmax<float>(a, a, 0, 5); // empty matrices are fine
        Activations.Softmax<float>(a, a, 5, 0);
    }

    // ---------------- allocation ----------------

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Calls_allocate_nothing(SimdPath path)
    {
        float[] x = Generators.Uniform<float>(4 * 300, 1);
        var y = new float[x.Length];
        var d = new float[x.Length];
        void All()
        {
            Activations.Softmax<float>(x, y, 4, 300, path);
            Activations.SoftmaxBackward<float>(y, x, d, 4, 300, path);
            Activations.LogSoftmax<float>(x, y, 4, 300, path);
            Activations.LogSoftmaxBackward<float>(y, x, d, 4, 300, path);
        }
        All();
        long before = GC.GetAllocatedBytesForCurrentThread();
        All();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

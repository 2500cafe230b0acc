using System.Numerics;
using FastReg.Simd;
using FastReg.Tests.Support;
using static FastReg.Tests.Simd.ActivationTestData;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

/// <summary>ReLU, tanh, sigmoid forward and backward on every path against ActivationsReference.</summary>
public class ActivationTests
{
    private delegate void Forward<T>(ReadOnlySpan<T> x, Span<T> y, SimdPath path);
    private delegate void Backward<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> dy, Span<T> dx, SimdPath path);
    private delegate void RefForward<T>(ReadOnlySpan<T> x, Span<double> y);
    private delegate void RefBackward<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> dy, Span<double> dx);

    // ---------------- forward: every length 0..300, then FsCheck lengths up to 5000 ----------------

    private static bool CheckForward<T>(T[] x, Forward<T> kernel, RefForward<T> reference, double kU, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new T[x.Length + 1];
        T sentinel = T.CreateTruncating(12345);
        y[^1] = sentinel;
        kernel(x, y.AsSpan(0, x.Length), path);
        var exact = new double[x.Length];
        reference(x, exact);
        for (int i = 0; i < x.Length; i++)
            if (!Close(y[i], exact[i], kU, out string why))
                throw new Xunit.Sdk.XunitException($"{path} n={x.Length} i={i} x={x[i]}: {why}");
        return y[^1] == sentinel; // nothing written past the end
    }

    private static void SweepForward<T>(Forward<T> kernel, RefForward<T> reference, double kU, SimdPath path, double maxExp)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n <= 300; n++) Assert.True(CheckForward(Mixed<T>(n, n, maxExp), kernel, reference, kU, path));
        Generators.CheckLengths((n, seed) => CheckForward(Mixed<T>(n, seed, maxExp), kernel, reference, kU, path), maxTest: 60);
        Assert.True(CheckForward(Extremes<T>(), kernel, reference, kU, path));
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Relu_is_exact(SimdPath path)
    {
        SweepForward<float>(Activations.Relu, ActivationsReference.Relu, 0, path, 3);
        SweepForward<double>(Activations.Relu, ActivationsReference.Relu, 0, path, 3);
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Tanh_is_within_bound(SimdPath path)
    {
        SweepForward<float>(Activations.Tanh, ActivationsReference.Tanh, ExpKernelBoundInU, path, 1.5);
        SweepForward<double>(Activations.Tanh, ActivationsReference.Tanh, ExpKernelBoundInU, path, 1.5);
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Sigmoid_is_within_bound(SimdPath path)
    {
        SweepForward<float>(Activations.Sigmoid, ActivationsReference.Sigmoid, ExpKernelBoundInU, path, 2.1);
        SweepForward<double>(Activations.Sigmoid, ActivationsReference.Sigmoid, ExpKernelBoundInU, path, 2.9);
    }

    // ---------------- backward ----------------

    // Bounds, in u: the kernel's roundings plus the double reference's own (which matter for double):
    // ReLU selects (exact); tanh: fma(−y, y, 1), ·dy = 2, reference (1 − y)(1 + y)·dy = 3;
    // sigmoid: 1 − y, ·y, ·dy = 3, reference the same 3.
    private static bool CheckBackward<T>(int n, int seed, bool fromOutput, Forward<T> forward, Backward<T> kernel, RefBackward<T> reference, double kU, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = Mixed<T>(n, seed, 1.2);
        T[] a = x;
        if (fromOutput) { a = new T[n]; forward(x, a, SimdPath.Scalar); }
        T[] dy = Generators.Uniform<T>(n, seed + 1, 3);
        var dx = new T[n + 1];
        T sentinel = T.CreateTruncating(12345);
        dx[^1] = sentinel;
        kernel(a, dy, dx.AsSpan(0, n), path);
        var exact = new double[n];
        reference(a, dy, exact);
        for (int i = 0; i < n; i++)
            if (!Close(dx[i], exact[i], kU, out string why))
                throw new Xunit.Sdk.XunitException($"{path} n={n} i={i} a={a[i]} dy={dy[i]}: {why}");
        return dx[^1] == sentinel;
    }

    private static void SweepBackward<T>(bool fromOutput, Forward<T> forward, Backward<T> kernel, RefBackward<T> reference, double kU, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n <= 300; n++) Assert.True(CheckBackward(n, n, fromOutput, forward, kernel, reference, kU, path));
        Generators.CheckLengths((n, seed) => CheckBackward(n, seed, fromOutput, forward, kernel, reference, kU, path), maxTest: 60);
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void ReluBackward_is_exact(SimdPath path)
    {
        SweepBackward<float>(false, Activations.Relu, Activations.ReluBackward, ActivationsReference.ReluBackward, 0, path);
        SweepBackward<double>(false, Activations.Relu, Activations.ReluBackward, ActivationsReference.ReluBackward, 0, path);
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void TanhBackward_is_within_five_roundings(SimdPath path)
    {
        SweepBackward<float>(true, Activations.Tanh, Activations.TanhBackward, ActivationsReference.TanhBackward, 5, path);
        SweepBackward<double>(true, Activations.Tanh, Activations.TanhBackward, ActivationsReference.TanhBackward, 5, path);
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void SigmoidBackward_is_within_six_roundings(SimdPath path)
    {
        SweepBackward<float>(true, Activations.Sigmoid, Activations.SigmoidBackward, ActivationsReference.SigmoidBackward, 6, path);
        SweepBackward<double>(true, Activations.Sigmoid, Activations.SigmoidBackward, ActivationsReference.SigmoidBackward, 6, path);
    }

    [Fact]
    public void ReluBackward_at_zero_is_zero() // as PyTorch
    {
        var dx = new float[3];
        Activations.ReluBackward<float>([0f, -0f, 1f], [5f, 5f, 5f], dx);
        Assert.Equal([0f, 0f, 5f], dx);
    }

    // ---------------- extremes ----------------

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Extremes_saturate_without_NaN(SimdPath path)
    {
        float[] x = [1e4f, -1e4f, float.PositiveInfinity, float.NegativeInfinity, 100f, -100f, float.NaN, 0f, -0f, 1e-40f];
        var t = new float[x.Length];
        var s = new float[x.Length];
        var r = new float[x.Length];
        Activations.Tanh<float>(x, t, path);
        Activations.Sigmoid<float>(x, s, path);
        Activations.Relu<float>(x, r, path);
        Assert.Equal([1f, -1f, 1f, -1f, 1f, -1f], t[..6]);
        Assert.True(float.IsNaN(t[6]) && float.IsNaN(s[6]) && float.IsNaN(r[6]));
        Assert.True(float.IsNegative(t[8]) && t[8] == 0 && t[9] == 1e-40f);
        Assert.Equal([1f, 0f, 1f, 0f, 1f], s[..5]);
        Assert.InRange(s[5], 3.7e-44f * 0.9f, 3.7e-44f * 1.1f); // σ(−100) = 3.72e-44, a float subnormal
        Assert.Equal(0.5f, s[7]);
        Assert.Equal([1e4f, 0f, float.PositiveInfinity, 0f, 100f, 0f], r[..6]);

        double[] xd = [1e4, -1e4, double.PositiveInfinity, double.NegativeInfinity, -740];
        var sd = new double[xd.Length];
        var td = new double[xd.Length];
        Activations.Sigmoid<double>(xd, sd, path);
        Activations.Tanh<double>(xd, td, path);
        Assert.Equal([1.0, 0.0, 1.0, 0.0], sd[..4]);
        Assert.InRange(sd[4], 4e-322, 4.3e-322); // e^−740 ≈ 4.2e-322, a double subnormal
        Assert.Equal([1.0, -1.0, 1.0, -1.0, -1.0], td);
    }

    // ---------------- in place ----------------

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void In_place_matches_out_of_place(SimdPath path)
    {
        Forward<float>[] forwards = [Activations.Relu, Activations.Tanh, Activations.Sigmoid];
        Backward<float>[] backwards = [Activations.ReluBackward, Activations.TanhBackward, Activations.SigmoidBackward];
        foreach (int n in (int[])[0, 1, 7, 8, 9, 17, 33, 100, 257])
        {
            float[] x = Mixed<float>(n, n, 1.2);
            float[] dy = Generators.Uniform<float>(n, n + 1);
            foreach (var f in forwards)
            {
                var y = new float[n];
                f(x, y, path);
                float[] inPlace = (float[])x.Clone();
                f(inPlace, inPlace, path);
                Assert.Equal(y, inPlace);
            }
            foreach (var b in backwards)
            {
                var dx = new float[n];
                b(x, dy, dx, path);
                float[] intoDy = (float[])dy.Clone();
                b(x, intoDy, intoDy, path);
                Assert.Equal(dx, intoDy);
                float[] intoA = (float[])x.Clone();
                b(intoA, dy, intoA, path);
                Assert.Equal(dx, intoA);
            }
        }
    }

    // ---------------- backward vs finite differences of the forward ----------------

    [Fact]
    public void Backward_matches_central_differences()
    {
        const int n = 37;
        double[] x = Generators.Uniform<double>(n, 7, 3);
        x[0] = 0.5; // keep ReLU's kink away from the stencil
        for (int i = 0; i < n; i++) if (Math.Abs(x[i]) < 1e-3) x[i] = 0.25;
        double[] dy = Generators.Uniform<double>(n, 8);
        const double h = 1e-6;
        var y = new double[n];
        var dx = new double[n];

        void Check(Action<double[], double[]> forward, Action<double[], double[], double[]> backward, bool fromOutput)
        {
            forward(x, y);
            backward(fromOutput ? y : x, dy, dx);
            var yp = new double[1];
            var ym = new double[1];
            for (int i = 0; i < n; i++)
            {
                forward([x[i] + h], yp);
                forward([x[i] - h], ym);
                double fd = dy[i] * (yp[0] - ym[0]) / (2 * h);
                Assert.True(Math.Abs(fd - dx[i]) <= 1e-7 * (1 + Math.Abs(dx[i])), $"i={i}: finite difference {fd} vs backward {dx[i]}");
            }
        }

        Check((a, b) => Activations.Relu<double>(a, b), (a, d, o) => Activations.ReluBackward<double>(a, d, o), false);
        Check((a, b) => Activations.Tanh<double>(a, b), (a, d, o) => Activations.TanhBackward<double>(a, d, o), true);
        Check((a, b) => Activations.Sigmoid<double>(a, b), (a, d, o) => Activations.SigmoidBackward<double>(a, d, o), true);
    }

    // ---------------- arguments ----------------

    [Fact]
    public void Short_or_mismatched_spans_are_rejected_by_name()
    {
        var x = new float[10];
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Activations.Tanh<float>(x, new float[9])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Activations.Relu<float>(x, new float[9])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Activations.Sigmoid<float>(x, new float[9])).ParamName);
        Assert.Equal("dy", Assert.Throws<ArgumentException>(() => Activations.TanhBackward<float>(x, new float[9], new float[10])).ParamName);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => Activations.SigmoidBackward<float>(x, new float[10], new float[9])).ParamName);
        Assert.Equal("dy", Assert.Throws<ArgumentException>(() => Activations.ReluBackward<float>(x, new float[11], new float[10])).ParamName);
        Activations.Tanh<float>(x, new float[11]); // a longer destination is fine
    }

    [Fact]
    public void Partial_overlap_is_rejected()
    {
        var buffer = new float[20];
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Activations.Tanh<float>(buffer.AsSpan(0, 10), buffer.AsSpan(1, 10))).ParamName);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() =>
            Activations.TanhBackward<float>(buffer.AsSpan(0, 8), new float[8], buffer.AsSpan(4, 8))).ParamName);
        Activations.Tanh<float>(buffer.AsSpan(0, 10), buffer.AsSpan(10, 10)); // adjacent is fine
    }

    [Fact]
    public void Types_other_than_float_and_double_are_rejected() =>
        Assert.Throws<NotSupportedException>(() => Activations.Tanh<Half>([(Half)1], new Half[1]));

    // ---------------- allocation ----------------

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Calls_allocate_nothing(SimdPath path)
    {
        var x = Generators.Uniform<float>(1001, 1);
        var y = new float[1001];
        var d = new float[1001];
        void All()
        {
            Activations.Relu<float>(x, y, path);
            Activations.Tanh<float>(x, y, path);
            Activations.Sigmoid<float>(x, y, path);
            Activations.ReluBackward<float>(x, y, d, path);
            Activations.TanhBackward<float>(x, y, d, path);
            Activations.SigmoidBackward<float>(x, y, d, path);
        }
        All();
        long before = GC.GetAllocatedBytesForCurrentThread();
        All();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

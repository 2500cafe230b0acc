using System.Numerics;
using FastReg.Simd;
using FastReg.Tests.Support;
using static FastReg.Tests.Simd.ActivationTestData;

namespace FastReg.Tests.Simd;

/// <summary>The fused softmax cross-entropy kernel on every path against SoftmaxCrossEntropyReference.</summary>
public class SoftmaxCrossEntropyTests
{
    // Row widths around every register boundary (4/8/16 lanes, two vectors of each) and wide rows (the row-wise fallback).
    private static readonly int[] Cols = [1, 2, 3, 4, 5, 7, 8, 9, 10, 15, 16, 17, 24, 31, 32, 33, 40, 64, 65, 100];
    private static readonly int[] Rows = [0, 1, 2, 3, 7, 32, 33];

    private static void Check<T>(int rows, int cols, int seed, double spread, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = rows * cols;
        T[] z = Generators.Uniform<T>(n, seed, spread);
        var labels = new int[rows];
        var rng = new Random(seed);
        for (int r = 0; r < rows; r++) labels[r] = rng.Next(cols);
        T sentinel = T.CreateTruncating(7);
        var grad = new T[n + 1];
        grad[^1] = sentinel;
        var loss = new T[rows + 1];
        loss[^1] = sentinel;
        double scale = rows == 0 ? 1 : 1.0 / rows;
        Activations.SoftmaxCrossEntropy<T>(z, labels, grad.AsSpan(0, n), loss.AsSpan(0, rows), rows, cols, T.CreateTruncating(scale), path);
        var g = new double[n];
        var l = new double[rows];
        SoftmaxCrossEntropyReference.Compute<T>(z, labels, g, l, rows, cols, double.CreateTruncating(T.CreateTruncating(scale)));
        // Bounds in u: the shift z − m, the exponentials (ExpKernelBoundInU), the row sum (≤ cols terms), 1/Σ and the scaling.
        double u = U<T>();
        for (int r = 0; r < rows; r++)
        {
            double m = double.NegativeInfinity;
            for (int j = 0; j < cols; j++) m = Math.Max(m, double.CreateTruncating(z[r * cols + j]));
            for (int j = 0; j < cols; j++)
            {
                int i = r * cols + j;
                double kU = 2 * Math.Abs(double.CreateTruncating(z[i]) - m) + 2 * cols + ExpKernelBoundInU + 8;
                double tol = kU * u * (Math.Abs(g[i]) + scale) + 4 * DenormMin<T>();
                double got = double.CreateTruncating(grad[i]);
                if (!(Math.Abs(got - g[i]) <= tol))
                    throw new Xunit.Sdk.XunitException($"grad {path} {typeof(T).Name} [{rows}x{cols}] i={i}: got {got:R}, expected {g[i]:R}, tolerance {tol:E3}");
            }
            double lossTol = (2 * cols + 32) * u * (Math.Abs(m) + Math.Abs(l[r]) + 1);
            double gotLoss = double.CreateTruncating(loss[r]);
            if (!(Math.Abs(gotLoss - l[r]) <= lossTol))
                throw new Xunit.Sdk.XunitException($"loss {path} {typeof(T).Name} [{rows}x{cols}] row {r}: got {gotLoss:R}, expected {l[r]:R}, tolerance {lossTol:E3}");
        }
        Assert.Equal(sentinel, grad[^1]);
        Assert.Equal(sentinel, loss[^1]);
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Matches_the_reference_on_every_path(SimdPath path)
    {
        int seed = 1;
        foreach (int cols in Cols)
            foreach (int rows in Rows)
                foreach (double spread in new[] { 1.0, 30.0 })
                {
                    Check<float>(rows, cols, seed, spread, path);
                    Check<double>(rows, cols, seed, spread, path);
                    seed++;
                }
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Large_logits_do_not_overflow_and_NaN_stays_in_its_row(SimdPath path)
    {
        float[] z = [1000f, 999f, -1000f, 0f, 0f, 0f, 1f, float.NaN, 2f];
        int[] labels = [0, 2, 1];
        var grad = new float[9];
        var loss = new float[3];
        Activations.SoftmaxCrossEntropy<float>(z, labels, grad, loss, 3, 3, 1f, path);
        Assert.Equal(MathF.Log(1 + MathF.Exp(-1)), loss[0], 1e-5f);
        Assert.Equal(MathF.Log(3), loss[1], 1e-5f);
        Assert.True(float.IsNaN(loss[2]));
        Assert.All(grad.AsSpan(0, 6).ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Bad_arguments_are_refused_with_their_names()
    {
        var z = new float[6];
        var grad = new float[6];
        var loss = new float[2];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Activations.SoftmaxCrossEntropy<float>(z, [0, 3], grad, loss, 2, 3, 1f));
        Assert.Equal("labels", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Activations.SoftmaxCrossEntropy<float>(z, [-1, 0], grad, loss, 2, 3, 1f));
        Assert.Equal("grad", Assert.Throws<ArgumentException>(() => Activations.SoftmaxCrossEntropy<float>(z, [0, 0], z, loss, 2, 3, 1f)).ParamName);
        Assert.Equal("rowLoss", Assert.Throws<ArgumentException>(() => Activations.SoftmaxCrossEntropy<float>(z, [0, 0], grad, loss.AsSpan(0, 1), 2, 3, 1f)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Activations.SoftmaxCrossEntropy<float>(z, [0], grad, loss, 2, 3, 1f)).ParamName);
    }
}

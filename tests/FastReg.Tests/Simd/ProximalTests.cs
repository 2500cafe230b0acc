using System.Numerics;
using FastReg.Simd;
using FastReg.Tests.Support;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

public class ProximalTests
{
    private static bool SoftThresholdIsExact<T>(int n, int seed, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] w = Generators.Uniform<T>(n, seed), expected = (T[])w.Clone();
        T tau = T.CreateTruncating(0.3);
        UpdatesReference.ProximalL1<T>(expected, tau);
        Updates.ProximalL1<T>(w, tau, path);
        // w − clamp(w, −τ, τ) rounds exactly as sign(w)·(|w| − τ): the results agree bit for bit.
        return UpdateAsserts.BitwiseEqual<T>(w, expected);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void ProximalL1_matches_reference_bitwise_on_every_length(SimdPath path)
    {
        Generators.CheckLengths((n, seed) => SoftThresholdIsExact<float>(n, seed, path));
        Generators.CheckLengths((n, seed) => SoftThresholdIsExact<double>(n, seed, path));
    }

    private static bool FusedStepMatchesReference<T>(int n, int seed, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] w = Generators.Uniform<T>(n, seed), g = Generators.Uniform<T>(n, seed + 1);
        T[] expected = (T[])w.Clone(), w0 = (T[])w.Clone();
        T lr = T.CreateTruncating(0.1), l1 = T.CreateTruncating(2.5);
        UpdatesReference.SgdProximalL1<T>(expected, g, lr, l1);
        Updates.SgdProximalL1<T>(w, g, lr, l1, path);
        double u = Tolerance.UnitRoundoff<T>();
        for (int i = 0; i < n; i++)
        {
            // Soft-thresholding is 1-Lipschitz: the gradient step's rounding difference (fma vs mul+sub) passes through.
            double tol = 4 * u * (Math.Abs(double.CreateTruncating(w0[i])) + 0.1 * Math.Abs(double.CreateTruncating(g[i])) + 0.25);
            if (Math.Abs(double.CreateTruncating(w[i] - expected[i])) > tol) return false;
        }
        return true;
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void SgdProximalL1_matches_reference_on_every_length(SimdPath path)
    {
        Generators.CheckLengths((n, seed) => FusedStepMatchesReference<float>(n, seed, path));
        Generators.CheckLengths((n, seed) => FusedStepMatchesReference<double>(n, seed, path));
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Small_weights_become_exact_positive_zeros(SimdPath path)
    {
        float[] w = [0.5f, -0.5f, 0.25f, -0.25f, 0.2500001f, -0.1f, -0f, 0f, 1e-30f, 3f, -3f, float.PositiveInfinity, float.NaN, 0.1f, -0.3f, 0.26f, 0.24f];
        Updates.ProximalL1<float>(w, 0.25f, path);
        float[] expected = [0.25f, -0.25f, 0f, 0f, 0.2500001f - 0.25f, 0f, 0f, 0f, 0f, 2.75f, -2.75f, float.PositiveInfinity, float.NaN, 0f, -0.3f + 0.25f, 0.26f - 0.25f, 0f];
        for (int i = 0; i < w.Length; i++)
        {
            if (float.IsNaN(expected[i])) Assert.True(float.IsNaN(w[i]), $"[{i}] NaN stays NaN");
            else Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(w[i]), $"[{i}]: expected {expected[i]:R}, got {w[i]:R}");
        }
    }

    [Fact]
    public void Repeated_proximal_steps_drive_unimportant_weights_to_exact_zero()
    {
        // Gradient pulls w[0] hard, w[1] not at all: ISTA zeroes w[1] for good and keeps w[0].
        double[] w = [1.0, 0.3];
        for (int t = 0; t < 200; t++) Updates.SgdProximalL1<double>(w, [2 * (w[0] - 2.0), 0.0], 0.1, 0.1);
        Assert.Equal(0.0, w[1]);
        Assert.Equal(1.95, w[0], 1e-9); // fixed point of w = w − 0.1·2(w − 2) − 0.01 is 2 − 0.05
    }

    [Fact]
    public void Validation_names_the_argument()
    {
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => Updates.ProximalL1<float>(new float[2], -1f)).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => Updates.ProximalL1<float>(new float[2], float.NaN)).ParamName);
        Assert.Equal("g", Assert.Throws<ArgumentException>(() => Updates.SgdProximalL1<float>(new float[2], new float[3], 0.1f, 0.1f)).ParamName);
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => Updates.SgdProximalL1<float>(new float[2], new float[2], -0.1f, 0.1f)).ParamName);
        Assert.Equal("l1", Assert.Throws<ArgumentOutOfRangeException>(() => Updates.SgdProximalL1<float>(new float[2], new float[2], 0.1f, -0.1f)).ParamName);
    }

    [Fact]
    public void Steps_allocate_nothing()
    {
        float[] w = new float[1000], g = new float[1000];
        Assert.Equal(0, UpdateAsserts.AllocatedBytes(() => Updates.ProximalL1<float>(w, 0.01f)));
        Assert.Equal(0, UpdateAsserts.AllocatedBytes(() => Updates.SgdProximalL1<float>(w, g, 0.1f, 0.01f)));
    }
}

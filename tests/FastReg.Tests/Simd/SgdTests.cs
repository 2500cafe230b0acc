using System.Numerics;
using FastReg.Simd;
using FastReg.Tests.Support;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

public class SgdTests
{
    // ---- against the reference, every length, every path ----

    private static bool SgdMatchesReference<T>(int n, int seed, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] w = Generators.Uniform<T>(n, seed, 2.0), g = Generators.Uniform<T>(n, seed + 1);
        T lr = T.CreateTruncating(0.05), wd = T.CreateTruncating(seed % 3 == 0 ? 0.0 : 0.01);
        T[] expected = (T[])w.Clone();
        UpdatesReference.Sgd<T>(expected, g, lr, wd);
        T[] w0 = (T[])w.Clone();
        Updates.Sgd<T>(w, g, lr, wd, path);
        double u = Tolerance.UnitRoundoff<T>();
        for (int i = 0; i < n; i++)
        {
            double scale = Math.Abs(double.CreateTruncating(w0[i])) + 0.05 * (Math.Abs(double.CreateTruncating(g[i])) + 0.01 * Math.Abs(double.CreateTruncating(w0[i])));
            if (Math.Abs(double.CreateTruncating(w[i] - expected[i])) > 4 * u * scale) return false;
        }
        return true;
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Sgd_matches_reference_on_every_length(SimdPath path)
    {
        Generators.CheckLengths((n, seed) => SgdMatchesReference<float>(n, seed, path));
        Generators.CheckLengths((n, seed) => SgdMatchesReference<double>(n, seed, path));
    }

    private static bool MomentumMatchesReference<T>(int n, int seed, SimdPath path, SgdSettings<T> s, bool first) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] w = Generators.Uniform<T>(n, seed, 2.0), g = Generators.Uniform<T>(n, seed + 1), buf = Generators.Uniform<T>(n, seed + 2);
        T[] ew = (T[])w.Clone(), eb = (T[])buf.Clone(), w0 = (T[])w.Clone(), b0 = (T[])buf.Clone();
        UpdatesReference.SgdMomentum<T>(ew, g, eb, s, first);
        Updates.SgdMomentum<T>(w, g, buf, s, first, path);
        double u = Tolerance.UnitRoundoff<T>();
        double lr = s.Lr, mu = s.Momentum, wd = s.WeightDecay;
        for (int i = 0; i < n; i++)
        {
            double gd = Math.Abs(double.CreateTruncating(g[i])) + wd * Math.Abs(double.CreateTruncating(w0[i]));
            double bufScale = (first ? 0 : mu * Math.Abs(double.CreateTruncating(b0[i]))) + gd;
            double stepScale = gd + mu * bufScale;
            if (Math.Abs(double.CreateTruncating(buf[i] - eb[i])) > 4 * u * bufScale) return false;
            if (Math.Abs(double.CreateTruncating(w[i] - ew[i])) > 6 * u * (Math.Abs(double.CreateTruncating(w0[i])) + lr * stepScale)) return false;
        }
        return true;
    }

    public static TheoryData<SimdPath, bool, bool> MomentumCases()
    {
        var data = new TheoryData<SimdPath, bool, bool>();
        foreach (SimdPath p in KernelPaths.All)
            foreach (bool nesterov in new[] { false, true })
                foreach (bool first in new[] { false, true })
                    data.Add(p, nesterov, first);
        return data;
    }

    [Theory]
    [MemberData(nameof(MomentumCases))]
    public void SgdMomentum_matches_reference_on_every_length(SimdPath path, bool nesterov, bool firstStep)
    {
        var sf = SgdSettings<float>.Create(lr: 0.1, momentum: 0.9, dampening: nesterov ? 0 : 0.25, weightDecay: 0.01, nesterov: nesterov);
        var sd = SgdSettings<double>.Create(lr: 0.1, momentum: 0.9, dampening: nesterov ? 0 : 0.25, weightDecay: 0.01, nesterov: nesterov);
        Generators.CheckLengths((n, seed) => MomentumMatchesReference(n, seed, path, sf, firstStep), 100);
        Generators.CheckLengths((n, seed) => MomentumMatchesReference(n, seed, path, sd, firstStep), 100);
    }

    // ---- every path gives the scalar path's bits ----

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Every_path_is_bitwise_identical_to_the_scalar_path(SimdPath path) =>
        Generators.CheckLengths((n, seed) =>
        {
            float[] g = Generators.Uniform<float>(n, seed + 1), w = Generators.Uniform<float>(n, seed), b = Generators.Uniform<float>(n, seed + 2);
            float[] ws = (float[])w.Clone(), bs = (float[])b.Clone(), wp = (float[])w.Clone(), bp = (float[])b.Clone();
            var s = SgdSettings<float>.Create(lr: 0.1, momentum: 0.9, weightDecay: 1e-3, nesterov: true);
            Updates.SgdMomentum<float>(ws, g, bs, s, false, SimdPath.Scalar);
            Updates.SgdMomentum<float>(wp, g, bp, s, false, path);
            float[] w2 = (float[])w.Clone(), w3 = (float[])w.Clone();
            Updates.Sgd<float>(w2, g, 0.1f, 0.01f, SimdPath.Scalar);
            Updates.Sgd<float>(w3, g, 0.1f, 0.01f, path);
            return UpdateAsserts.BitwiseEqual<float>(ws, wp) && UpdateAsserts.BitwiseEqual<float>(bs, bp) && UpdateAsserts.BitwiseEqual<float>(w2, w3);
        });

    // ---- three steps against values written out from PyTorch's algorithm (see AdamTests for the script) ----
    // w0 = [1, -2, 0.5]; g1 = [0.1, -0.2, 0.3], g2 = [0.05, 0.4, -0.1], g3 = [-0.3, 0.1, 0.2].

    private static readonly double[] s_w0 = [1.0, -2.0, 0.5];
    private static readonly double[][] s_grads = [[0.1, -0.2, 0.3], [0.05, 0.4, -0.1], [-0.3, 0.1, 0.2]];

    private static void ThreeSteps<T>(SgdSettings<T> s, double[][] expectedW, double[][] expectedBuf, SimdPath path, double relTol)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] w = Array.ConvertAll(s_w0, T.CreateTruncating), buf = new T[3];
        for (int t = 0; t < 3; t++)
        {
            T[] g = Array.ConvertAll(s_grads[t], T.CreateTruncating);
            Updates.SgdMomentum<T>(w, g, buf, s, firstStep: t == 0, path);
            UpdateAsserts.Close<T>(expectedW[t], w, relTol, what: $"w after step {t + 1}");
            UpdateAsserts.Close<T>(expectedBuf[t], buf, relTol, what: $"buf after step {t + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Nesterov_with_weight_decay_matches_the_written_out_steps(SimdPath path)
    {
        // lr = 0.1, momentum = 0.9, dampening = 0, weight_decay = 0.01, nesterov = True
        double[][] w =
        [
            [0.9791, -1.9582, 0.44205],
            [0.95882971, -2.01265942, 0.435505105],
            [1.001145862551, -2.0426112251019997, 0.3821850848005],
        ];
        double[][] buf =
        [
            [0.11, -0.22, 0.305],
            [0.15879100000000002, 0.18241800000000002, 0.1789205],
            [-0.1474998029, 0.2440496058, 0.36538350105000006],
        ];
        ThreeSteps(SgdSettings<double>.Create(lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true), w, buf, path, 1e-14);
        ThreeSteps(SgdSettings<float>.Create(lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true), w, buf, path, 1e-6);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Dampened_momentum_matches_the_written_out_steps(SimdPath path)
    {
        // lr = 0.1, momentum = 0.9, dampening = 0.5, weight_decay = 0 (first step: buf = g, undampened)
        double[][] w =
        [
            [0.99, -1.98, 0.47],
            [0.9785, -1.982, 0.44799999999999995],
            [0.9831500000000001, -1.9888, 0.41819999999999996],
        ];
        double[][] buf =
        [
            [0.1, -0.2, 0.3],
            [0.11500000000000002, 0.01999999999999999, 0.22000000000000003],
            [-0.04649999999999997, 0.06799999999999999, 0.29800000000000004],
        ];
        ThreeSteps(SgdSettings<double>.Create(lr: 0.1, momentum: 0.9, dampening: 0.5), w, buf, path, 1e-14);
        ThreeSteps(SgdSettings<float>.Create(lr: 0.1, momentum: 0.9, dampening: 0.5), w, buf, path, 1e-6);
    }

    [Fact]
    public void Plain_sgd_step_is_w_minus_lr_times_g_plus_wd_w()
    {
        double[] w = [1.0, -2.0, 0.5];
        Updates.Sgd<double>(w, [0.1, -0.2, 0.3], 0.1, 0.01);
        // 1 - 0.1*(0.1 + 0.01) ; -2 - 0.1*(-0.2 - 0.02) ; 0.5 - 0.1*(0.3 + 0.005)
        UpdateAsserts.Close<double>([0.989, -1.978, 0.4695], w, 1e-15);
    }

    [Fact]
    public void Zero_weight_decay_skips_the_decay_term_as_PyTorch_does()
    {
        // With wd = 0 PyTorch never forms 0·w, so an infinite weight stays infinite instead of becoming NaN.
        float[] w = [float.PositiveInfinity, 1f];
        Updates.Sgd<float>(w, [1f, 1f], 0.5f, 0f);
        Assert.Equal(float.PositiveInfinity, w[0]);
        Assert.Equal(0.5f, w[1]);
    }

    [Fact]
    public void Zero_momentum_is_plain_sgd_and_leaves_the_buffer_alone()
    {
        float[] w = [1f, 2f], w2 = [1f, 2f];
        Updates.SgdMomentum<float>(w, [0.5f, -0.5f], Span<float>.Empty, SgdSettings<float>.Create(lr: 0.1, weightDecay: 0.1), firstStep: false);
        Updates.Sgd<float>(w2, [0.5f, -0.5f], 0.1f, 0.1f);
        Assert.Equal(w2, w);
    }

    // ---- defaults, validation, allocation ----

    [Fact]
    public void Defaults_are_PyTorchs()
    {
        var s = SgdSettings<float>.Create();
        Assert.Equal(new SgdSettings<float>(1e-3, 0, 0, 0, false), s);
    }

    [Fact]
    public void Mismatched_lengths_name_the_argument()
    {
        Assert.Equal("grad", Assert.Throws<ArgumentException>(() => Updates.Sgd<float>(new float[3], new float[2], 0.1f, 0f)).ParamName);
        var s = SgdSettings<float>.Create(momentum: 0.9);
        Assert.Equal("grad", Assert.Throws<ArgumentException>(() => Updates.SgdMomentum<float>(new float[3], new float[4], new float[3], s, true)).ParamName);
        Assert.Equal("momentumBuffer", Assert.Throws<ArgumentException>(() => Updates.SgdMomentum<float>(new float[3], new float[3], new float[2], s, true)).ParamName);
    }

    [Fact]
    public void Bad_settings_are_refused_as_PyTorch_refuses_them()
    {
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => Updates.Sgd<float>(new float[1], new float[1], -0.1f, 0f)).ParamName);
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => Updates.Sgd<float>(new float[1], new float[1], float.NaN, 0f)).ParamName);
        Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => Updates.Sgd<float>(new float[1], new float[1], 0.1f, -1f)).ParamName);
        float[] one = new float[1];
        void Momentum(SgdSettings<float> s) => Updates.SgdMomentum<float>(one, one, one, s, true);
        Assert.Throws<ArgumentOutOfRangeException>(() => Momentum(SgdSettings<float>.Create(lr: -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Momentum(SgdSettings<float>.Create(momentum: -0.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Momentum(SgdSettings<float>.Create(weightDecay: -0.5)));
        // "Nesterov momentum requires a momentum and zero dampening"
        Assert.Equal("settings", Assert.Throws<ArgumentException>(() => Momentum(SgdSettings<float>.Create(momentum: 0.9, dampening: 0.1, nesterov: true))).ParamName);
        Assert.Throws<ArgumentException>(() => Momentum(SgdSettings<float>.Create(momentum: 0, nesterov: true)));
    }

    [Fact]
    public void Rejects_types_other_than_float_and_double() =>
        Assert.Throws<NotSupportedException>(() => Updates.Sgd<Half>(new Half[1], new Half[1], Half.One, Half.Zero));

    [Fact]
    public void Empty_spans_are_a_no_op()
    {
        Updates.Sgd<float>([], [], 0.1f, 0.1f);
        Updates.SgdMomentum<double>([], [], [], SgdSettings<double>.Create(momentum: 0.9), false);
    }

    [Fact]
    public void Steps_allocate_nothing()
    {
        float[] w = new float[1000], g = new float[1000], b = new float[1000];
        var s = SgdSettings<float>.Create(lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-4);
        Assert.Equal(0, UpdateAsserts.AllocatedBytes(() => Updates.Sgd<float>(w, g, 0.1f, 0.01f)));
        Assert.Equal(0, UpdateAsserts.AllocatedBytes(() => Updates.SgdMomentum<float>(w, g, b, s, false)));
    }
}

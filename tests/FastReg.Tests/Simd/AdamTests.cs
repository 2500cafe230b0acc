using System.Numerics;
using FastReg.Simd;
using FastReg.Tests.Support;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

public class AdamTests
{
    public static TheoryData<SimdPath, int> Variants()
    {
        var data = new TheoryData<SimdPath, int>();
        foreach (SimdPath p in KernelPaths.All)
            for (int v = 0; v < 4; v++) data.Add(p, v);
        return data;
    }

    // 0: Adam, 1: Adam + coupled L2, 2: AdamW, 3: AdamW + AMSGrad
    private static AdamSettings<T> Variant<T>(int v) where T : unmanaged, IFloatingPointIeee754<T> => v switch
    {
        0 => AdamSettings<T>.Adam(lr: 0.01),
        1 => AdamSettings<T>.Adam(lr: 0.01, weightDecay: 0.1),
        2 => AdamSettings<T>.AdamW(lr: 0.01, weightDecay: 0.1),
        _ => AdamSettings<T>.AdamW(lr: 0.01, beta2: 0.9, weightDecay: 0.05, amsgrad: true),
    };

    private static bool MatchesReference<T>(int n, int seed, SimdPath path, AdamSettings<T> s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long step = 1 + seed % 50;
        T[] w = Generators.Uniform<T>(n, seed, 2.0), g = Generators.Uniform<T>(n, seed + 1);
        T[] m = Generators.Uniform<T>(n, seed + 2, 0.1), v = UpdateAsserts.NonNegative<T>(n, seed + 3, 0.01), vmax = UpdateAsserts.NonNegative<T>(n, seed + 4, 0.01);
        T[] ew = (T[])w.Clone(), em = (T[])m.Clone(), ev = (T[])v.Clone(), evmax = (T[])vmax.Clone();
        T[] w0 = (T[])w.Clone(), m0 = (T[])m.Clone(), v0 = (T[])v.Clone();
        UpdatesReference.Adam<T>(ew, g, em, ev, evmax, s, step);
        Updates.Adam<T>(w, g, m, v, s.Amsgrad ? vmax : Span<T>.Empty, s, step, path);

        double u = Tolerance.UnitRoundoff<T>();
        double lr = s.Lr, wd = s.WeightDecay, b1 = s.Beta1, b2 = s.Beta2, eps = s.Eps;
        double stepSize = lr / (1 - Math.Pow(b1, step)), bc2 = Math.Sqrt(1 - Math.Pow(b2, step));
        for (int i = 0; i < n; i++)
        {
            double wi = Math.Abs(double.CreateTruncating(w0[i]));
            double gi = Math.Abs(double.CreateTruncating(g[i])) + (s.Decoupled ? 0 : wd * wi);
            double mScale = Math.Abs(double.CreateTruncating(m0[i])) + gi;
            double vNew = double.CreateTruncating(ev[i]);
            double vUse = s.Amsgrad ? double.CreateTruncating(evmax[i]) : vNew;
            double denom = Math.Sqrt(vUse) / bc2 + eps;
            double delta = stepSize * Math.Abs(double.CreateTruncating(em[i])) / denom;
            // g' = g + wd·w may cancel (kernel fma vs reference mul+add), so errors in g' are relative to
            // |g| + wd·|w|; they carry into m (which may cancel too) and into v (which has no cancellation
            // of its own: all its terms are ≥ 0), and v's error into the denominator through sqrt.
            double vTol = 4 * u * vNew + 4 * u * (1 - b2) * gi * gi;
            double wTol = 8 * u * (wi + delta) + 8 * u * stepSize * mScale / denom
                + (vUse > 0 ? delta * vTol / vUse : 0);
            if (Math.Abs(double.CreateTruncating(m[i] - em[i])) > 4 * u * mScale) return false;
            if (Math.Abs(double.CreateTruncating(v[i] - ev[i])) > vTol) return false;
            if (s.Amsgrad && Math.Abs(double.CreateTruncating(vmax[i] - evmax[i])) > vTol) return false;
            if (Math.Abs(double.CreateTruncating(w[i] - ew[i])) > wTol) return false;
        }
        return true;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Adam_matches_reference_on_every_length(SimdPath path, int variant)
    {
        Generators.CheckLengths((n, seed) => MatchesReference(n, seed, path, Variant<float>(variant)), 100);
        Generators.CheckLengths((n, seed) => MatchesReference(n, seed, path, Variant<double>(variant)), 100);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_path_is_bitwise_identical_to_the_scalar_path(SimdPath path, int variant) =>
        Generators.CheckLengths((n, seed) =>
        {
            AdamSettings<float> s = Variant<float>(variant);
            float[] g = Generators.Uniform<float>(n, seed + 1);
            float[][] a = [Generators.Uniform<float>(n, seed), Generators.Uniform<float>(n, seed + 2), UpdateAsserts.NonNegative<float>(n, seed + 3), UpdateAsserts.NonNegative<float>(n, seed + 4)];
            float[][] b = Array.ConvertAll(a, x => (float[])x.Clone());
            Updates.Adam<float>(a[0], g, a[1], a[2], a[3], s, 7, SimdPath.Scalar);
            Updates.Adam<float>(b[0], g, b[1], b[2], b[3], s, 7, path);
            for (int k = 0; k < 4; k++) if (!UpdateAsserts.BitwiseEqual<float>(a[k], b[k])) return false;
            return true;
        }, 100);

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Lerp_branch_for_small_beta1_matches_reference(SimdPath path) =>
        // β1 < 0.5 takes ATen's other lerp form, end − (end − self)·(1 − weight).
        Generators.CheckLengths((n, seed) => MatchesReference(n, seed, path, AdamSettings<double>.Adam(lr: 0.01, beta1: 0.3)), 50);

    // ---- three steps against values written out from PyTorch's algorithm ----
    // Computed with plain python3 floats (double), following torch.optim.Adam/AdamW's docs and _single_tensor_adam:
    //   if wd: (AdamW) w *= 1 - lr*wd  |  (Adam) g += wd*w
    //   m = b1*m + (1-b1)*g ; v = b2*v + (1-b2)*g*g ; (amsgrad) vmax = max(vmax, v), v := vmax
    //   w -= lr * (m/(1-b1**t)) / (sqrt(v)/sqrt(1-b2**t) + eps)
    // w0 = [1, -2, 0.5]; g1 = [0.1, -0.2, 0.3], g2 = [0.01, 0.4, -0.1], g3 = [-0.3, 0.05, 0.2].

    private static readonly double[] s_w0 = [1.0, -2.0, 0.5];
    private static readonly double[][] s_grads = [[0.1, -0.2, 0.3], [0.01, 0.4, -0.1], [-0.3, 0.05, 0.2]];

    private static void ThreeSteps<T>(AdamSettings<T> s, double[][] ew, double[][] em, double[][] ev, double[][]? evmax, SimdPath path, double relTol)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] w = Array.ConvertAll(s_w0, T.CreateTruncating), m = new T[3], v = new T[3], vmax = new T[s.Amsgrad ? 3 : 0];
        for (int t = 0; t < 3; t++)
        {
            T[] g = Array.ConvertAll(s_grads[t], T.CreateTruncating);
            Updates.Adam<T>(w, g, m, v, vmax, s, t + 1, path);
            UpdateAsserts.Close<T>(ew[t], w, relTol, what: $"w after step {t + 1}");
            UpdateAsserts.Close<T>(em[t], m, relTol, what: $"exp_avg after step {t + 1}");
            UpdateAsserts.Close<T>(ev[t], v, relTol, what: $"exp_avg_sq after step {t + 1}");
            if (evmax is not null) UpdateAsserts.Close<T>(evmax[t], vmax, relTol, what: $"max_exp_avg_sq after step {t + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Adam_with_L2_matches_the_written_out_steps(SimdPath path)
    {
        // Adam(lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1)
        double[][] w =
        [
            [0.9900000005, -1.99000000025, 0.4900000002857143],
            [0.9805547402939482, -1.9873559274772667, 0.4844430174967703],
            [0.9793337060717606, -1.9834006542027265, 0.47725482552358767],
        ];
        double[][] m =
        [
            [0.019999999999999997, -0.039999999999999994, 0.03499999999999999],
            [0.028900000004999996, -0.0159000000025, 0.026400000002857138],
            [0.005815547407439482, -0.029183559277022667, 0.048604430177539126],
        ];
        double[][] v =
        [
            [4.0000000000000044e-05, 0.00016000000000000018, 0.00012250000000000008],
            [5.1841000010900054e-05, 0.00020024099998995021, 0.0001249784999970858],
            [9.257075058038161e-05, 0.00022216303553997788, 0.00018657809256897334],
        ];
        ThreeSteps(AdamSettings<double>.Adam(lr: 0.01, weightDecay: 0.1), w, m, v, null, path, 1e-13);
        ThreeSteps(AdamSettings<float>.Adam(lr: 0.01, weightDecay: 0.1), w, m, v, null, path, 2e-6);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void AdamW_matches_the_written_out_steps(SimdPath path)
    {
        // AdamW(lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1)
        double[][] w =
        [
            [0.9890000009999999, -1.9880000005, 0.4895000003333333],
            [0.980602895613545, -1.989673035654104, 0.48500831479247475],
            [0.9838628210672449, -1.9912060229817046, 0.4784924418424881],
        ];
        double[][] m =
        [
            [0.009999999999999998, -0.019999999999999997, 0.029999999999999992],
            [0.009999999999999998, 0.021999999999999995, 0.016999999999999994],
            [-0.02099999999999999, 0.024799999999999996, 0.03529999999999999],
        ];
        double[][] v =
        [
            [1.0000000000000011e-05, 4.0000000000000044e-05, 9.000000000000007e-05],
            [1.0090000000000012e-05, 0.00019996000000000022, 9.991000000000009e-05],
            [0.00010007991000000009, 0.00020226004000000022, 0.00013981009000000013],
        ];
        ThreeSteps(AdamSettings<double>.AdamW(lr: 0.01, weightDecay: 0.1), w, m, v, null, path, 1e-13);
        ThreeSteps(AdamSettings<float>.AdamW(lr: 0.01, weightDecay: 0.1), w, m, v, null, path, 2e-6);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Amsgrad_matches_the_written_out_steps(SimdPath path)
    {
        // Adam(lr=0.01, betas=(0.9, 0.9), eps=1e-8, amsgrad=True): the max bites at [0] in step 2 and [1] in step 3.
        double[][] w =
        [
            [0.9900000009999999, -1.9900000005, 0.4900000003333333],
            [0.9827452394988996, -1.9936051047771497, 0.4859116189230735],
            [0.9868162385060965, -1.9970079248309411, 0.4797699247527984],
        ];
        double[][] m =
        [
            [0.009999999999999998, -0.019999999999999997, 0.029999999999999992],
            [0.009999999999999998, 0.021999999999999995, 0.016999999999999994],
            [-0.02099999999999999, 0.024799999999999996, 0.03529999999999999],
        ];
        double[][] v =
        [
            [0.0009999999999999998, 0.003999999999999999, 0.008999999999999998],
            [0.0009099999999999999, 0.019599999999999996, 0.009099999999999997],
            [0.009818999999999998, 0.017889999999999996, 0.012189999999999996],
        ];
        double[][] vmax =
        [
            [0.0009999999999999998, 0.003999999999999999, 0.008999999999999998],
            [0.0009999999999999998, 0.019599999999999996, 0.009099999999999997],
            [0.009818999999999998, 0.019599999999999996, 0.012189999999999996],
        ];
        ThreeSteps(AdamSettings<double>.Adam(lr: 0.01, beta2: 0.9, amsgrad: true), w, m, v, vmax, path, 1e-13);
        ThreeSteps(AdamSettings<float>.Adam(lr: 0.01, beta2: 0.9, amsgrad: true), w, m, v, vmax, path, 2e-6);
    }

    // ---- defaults, validation, allocation ----

    [Fact]
    public void Factories_carry_PyTorchs_defaults()
    {
        Assert.Equal(new AdamSettings<double>(1e-3, 0.9, 0.999, 1e-8, 0, false, false), AdamSettings<double>.Adam());
        Assert.Equal(new AdamSettings<double>(1e-3, 0.9, 0.999, 1e-8, 1e-2, false, true), AdamSettings<double>.AdamW());
    }

    [Fact]
    public void Mismatched_lengths_name_the_argument()
    {
        var s = AdamSettings<float>.Adam();
        float[] a3 = new float[3], b3 = new float[3], c3 = new float[3], d3 = new float[3], e2 = new float[2];
        Assert.Equal("grad", Assert.Throws<ArgumentException>(() => Updates.Adam<float>(a3, e2, b3, c3, [], s, 1)).ParamName);
        Assert.Equal("expAvg", Assert.Throws<ArgumentException>(() => Updates.Adam<float>(a3, b3, e2, c3, [], s, 1)).ParamName);
        Assert.Equal("expAvgSq", Assert.Throws<ArgumentException>(() => Updates.Adam<float>(a3, b3, c3, e2, [], s, 1)).ParamName);
        Assert.Equal("maxExpAvgSq", Assert.Throws<ArgumentException>(() => Updates.Adam<float>(a3, b3, c3, d3, e2, s with { Amsgrad = true }, 1)).ParamName);
        Updates.Adam<float>(a3, b3, c3, d3, [], s, 1); // without AMSGrad the max buffer may be empty
    }

    [Fact]
    public void Bad_settings_and_steps_are_refused()
    {
        float[] x = new float[2];
        void Step(AdamSettings<float> s, long t = 1) => Updates.Adam<float>(x, x, x, x, x, s, t);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => Step(AdamSettings<float>.Adam(), 0)).ParamName);
        Assert.Equal("settings", Assert.Throws<ArgumentOutOfRangeException>(() => Step(AdamSettings<float>.Adam(lr: -1e-3))).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Step(AdamSettings<float>.Adam(eps: -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Step(AdamSettings<float>.Adam(beta1: 1.0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Step(AdamSettings<float>.Adam(beta1: -0.1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Step(AdamSettings<float>.Adam(beta2: 1.0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Step(AdamSettings<float>.AdamW(weightDecay: -0.01)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Step(AdamSettings<float>.Adam(beta2: double.NaN)));
    }

    [Fact]
    public void Steps_allocate_nothing()
    {
        float[] w = new float[1000], g = new float[1000], m = new float[1000], v = new float[1000], vmax = new float[1000];
        var s = AdamSettings<float>.AdamW(amsgrad: true);
        Assert.Equal(0, UpdateAsserts.AllocatedBytes(() => Updates.Adam<float>(w, g, m, v, vmax, s, 3)));
    }
}

using System.Runtime.CompilerServices;
using FastReg.Simd;

namespace FastReg.Nn;

/// <summary>
/// torch.optim.Adam: weight decay is coupled (g := ∇ + weight_decay·w, then rescaled by the
/// second moment, so it is not AdamW); optional AMSGrad.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>Creates the optimizer with PyTorch's parameter names and defaults (betas = (beta1, beta2)).</summary>
    public Adam(double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : base(lr)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must lie in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must lie in [0, 1).");
        Beta1 = beta1;
        Beta2 = beta2;
        // ε = 0 divides 0 by 0 wherever a gradient has always been zero; PyTorch accepts it and produces NaN.
        if (!(eps > 0 && double.IsFinite(eps))) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be positive and finite.");
        Eps = eps;
        WeightDecay = RequireNonNegative(weightDecay, nameof(weightDecay));
        Amsgrad = amsgrad;
    }

    /// <summary>β₁, the first-moment decay.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the second-moment decay.</summary>
    public double Beta2 { get; }

    /// <summary>ε added to the denominator.</summary>
    public double Eps { get; }

    /// <summary>Weight decay (coupled for Adam, decoupled for AdamW).</summary>
    public double WeightDecay { get; }

    /// <summary>Whether the AMSGrad maximum of the second moment is used.</summary>
    public bool Amsgrad { get; }

    /// <summary>Whether the weight decay is decoupled (AdamW).</summary>
    protected virtual bool Decoupled => false;

    internal override int StateSlots => Amsgrad ? 3 : 2;

    private protected override string Hyperparameters() =>
        $"lr={Number(Lr)}, betas=({Number(Beta1)}, {Number(Beta2)}), eps={Number(Eps)}, weight_decay={Number(WeightDecay)}, amsgrad={Flag(Amsgrad)}";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Step<T>(ParameterArena<T> arena, ParameterTensor[] tensors, long step)
    {
        foreach (ParameterTensor t in tensors)
        {
            var settings = new AdamSettings<T>(LrOf(t), Beta1, Beta2, Eps, DecayOf(t, WeightDecay), Amsgrad, Decoupled);
            Span<T> vMax = Amsgrad ? arena.State(2, t) : default;
            NnKernels.Adam(arena.Parameter(t), arena.Gradient(t), arena.State(0, t), arena.State(1, t), vMax, settings, step);
        }
    }

    /// <summary>
    /// Proximal Adam (ProxGen, Yun, Lozano and Yang 2021): Adam's step is a gradient step in the
    /// diagonal metric C = diag(√v̂ + ε)/lr, so the L1 proximal map in that metric soft-thresholds
    /// coordinate i by τ_i = lr·(λ/m)/(√v̂_i + ε), the step Adam took on that coordinate. A fixed point
    /// of step plus threshold satisfies the lasso's optimality conditions (g_i = −(λ/m)·sign w_i where
    /// w_i ≠ 0, |g_i| ≤ λ/m where w_i = 0) whatever the metric, which a global threshold lr·λ/m does not.
    /// v̂ is the second moment the step just used (the AMSGrad maximum with amsgrad).
    /// </summary>
    internal override void ProximalL1<T>(ParameterArena<T> arena, ParameterTensor t, double lambdaOverM, long step)
    {
        Span<T> w = arena.Parameter(t);
        ReadOnlySpan<T> v = arena.State(Amsgrad ? 2 : 1, t);
        T bc2Sqrt = T.CreateTruncating(Math.Sqrt(1 - Math.Pow(Beta2, step)));
        T eps = T.CreateTruncating(Eps);
        T scale = T.CreateTruncating(LrOf(t) * lambdaOverM);
        // Scalar on purpose: the same operations in the same order on every ISA path (bitwise reproducible).
        for (int i = 0; i < w.Length; i++)
        {
            T tau = scale / (T.Sqrt(v[i]) / bc2Sqrt + eps);
            T a = T.Abs(w[i]) - tau;
            w[i] = a > T.Zero ? T.CopySign(a, w[i]) : T.Zero;
        }
    }
}

/// <summary>
/// torch.optim.AdamW: decoupled weight decay, w := w − lr·weight_decay·w applied apart from the
/// adaptive step (default weight_decay 1e-2).
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer with PyTorch's parameter names and defaults.</summary>
    public AdamW(double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : base(lr, beta1, beta2, eps, weightDecay, amsgrad) { }

    /// <inheritdoc/>
    protected override bool Decoupled => true;
}

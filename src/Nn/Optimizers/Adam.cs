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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Step<T>(ParameterArena<T> arena, ParameterTensor[] tensors, long step)
    {
        var settings = new AdamSettings<T>(Lr, Beta1, Beta2, Eps, WeightDecay, Amsgrad, Decoupled);
        var undecayed = new AdamSettings<T>(Lr, Beta1, Beta2, Eps, 0, Amsgrad, Decoupled); // tensors declared without weight decay
        foreach (ParameterTensor t in tensors)
        {
            Span<T> vMax = Amsgrad ? arena.State(2, t) : default;
            NnKernels.Adam(arena.Parameter(t), arena.Gradient(t), arena.State(0, t), arena.State(1, t), vMax, t.WeightDecay ? settings : undecayed, step);
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

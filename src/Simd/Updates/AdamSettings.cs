using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastReg.Simd;

/// <summary>
/// Hyperparameters of torch.optim.Adam (<see cref="Decoupled"/> = false) and torch.optim.AdamW
/// (<see cref="Decoupled"/> = true), with PyTorch's names; use <see cref="Adam"/> or
/// <see cref="AdamW"/> for PyTorch's defaults. They are doubles whatever T is, as PyTorch's are
/// Python floats: 1 − β1, 1 − β2, the bias corrections, the step size and 1 − lr·wd are computed in
/// double and rounded to T once, as PyTorch does for float32 tensors. (Storing β2 = 0.999 as a
/// float first would make 1 − β2 off by 1.3e-5 relative.)
/// </summary>
/// <param name="Lr">Learning rate, ≥ 0.</param>
/// <param name="Beta1">Decay of the first-moment average, in [0, 1).</param>
/// <param name="Beta2">Decay of the second-moment average, in [0, 1).</param>
/// <param name="Eps">Added to the denominator after the bias-corrected square root, ≥ 0.</param>
/// <param name="WeightDecay">Weight decay, ≥ 0: coupled L2 (g += wd·w) for Adam, decoupled (w *= 1 − lr·wd) for AdamW.</param>
/// <param name="Amsgrad">Use the running maximum of the second moment (AMSGrad).</param>
/// <param name="Decoupled">false: Adam with L2 folded into the gradient; true: AdamW.</param>
public readonly record struct AdamSettings<T>(double Lr, double Beta1, double Beta2, double Eps, double WeightDecay, bool Amsgrad, bool Decoupled)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>torch.optim.Adam: lr = 1e-3, betas = (0.9, 0.999), eps = 1e-8, weight_decay = 0, amsgrad = false.</summary>
    public static AdamSettings<T> Adam(double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false) =>
        new(lr, beta1, beta2, eps, weightDecay, amsgrad, Decoupled: false);

    /// <summary>torch.optim.AdamW: lr = 1e-3, betas = (0.9, 0.999), eps = 1e-8, weight_decay = 1e-2, amsgrad = false.</summary>
    public static AdamSettings<T> AdamW(double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false) =>
        new(lr, beta1, beta2, eps, weightDecay, amsgrad, Decoupled: true);

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> as torch.optim.Adam's constructor does:
    /// lr, eps and weight decay must be ≥ 0, each beta in [0, 1); NaN is refused.
    /// </summary>
    /// <param name="paramName">The argument name to report.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(string paramName)
    {
        UpdateChecks.RequireNonNegative(Lr, paramName, nameof(Lr));
        UpdateChecks.RequireNonNegative(Eps, paramName, nameof(Eps));
        UpdateChecks.RequireNonNegative(WeightDecay, paramName, nameof(WeightDecay));
        UpdateChecks.RequireUnitInterval(Beta1, paramName, nameof(Beta1));
        UpdateChecks.RequireUnitInterval(Beta2, paramName, nameof(Beta2));
    }
}

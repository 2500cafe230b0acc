using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastReg.Simd;

/// <summary>
/// Hyperparameters of torch.optim.SGD, with PyTorch's names and defaults
/// (lr = 1e-3, momentum = 0, dampening = 0, weight_decay = 0, nesterov = false). They are doubles
/// whatever T is, as PyTorch's are Python floats: derived scalars such as 1 − dampening are
/// computed in double and rounded to T once, as PyTorch does for float32 tensors.
/// </summary>
/// <param name="Lr">Learning rate, ≥ 0.</param>
/// <param name="Momentum">Momentum factor μ, ≥ 0; 0 disables the momentum buffer.</param>
/// <param name="Dampening">Dampening for momentum: the buffer adds (1 − dampening)·g.</param>
/// <param name="WeightDecay">Coupled weight decay (L2): g := g + wd·w, ≥ 0.</param>
/// <param name="Nesterov">Nesterov momentum; needs Momentum &gt; 0 and Dampening = 0.</param>
public readonly record struct SgdSettings<T>(double Lr, double Momentum, double Dampening, double WeightDecay, bool Nesterov)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Settings from PyTorch-style arguments; omitted ones take torch.optim.SGD's defaults.</summary>
    public static SgdSettings<T> Create(double lr = 1e-3, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false) =>
        new(lr, momentum, dampening, weightDecay, nesterov);

    /// <summary>
    /// Throws as torch.optim.SGD's constructor does: <see cref="ArgumentOutOfRangeException"/> for
    /// a negative (or NaN) lr, momentum or weight decay; <see cref="ArgumentException"/> for
    /// Nesterov without momentum or with dampening.
    /// </summary>
    /// <param name="paramName">The argument name to report.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(string paramName)
    {
        UpdateChecks.RequireNonNegative(Lr, paramName, nameof(Lr));
        UpdateChecks.RequireNonNegative(Momentum, paramName, nameof(Momentum));
        UpdateChecks.RequireNonNegative(WeightDecay, paramName, nameof(WeightDecay));
        if (double.IsNaN(Dampening))
            ThrowHelper.ThrowArgument($"{paramName}.{nameof(Dampening)} is NaN.", paramName);
        if (Nesterov && (Momentum <= 0 || Dampening != 0))
            ThrowHelper.ThrowArgument($"Nesterov momentum requires a momentum > 0 and zero dampening (got momentum {Momentum}, dampening {Dampening}).", paramName);
    }
}

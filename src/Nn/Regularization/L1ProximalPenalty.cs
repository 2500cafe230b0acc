namespace FastReg.Nn;

/// <summary>
/// Lasso, proximal (the default): the same term and subgradient as <see cref="L1SubgradientPenalty{T}"/>
/// for the objective and exact gradients, but a training step leaves it out of the gradient and
/// soft-thresholds after the update, w := sign(w)·max(|w| − η·λ/m, 0), which reaches exact zeros.
/// </summary>
internal sealed class L1ProximalPenalty<T>(double lambda) : L1SubgradientPenalty<T>(lambda) where T : unmanaged, IFloatingPointIeee754<T>
{
    public override bool IsProximal => true;

    // The threshold is the optimizer's own step times λ/m (per coordinate for Adam: proximal Adam).
    public override void Project(in RegularizerStep<T> step) => step.SoftThreshold(Lambda * step.InvM);
}

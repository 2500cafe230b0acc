namespace FastReg.Nn;

/// <summary>
/// One regularizer at run time: a term of the objective with its gradient, a restriction of the
/// gradient before the optimizer's update, and/or a projection of the parameters after it.
/// <see cref="Penalty"/> is the public builder that makes them (<see cref="Penalty.Components{T}"/>);
/// the model calls each one once per tensor per step, never per element, in the order Penalty lists
/// them. All values are spans into the model's arena; nothing may be allocated per call.
/// <list type="bullet">
/// <item><see cref="Objective"/> and <see cref="AddGradient"/>: the term (already scaled by invM = 1/m,
/// m the batch or <see cref="Sequential{T}.PenaltyExamples"/>) and its (sub)gradient, added (+=) into g.</item>
/// <item><see cref="IsProximal"/>: a training step applies the term by <see cref="Project"/> after the
/// update instead of by its gradient; the exact gradients (<see cref="Sequential{T}.ComputeGradients(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/>,
/// the gradient checker) still add <see cref="AddGradient"/>.</item>
/// <item><see cref="RestrictGradient"/> runs after clipping, before the update; <see cref="Project"/> after it.</item>
/// </list>
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class Regularizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The term's value at <paramref name="w"/>, scaled by <paramref name="invM"/>; 0 (the default) for a constraint.</summary>
    public virtual T Objective(ReadOnlySpan<T> w, T invM) => T.Zero;

    /// <summary>Adds the term's gradient (a subgradient at kinks) at <paramref name="w"/> into <paramref name="g"/>; nothing by default.</summary>
    public virtual void AddGradient(ReadOnlySpan<T> w, Span<T> g, T invM) { }

    /// <summary>Whether a training step applies the term in <see cref="Project"/> rather than by <see cref="AddGradient"/> (proximal L1).</summary>
    public virtual bool IsProximal => false;

    /// <summary>Before the optimizer's update: restricts the tensor's gradient (<see cref="RegularizerStep{T}.Gradient"/>); nothing by default.</summary>
    public virtual void RestrictGradient(in RegularizerStep<T> step) { }

    /// <summary>After the optimizer's update: projects the tensor's values (<see cref="RegularizerStep{T}.Parameter"/>); nothing by default.</summary>
    public virtual void Project(in RegularizerStep<T> step) { }

    /// <summary>
    /// For gradient checks, as <see cref="Layer{T}.KinkSignature"/>: mixes into <paramref name="signature"/>
    /// which side of each of the term's kinks <paramref name="w"/> sits (L1: the sign of every weight);
    /// returns it unchanged (smooth) by default.
    /// </summary>
    public virtual ulong KinkSignature(ReadOnlySpan<T> w, ulong signature) => signature;
}

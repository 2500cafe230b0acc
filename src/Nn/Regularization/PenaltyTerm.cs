namespace FastReg.Nn;

/// <summary>
/// A regularizer a <see cref="Penalty"/> carries beyond its named settings (L2, L1, max-norm, top-k):
/// a library one such as <see cref="GroupLassoTerm"/>, or a user's own. It is data, a record (two equal
/// terms make the same regularizer), and the builder of its run-time form: <see cref="Create{T}"/> is
/// called once per parameter tensor when a model's penalty is set, never per step.
/// A penalty holds at most one term of each type (<see cref="Penalty.With"/> replaces one of the same type).
/// </summary>
public abstract record PenaltyTerm
{
    /// <summary>
    /// The run-time regularizer on <paramref name="tensor"/>, or null to leave the tensor alone (a term
    /// on weight rows skips vectors). The tensor is one the penalty reaches: penalized, and a bias only
    /// with <see cref="Penalty.IncludeBiases"/>.
    /// </summary>
    public abstract Regularizer<T>? Create<T>(ParameterTensor tensor) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>How <see cref="Penalty.ToString"/> shows it, e.g. "group lasso 0.01".</summary>
    public abstract string Describe();

    /// <summary>Whether the term is active; a term of strength 0 is not, and <see cref="Penalty.With"/> drops it.</summary>
    public virtual bool IsActive => true;

    /// <summary>Throws an ArgumentException naming the bad setting; nothing by default.</summary>
    public virtual void Validate() { }
}

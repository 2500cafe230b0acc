namespace FastReg.Nn;

/// <summary>
/// Makes a loss's run-time form in either precision: each loss's file has one, and its
/// <see cref="LossEntry"/> in <see cref="LossCatalog"/> holds it, so adding a loss is its file plus
/// one catalog entry. Called once per model (the generic virtual call is not on a hot path).
/// </summary>
internal abstract class LossFactory
{
    /// <summary>The loss over T.</summary>
    public abstract DataLoss<T> Create<T>() where T : unmanaged, IFloatingPointIeee754<T>;
}

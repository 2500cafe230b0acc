namespace FastReg.Nn;

/// <summary>
/// An optimizer's hyperparameters (PyTorch's names and defaults). Its state (momentum buffers,
/// moments, step count) lives in the model it is attached to, in the model's arena, so one instance
/// can serve several models. Each update is one fused pass per parameter tensor.
/// </summary>
public abstract class Optimizer
{
    private protected Optimizer(double lr)
    {
        Lr = RequireNonNegative(lr, nameof(lr));
    }

    /// <summary>Learning rate η, finite and ≥ 0 (may be changed between steps, e.g. by a schedule).</summary>
    /// <remarks>
    /// A trainer sets it every epoch from its schedule, so models trained in parallel need an optimizer
    /// each; one instance serves several models only when they train one after another.
    /// </remarks>
    public double Lr
    {
        get;
        set => field = RequireNonNegative(value, nameof(Lr));
    }

    /// <summary>How many arena slots (each the size of all parameters) the state needs.</summary>
    internal abstract int StateSlots { get; }

    /// <summary>Updates every tensor from its gradient; <paramref name="step"/> counts updates from 1.</summary>
    internal abstract void Step<T>(ParameterArena<T> arena, ParameterTensor[] tensors, long step) where T : unmanaged, IFloatingPointIeee754<T>;

    private protected static double RequireNonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be a finite non-negative number.");
}

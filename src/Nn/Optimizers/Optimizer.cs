namespace FastReg.Nn;

/// <summary>
/// An optimizer's hyperparameters (PyTorch's names and defaults). Its state (momentum buffers,
/// moments, step count) lives in the model it is attached to, in the model's arena, not in the
/// optimizer. Even so, give each model its own instance: a trainer sets <see cref="Lr"/> from its
/// schedule, and <c>LambdaSearch</c> refuses models that share one (their trainings run in parallel).
/// Each update is one fused pass per parameter tensor.
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

    /// <summary>
    /// Whether biases receive the optimizer's weight decay. True (the default) is PyTorch's: every
    /// parameter in a group with weight_decay decays. False is the AdamW recipe and Keras's
    /// exclude_from_weight_decay: biases form a second group with weight decay 0.
    /// </summary>
    public bool DecayBiases { get; init; } = true;

    /// <summary>
    /// Whether hard-concrete gate parameters (log α) receive the weight decay. True (the default) is
    /// PyTorch's; decay pulls log α towards 0, i.e. every gate towards half open, against the L0 penalty.
    /// </summary>
    public bool DecayGates { get; init; } = true;

    /// <summary>The weight decay that applies to <paramref name="t"/>: <paramref name="weightDecay"/> or 0 for an excluded group.</summary>
    private protected double DecayOf(ParameterTensor t, double weightDecay) => t.Kind switch
    {
        _ when !t.WeightDecay => 0, // declared without weight decay by its layer
        ParameterKind.Bias => DecayBiases ? weightDecay : 0,
        ParameterKind.GateLogAlpha => DecayGates ? weightDecay : 0,
        ParameterKind.Weight => weightDecay,
        _ => throw new InvalidOperationException($"Parameter {t.Name}: unknown kind {t.Kind}."), // refused by LayerBuilder.AddParameter
    };

    /// <summary>The learning rate of <paramref name="t"/>'s group: <see cref="Lr"/> times the tensor's own scale (gates move faster, see <see cref="HardConcreteGate.LearningRateScale"/>).</summary>
    internal double LrOf(ParameterTensor t) => Lr * t.LearningRateScale;

    /// <summary>
    /// Proximal L1 after this optimizer's step: w := sign(w)·max(|w| − τ, 0) with τ = (step size)·λ/m.
    /// For plain and momentum SGD the step size is the learning rate; adaptive optimizers override it
    /// with the step each coordinate actually took.
    /// </summary>
    internal virtual void ProximalL1<T>(ParameterArena<T> arena, ParameterTensor t, double lambdaOverM, long step) where T : unmanaged, IFloatingPointIeee754<T>
        => NnKernels.ProximalL1(arena.Parameter(t), T.CreateTruncating(LrOf(t) * lambdaOverM));

    /// <summary>How many arena slots (each the size of all parameters) the state needs.</summary>
    internal abstract int StateSlots { get; }

    /// <summary>Updates every tensor from its gradient; <paramref name="step"/> counts updates from 1.</summary>
    internal abstract void Step<T>(ParameterArena<T> arena, ParameterTensor[] tensors, long step) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The optimizer as PyTorch prints its hyperparameters: "Adam(lr=0.001, betas=(0.9, 0.999), …)".</summary>
    public override string ToString()
    {
        string groups = (DecayBiases ? "" : ", decay_biases=False") + (DecayGates ? "" : ", decay_gates=False");
        return $"{GetType().Name}({Hyperparameters()}{groups})";
    }

    /// <summary>The hyperparameters inside <see cref="ToString"/>'s parentheses, learning rate first.</summary>
    private protected abstract string Hyperparameters();

    /// <summary>A number as PyTorch's repr shows it, culture-invariant.</summary>
    private protected static string Number(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture).Replace('E', 'e');

    private protected static string Flag(bool value) => value ? "True" : "False";

    private protected static double RequireNonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be a finite non-negative number.");
}

namespace FastReg.Nn;

/// <summary>
/// A layer at run time, built-in or a user's: forward and backward over row-major spans.
/// Shapes: x [batch, InputSize], y [batch, OutputSize], dy like y, dx like x; batch ≤ the model's
/// MaxBatch. The model calls each method once per layer per batch, so the virtual call is per batch,
/// never per element. Parameters are declared when the layer is built (<see cref="LayerBuilder{T}.AddParameter"/>)
/// and live in the model's arena: read them with <see cref="Parameter"/>, accumulate their gradients
/// into <see cref="Gradient"/>. The contracts (docs/extending.md):
/// <list type="bullet">
/// <item><see cref="Forward"/> writes all of y[..batch·OutputSize]; in inference mode
/// (<see cref="PassMode.Training"/> false) it reads only x and the parameters and writes only y —
/// no field, no buffer — because inference sessions on several threads run the same layer at once.</item>
/// <item><see cref="Backward"/> is called after a training-mode Forward of the same x; it adds (+=)
/// into every parameter gradient (the model zeroes them once per step) and, when needDx, overwrites dx.</item>
/// <item>x, y, dy and dx never overlap; nothing may be allocated per call.</item>
/// </list>
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParameterArena<T> _arena;

    /// <summary>Takes the layer's place (index, input width, arena) from the builder.</summary>
    /// <param name="build">The builder <see cref="LayerSpec.Build{T}"/> received.</param>
    /// <param name="outputSize">The layer's output width (≥ 1).</param>
    protected Layer(LayerBuilder<T> build, int outputSize)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        _arena = build.Arena;
        Index = build.Index;
        InputSize = build.InputSize;
        OutputSize = outputSize;
    }

    /// <summary>Position in the sequence (the "2" of "2.weight"); keys the layer's noise streams.</summary>
    public int Index { get; }

    /// <summary>Features per example going in.</summary>
    public int InputSize { get; }

    /// <summary>Features per example coming out.</summary>
    public int OutputSize { get; }

    /// <summary>y = f(x) for the first <paramref name="batch"/> rows.</summary>
    public abstract void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode);

    /// <summary>Given x, y = f(x) and dy, adds the parameter gradients and, if <paramref name="needDx"/>, writes dx.</summary>
    public abstract void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx);

    /// <summary>
    /// A penalty the layer adds to the objective itself (the gates' expected L0), already scaled by
    /// <paramref name="invM"/> = 1/m; adds its gradient when <paramref name="addGradient"/>. 0 by default.
    /// </summary>
    public virtual T OwnPenalty(T invM, bool addGradient) => T.Zero;

    /// <summary>
    /// For an elementwise layer (<see cref="LayerSpec.IsElementwise"/>): whether output unit
    /// <paramref name="unit"/> is exactly 0 at inference whatever the input (a closed L0 gate), so
    /// <see cref="Sequential{T}.PruneClosedGates"/> may remove it. False by default.
    /// </summary>
    public virtual bool IsUnitClosed(int unit) => false;

    /// <summary>
    /// For gradient checks: a hash of which side of each of its kinks the last Forward sat (ReLU: the sign
    /// of every input; a clamp: which entries were clamped). A check whose perturbation changes any
    /// layer's signature crossed a kink and differences only the side that did not. 0 (smooth) by default.
    /// </summary>
    public virtual ulong KinkSignature(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int batch) => 0;

    /// <summary>"2: DenseLayer 8 → 3": the layer's index, run-time type and widths.</summary>
    public override string ToString()
    {
        string type = GetType().Name;
        int arity = type.IndexOf('`', StringComparison.Ordinal); // DenseLayer`1 → DenseLayer
        return $"{Index}: {(arity > 0 ? type[..arity] : type)} {InputSize} → {OutputSize}";
    }

    /// <summary>The values of one of this layer's parameters (a view into the model's arena).</summary>
    protected Span<T> Parameter(ParameterTensor tensor) => _arena.Parameter(tensor);

    /// <summary>The gradient of one of this layer's parameters (a view into the model's arena).</summary>
    protected Span<T> Gradient(ParameterTensor tensor) => _arena.Gradient(tensor);

    /// <summary>Mixes one more bit-pattern word into a <see cref="KinkSignature"/> hash.</summary>
    protected static ulong MixSignature(ulong hash, ulong word) => CounterRandom.Mix(hash ^ (word + 0x9E3779B97F4A7C15UL + (hash << 6)));

    /// <summary>
    /// A <see cref="KinkSignature"/> for a kink at 0 of every element: the hash of which of
    /// <paramref name="x"/> are positive (ReLU, |x|, softsign all use it).
    /// </summary>
    protected internal static ulong SignSignature(ReadOnlySpan<T> x)
    {
        ulong hash = 0, word = 0;
        for (int e = 0; e < x.Length; e++)
        {
            word = word << 1 | (x[e] > T.Zero ? 1UL : 0UL);
            if ((e & 63) == 63) { hash = MixSignature(hash, word); word = 0; }
        }
        return MixSignature(hash, word);
    }
}

namespace FastReg.Nn;

/// <summary>
/// What a <see cref="Regularizer{T}"/> is given around one optimizer update of one tensor: the tensor,
/// views of its values and gradient in the model's arena, the penalty's 1/m, a workspace, and the
/// optimizer's own proximal step (<see cref="SoftThreshold"/>).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public readonly ref struct RegularizerStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParameterArena<T> _arena;
    private readonly Optimizer _optimizer;
    private readonly long _update;
    private readonly T[] _scratch;

    internal RegularizerStep(ParameterArena<T> arena, ParameterTensor tensor, Optimizer optimizer, long update, double invM, T[] scratch)
    {
        _arena = arena;
        Tensor = tensor;
        _optimizer = optimizer;
        _update = update;
        InvM = invM;
        _scratch = scratch;
    }

    /// <summary>The tensor (its kind and [Rows, Cols] shape).</summary>
    public ParameterTensor Tensor { get; }

    /// <summary>1/m of the penalties' λ/m scaling, in double as the thresholds are formed.</summary>
    public double InvM { get; }

    /// <summary>The tensor's values.</summary>
    public Span<T> Parameter => _arena.Parameter(Tensor);

    /// <summary>The tensor's gradient.</summary>
    public Span<T> Gradient => _arena.Gradient(Tensor);

    /// <summary>A workspace of the tensor's length, free for the call to overwrite.</summary>
    public Span<T> Scratch => _scratch.AsSpan(0, Tensor.Length);

    /// <summary>
    /// Proximal L1 with the optimizer's own step: w := sign(w)·max(|w| − τ, 0), τ = (step size)·<paramref name="lambdaOverM"/>;
    /// the learning rate for SGD, the step each coordinate took for Adam (proximal Adam). Call it from <see cref="Regularizer{T}.Project"/>.
    /// </summary>
    public void SoftThreshold(double lambdaOverM) => _optimizer.ProximalL1(_arena, Tensor, lambdaOverM, _update);
}

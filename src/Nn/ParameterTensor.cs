namespace FastReg.Nn;

/// <summary>What a parameter tensor is, which decides how penalties treat it.</summary>
public enum ParameterKind
{
    /// <summary>A weight matrix [out, in] (penalised by default).</summary>
    Weight,

    /// <summary>A bias vector [out] (penalised only with <see cref="Penalty.IncludeBiases"/>).</summary>
    Bias,

    /// <summary>Hard-concrete gate log α per unit (carries the expected-L0 penalty, never the weight penalties).</summary>
    GateLogAlpha,
}

/// <summary>
/// One parameter tensor of a model: a row-major [Rows, Cols] slice of the model's arena, named as
/// PyTorch's state_dict names the module (<c>"0.weight"</c>, <c>"0.bias"</c> by index in the sequence).
/// </summary>
public sealed class ParameterTensor
{
    internal ParameterTensor(string name, ParameterKind kind, int layerIndex, int offset, int rows, int cols, Penalty? layerPenalty,
        bool penalized = true, bool weightDecay = true, double learningRateScale = 1)
    {
        Penalized = penalized;
        WeightDecay = weightDecay;
        LearningRateScale = learningRateScale;
        Name = name;
        Kind = kind;
        LayerIndex = layerIndex;
        Offset = offset;
        Rows = rows;
        Cols = cols;
        LayerPenalty = layerPenalty;
    }

    /// <summary>The state_dict-style name, e.g. <c>"2.weight"</c>.</summary>
    public string Name { get; }

    /// <summary>Weight, bias or gate.</summary>
    public ParameterKind Kind { get; }

    /// <summary>Index of the owning layer in the sequence.</summary>
    public int LayerIndex { get; }

    /// <summary>Offset of the tensor in the parameter (and gradient, and each optimizer-state) region of the arena.</summary>
    public int Offset { get; }

    /// <summary>Rows (output units for a weight).</summary>
    public int Rows { get; }

    /// <summary>Columns (input features for a weight; 1 for vectors).</summary>
    public int Cols { get; }

    /// <summary>Rows × Cols.</summary>
    public int Length => Rows * Cols;

    /// <summary>
    /// Whether the penalties (L2, L1, max-norm, top-k; biases only with <see cref="Penalty.IncludeBiases"/>)
    /// apply to it. False for the gates' log α, which carry their own penalty.
    /// </summary>
    public bool Penalized { get; }

    /// <summary>Whether the optimizer's weight decay applies to it (true for every built-in tensor, as in PyTorch).</summary>
    public bool WeightDecay { get; }

    /// <summary>Its learning rate as a multiple of the optimizer's (a parameter group's lr in PyTorch terms); 1 except for gates.</summary>
    public double LearningRateScale { get; }

    /// <summary>The penalty its layer sets, or null to use the model's.</summary>
    internal Penalty? LayerPenalty { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{Rows}, {Cols}]";
}

/// <summary>
/// One flat buffer per model: parameters [0, P), gradients [P, 2P), then one region of P per
/// optimizer-state slot (momentum, first and second moments, AMSGrad maxima). Tensors address it by
/// offset, so growing the state region when an optimizer attaches leaves them valid.
/// </summary>
internal sealed class ParameterArena<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _data = [];

    /// <summary>The number of parameters; set once by <see cref="Allocate"/>, after every layer has declared its tensors.</summary>
    public int ParameterCount { get; private set; }

    /// <summary>Allocates parameters and gradients (zeroed) for <paramref name="parameterCount"/> numbers.</summary>
    public void Allocate(int parameterCount)
    {
        ParameterCount = parameterCount;
        _data = new T[2 * parameterCount];
    }

    public int StateSlots { get; private set; }

    public Span<T> Parameters => _data.AsSpan(0, ParameterCount);

    public Span<T> Gradients => _data.AsSpan(ParameterCount, ParameterCount);

    public Span<T> Parameter(ParameterTensor t) => _data.AsSpan(t.Offset, t.Length);

    public Span<T> Gradient(ParameterTensor t) => _data.AsSpan(ParameterCount + t.Offset, t.Length);

    public Span<T> State(int slot, ParameterTensor t) => _data.AsSpan((2 + slot) * ParameterCount + t.Offset, t.Length);

    /// <summary>Sizes the optimizer-state region to <paramref name="slots"/> zeroed slots (one allocation, at attach time).</summary>
    public void ResetState(int slots)
    {
        if (slots != StateSlots)
        {
            if ((2L + slots) * ParameterCount > Array.MaxLength)
                throw new ArgumentException($"An optimizer with {slots} state slots per parameter needs {(2L + slots) * ParameterCount:N0} numbers in the model's arena; one array holds at most {Array.MaxLength:N0}. Use a smaller network or a stateless optimizer (SGD without momentum).");
            var grown = new T[(2 + slots) * ParameterCount];
            _data.AsSpan(0, 2 * ParameterCount).CopyTo(grown);
            _data = grown;
            StateSlots = slots;
        }
        else _data.AsSpan(2 * ParameterCount).Clear();
    }
}

namespace FastReg.Nn;

/// <summary>
/// What a layer is given when its model builds it: its place in the sequence, its input width, the
/// largest batch (to size workspaces once) and <see cref="AddParameter"/>, which lays out a parameter
/// tensor in the model's arena. The arena is allocated after every layer has declared its tensors,
/// then each tensor is filled by its <see cref="ParameterInit"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LayerBuilder<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<(ParameterTensor Tensor, ParameterInit Init, int Stream)> _declared;
    private int _streams;

    internal LayerBuilder(ParameterArena<T> arena, List<(ParameterTensor, ParameterInit, int)> declared, long offset,
        int index, int inputSize, int maxBatch, LayerSpec? next)
    {
        Arena = arena;
        _declared = declared;
        Offset = offset;
        Index = index;
        InputSize = inputSize;
        MaxBatch = maxBatch;
        Next = next;
    }

    internal ParameterArena<T> Arena { get; }

    /// <summary>The arena offset of the next tensor (a long: a too-wide network is refused with a message, not an overflow).</summary>
    internal long Offset { get; private set; }

    /// <summary>The layer's position in the sequence.</summary>
    public int Index { get; }

    /// <summary>Features per example going into the layer.</summary>
    public int InputSize { get; }

    /// <summary>The largest batch any call will pass: size per-row workspaces for it here, never later.</summary>
    public int MaxBatch { get; }

    /// <summary>The layer after this one, or null for the last (Dense picks He initialisation before a ReLU).</summary>
    public LayerSpec? Next { get; }

    /// <summary>
    /// Declares a row-major [rows, cols] parameter tensor named "{Index}.{name}" (torch's state_dict key).
    /// </summary>
    /// <param name="name">The key's suffix: "weight", "bias", "log_alpha"; letters, digits and '_'.</param>
    /// <param name="rows">Rows (output units of a weight).</param>
    /// <param name="cols">Columns (1 for a vector).</param>
    /// <param name="kind">Weight [out, in] (max-norm acts on its rows; files store it 2-D), bias or other vector.</param>
    /// <param name="init">How it is filled.</param>
    /// <param name="penalty">The layer's own penalty; null uses the model's.</param>
    /// <param name="penalized">Whether the penalties apply (biases: only with IncludeBiases).</param>
    /// <param name="weightDecay">Whether the optimizer's weight decay applies.</param>
    /// <param name="learningRateScale">Its learning rate as a multiple of the optimizer's (a PyTorch parameter group's lr); positive and finite.</param>
    public ParameterTensor AddParameter(string name, int rows, int cols, ParameterKind kind, ParameterInit init,
        Penalty? penalty = null, bool penalized = true, bool weightDecay = true, double learningRateScale = 1)
    {
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Layer {Index}: parameter '{name}' has no defined ParameterKind (Weight, Bias or GateLogAlpha).");
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(init);
        foreach (char c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw new ArgumentException($"Layer {Index}: parameter name '{name}' may hold only letters, digits and '_'.", nameof(name));
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown parameter kind.");
        if (rows < 1 || cols < 1) throw new ArgumentOutOfRangeException(nameof(rows), $"Layer {Index}: parameter '{name}' is [{rows}, {cols}]; both sizes must be at least 1.");
        penalty?.Validate(nameof(penalty));
        if (!(learningRateScale > 0 && double.IsFinite(learningRateScale)))
            throw new ArgumentOutOfRangeException(nameof(learningRateScale), learningRateScale, $"Layer {Index}: parameter '{name}' needs a positive, finite learning-rate scale.");
        string full = $"{Index}.{name}";
        foreach (var (t, _, _) in _declared)
            if (t.Name == full) throw new ArgumentException($"Layer {Index} declares parameter '{name}' twice.", nameof(name));
        long length = (long)rows * cols;
        if (2 * (Offset + length) > Array.MaxLength)
            throw new ArgumentException($"The layers hold at least {Offset + length:N0} parameters; one model's arena holds at most {Array.MaxLength / 2:N0} (parameters and gradients in one array).", nameof(rows));
        var tensor = new ParameterTensor(full, kind, Index, (int)Offset, rows, cols, penalty, penalized, weightDecay, learningRateScale);
        _declared.Add((tensor, init, _streams++));
        Offset += length;
        return tensor;
    }
}

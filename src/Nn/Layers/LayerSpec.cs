namespace FastReg.Nn;

/// <summary>
/// The description of one layer of a <see cref="Sequential{T}"/>: its kind and settings, not its
/// numbers. The model turns each description into a layer over its own arena and workspaces.
/// </summary>
public abstract record LayerSpec
{
    private protected LayerSpec() { }

    /// <summary>Output width for a given input width.</summary>
    public abstract int OutputSize(int inputSize);

    /// <summary>How many parameters the layer owns for a given input width.</summary>
    internal virtual long ParameterCount(int inputSize) => 0;

    /// <summary>Creates the layer; its parameter tensors are laid out from the build's offset on.</summary>
    internal abstract Layer<T> Build<T>(LayerBuild<T> build) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>Everything a layer needs when it is created.</summary>
internal sealed class LayerBuild<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public required ParameterArena<T> Arena { get; init; }
    public required List<ParameterTensor> Tensors { get; init; }
    public required int Index { get; init; }
    public required int InputSize { get; init; }
    public required int MaxBatch { get; init; }
    public required ulong Seed { get; init; }
    public required LayerSpec? Next { get; init; }
    public int Offset { get; set; }

    /// <summary>Registers a [rows, cols] tensor at the next free offset.</summary>
    public ParameterTensor Add(string suffix, ParameterKind kind, int rows, int cols, Penalty? penalty, double learningRateScale = 1)
    {
        var t = new ParameterTensor($"{Index}.{suffix}", kind, Index, Offset, rows, cols, penalty, learningRateScale);
        Offset += rows * cols;
        Tensors.Add(t);
        return t;
    }

    /// <summary>An initialisation stream for this layer, independent of every other layer's.</summary>
    public SplitMix64 InitRandom(int stream) => new(CounterRandom.StreamKey(Seed, -1 - stream, Index));
}

/// <summary>Whether a forward pass trains (dropout on, gates sampled) and which step keys the noise.</summary>
internal readonly record struct PassMode(bool Training, ulong Seed, long Step);

/// <summary>
/// A layer at run time. Shapes: x [batch, InputSize], y [batch, OutputSize], row-major.
/// Backward accumulates (+=) into parameter gradients and overwrites dx.
/// </summary>
internal abstract class Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected Layer(LayerBuild<T> build, int outputSize)
    {
        Index = build.Index;
        InputSize = build.InputSize;
        OutputSize = outputSize;
    }

    public int Index { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    /// <summary>
    /// y = f(x) for the first <paramref name="batch"/> rows. In inference mode a layer reads only x and
    /// the parameters and writes only y (no layer field or buffer): inference sessions on several
    /// threads run the same layer at once. x and y never overlap.
    /// </summary>
    public abstract void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode);

    /// <summary>Given x, y = f(x) and dy, adds parameter gradients and, if asked, writes dx.</summary>
    public abstract void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx);

    /// <summary>Value of the layer's own penalty (the gates' expected L0), scaled by 1/m; adds its gradient if asked.</summary>
    public virtual T OwnPenalty(T invM, bool addGradient) => T.Zero;
}

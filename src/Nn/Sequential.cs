using System.Runtime.CompilerServices;

namespace FastReg.Nn;

/// <summary>
/// A sequential network with its loss, penalties and optimizer state, over T = float or double.
/// Parameters, gradients and optimizer state live in one arena; per-layer activations and the
/// backward ping-pong buffers are sized once for <see cref="MaxBatch"/> rows. After the first call,
/// <see cref="TrainStep(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/> and <see cref="Predict(ReadOnlySpan{T}, Span{T}, int)"/> allocate nothing.
/// Data are row-major: x [batch, InputSize], targets [batch, OutputSize] or labels [batch].
/// <para>
/// Thread safety: a model has a single owner. Training, gradients, objectives and
/// <see cref="Predict(ReadOnlySpan{T}, Span{T}, int)"/> share the model's workspaces, so one thread at a time may call them;
/// overlapping calls from two threads throw <see cref="InvalidOperationException"/> rather than
/// corrupt the workspaces. For inference from many threads, give each thread its own
/// <see cref="InferenceSession{T}"/> (<see cref="CreateInferenceSession"/>): sessions own their
/// activation buffers and only read the model's parameters, so any number may run at once, as long
/// as nothing changes the parameters meanwhile (no training step, optimizer update or write through
/// <see cref="GetParameter(ParameterTensor)"/> / <see cref="AllParameters"/> while a session predicts).
/// </para>
/// </summary>
/// <remarks>
/// This file holds the arena, forward/backward and the training step; the rest of the class is one
/// concept per file: SequentialSettings.cs (the step's settings), SequentialInference.cs,
/// SequentialObjective.cs, SequentialOwnership.cs (the single-owner guard), SequentialArgumentChecks.cs,
/// SequentialDescription.cs, SequentialConversion.cs and SequentialPruning.cs.
/// </remarks>
/// <typeparam name="T">float (to train) or double (to check gradients).</typeparam>
public sealed partial class Sequential<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Layer<T>[] _layers;
    private readonly ParameterTensor[] _tensors;
    private readonly ParameterArena<T> _arena;
    private readonly T[][] _activations;  // [layer][maxBatch·out]
    private readonly T[] _backA, _backB;  // ping-pong gradients [maxBatch·maxWidth]
    private readonly T[] _inputGradient;  // [maxBatch·InputSize]
    private readonly T[] _regularizerScratch; // [largest tensor]
    private readonly DataLoss<T> _loss;
    private Optimizer? _optimizer;
    private long _updates;
    private Penalty _penalty = Penalty.None;
    private RegularizerSet<T> _regularizers;
    private readonly int[] _mixLabels;   // [maxBatch] second labels of a mixup step
    private double _mix = double.NaN;    // the mixup weight during a mixup step, NaN otherwise

    /// <summary>Builds the network; parameters are drawn from <paramref name="seed"/>.</summary>
    /// <param name="inputSize">Features per example.</param>
    /// <param name="maxBatch">The largest batch any call will pass; workspaces are sized for it.</param>
    /// <param name="loss">The data loss.</param>
    /// <param name="layers">The layers, first to last.</param>
    /// <param name="seed">Seeds the initialisation and (with the step) dropout masks and gate noise.</param>
    public Sequential(int inputSize, int maxBatch, LossKind loss, IReadOnlyList<LayerSpec> layers, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("A model needs at least one layer.", nameof(layers));
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss.");
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"Sequential supports float and double, not {typeof(T).Name}.");

        InputSize = inputSize;
        MaxBatch = maxBatch;
        Loss = loss;
        _loss = DataLoss<T>.For(loss);
        Seed = seed;
        Layers = layers.ToArray();
        // Workspaces hold maxBatch rows of every layer's width: refuse sizes that cannot be allocated up front.
        const string tooLarge = "maxBatch × layer width exceeds the largest array .NET can allocate; build with a smaller maxBatch.";

        int width = inputSize, maxWidth = inputSize;
        for (int i = 0; i < layers.Count; i++)
        {
            LayerSpec spec = layers[i] ?? throw new ArgumentException($"Layer {i} is null.", nameof(layers));
            int next = spec.OutputSize(width);
            if (next < 1) throw new ArgumentOutOfRangeException(nameof(layers), next, $"Layer {i} ({spec.GetType().Name}) needs at least one unit.");
            width = next;
            maxWidth = Math.Max(maxWidth, width);
        }
        if ((long)maxBatch * maxWidth > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, tooLarge);
        OutputSize = width;

        // Every layer declares its tensors first; then the arena (one array: parameters, gradients,
        // then the optimizer's state slots) is allocated and each tensor filled from its own stream.
        _arena = new ParameterArena<T>();
        var declared = new List<(ParameterTensor Tensor, ParameterInit Init, int Stream)>();
        _layers = new Layer<T>[layers.Count];
        _activations = new T[layers.Count][];
        width = inputSize;
        long offset = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            var build = new LayerBuilder<T>(_arena, declared, offset, i, width, maxBatch, i + 1 < layers.Count ? layers[i + 1] : null);
            Layer<T> layer = layers[i].Build(build)
                ?? throw new InvalidOperationException($"Layer {i} ({layers[i].GetType().Name}): Build returned null.");
            if (layer.Index != i || layer.InputSize != width || layer.OutputSize != layers[i].OutputSize(width))
                throw new InvalidOperationException(
                    $"Layer {i} ({layers[i].GetType().Name}) built a layer of index {layer.Index}, {layer.InputSize} → {layer.OutputSize}; its spec says {i}, {width} → {layers[i].OutputSize(width)}.");
            _layers[i] = layer;
            offset = build.Offset;
            width = layer.OutputSize;
            _activations[i] = new T[maxBatch * width];
        }
        _arena.Allocate((int)offset);
        var tensors = new List<ParameterTensor>(declared.Count);
        foreach (var (tensor, init, stream) in declared)
        {
            init.Fill(_arena.Parameter(tensor), CounterRandom.StreamKey(seed, -1 - stream, tensor.LayerIndex));
            tensors.Add(tensor);
        }
        _tensors = [.. tensors];
        Parameters = _tensors;
        _backA = new T[maxBatch * maxWidth];
        _backB = new T[maxBatch * maxWidth];
        _inputGradient = new T[maxBatch * inputSize];
        int largest = 0;
        foreach (ParameterTensor t in _tensors) largest = Math.Max(largest, t.Length);
        _regularizerScratch = new T[largest];
        _regularizers = new RegularizerSet<T>(_tensors, _penalty, _regularizerScratch);
        _mixLabels = new int[maxBatch];
    }

    /// <summary>Features per example.</summary>
    public int InputSize { get; }

    /// <summary>Outputs per example (logits for the cross-entropy losses).</summary>
    public int OutputSize { get; }

    /// <summary>The largest batch the workspaces hold.</summary>
    public int MaxBatch { get; }

    /// <summary>The data loss.</summary>
    public LossKind Loss { get; }

    /// <summary>The loss at run time (value and gradient, label or target form, probabilities and classes).</summary>
    internal DataLoss<T> DataLoss => _loss;

    /// <summary>The seed of initialisation, dropout masks and gate noise.</summary>
    public ulong Seed { get; }

    /// <summary>The training step (≥ 0): keys dropout masks and gate noise; <see cref="TrainStep(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/> advances it.</summary>
    /// <remarks>Negative steps are refused: they key the parameter initialisation streams.</remarks>
    public long Step
    {
        get;
        set => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Step must not be negative (negative steps key the initialisation streams).");
    }

    /// <summary>The layer descriptions.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>Every parameter tensor, in arena order.</summary>
    public IReadOnlyList<ParameterTensor> Parameters { get; }

    /// <summary>Total number of parameters.</summary>
    public int ParameterCount => _arena.ParameterCount;

    /// <summary>The global gradient norm of the last training step, before clipping (NaN unless <see cref="ClipGradNorm"/> is set).</summary>
    public double LastGradientNorm { get; private set; } = double.NaN;

    /// <summary>Data loss J of the last training step or gradient computation.</summary>
    public T LastDataLoss { get; private set; }

    /// <summary>Sum of the penalty terms of the last training step or gradient computation.</summary>
    public T LastPenalty { get; private set; }

    /// <summary>d objective / d x of the last <see cref="ComputeGradients(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/>, [batch, InputSize].</summary>
    public ReadOnlySpan<T> InputGradient => _inputGradient;

    /// <summary>The values of a parameter tensor (a view into the arena).</summary>
    public Span<T> GetParameter(ParameterTensor tensor) => _arena.Parameter(Own(tensor));

    /// <summary>The gradient of a parameter tensor (a view into the arena).</summary>
    public Span<T> GetGradient(ParameterTensor tensor) => _arena.Gradient(Own(tensor));

    /// <summary>The values of the tensor named like PyTorch's state_dict key, e.g. "0.weight".</summary>
    public Span<T> GetParameter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (ParameterTensor t in _tensors)
            if (t.Name == name) return _arena.Parameter(t);
        throw new ArgumentException(
            $"The model has no parameter named '{name}'; its parameters are {string.Join(", ", _tensors.Select(t => t.Name))}.", nameof(name));
    }

    /// <summary>How many entries of a tensor are not exactly zero (the sparsity that proximal L1 and pruning produce).</summary>
    public int CountNonZero(ParameterTensor tensor) => NnKernels.CountNonZero<T>(_arena.Parameter(Own(tensor)));

    /// <summary>Every parameter, in arena order.</summary>
    public Span<T> AllParameters => _arena.Parameters;

    /// <summary>Every gradient, in arena order.</summary>
    public Span<T> AllGradients => _arena.Gradients;

    /// <summary>Zeroes every gradient (one pass over the arena).</summary>
    public void ZeroGradients() => _arena.Gradients.Clear();

    /// <summary>
    /// One training step on real-valued targets (MSE, BCE): forward, loss, backward, penalty
    /// gradients, top-k restriction, optimizer update, proximal L1 and max-norm. Returns the
    /// objective (data loss plus every penalty term) at the parameters before the update.
    /// If the objective or any gradient is not finite, nothing is updated (parameters, optimizer
    /// state and <see cref="Step"/> keep their values) and a non-finite value is returned
    /// (NaN for a non-finite gradient): the caller decides to stop, as the trainer does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public T TrainStep(ReadOnlySpan<T> x, ReadOnlySpan<T> targets, int batch)
    {
        CheckValues(x, targets, batch);
        _guard.Enter(BusyMessage);
        try { return Train(x, targets, default, batch); }
        finally { _guard.Exit(); }
    }

    /// <summary>One training step on integer class labels (softmax cross-entropy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public T TrainStep(ReadOnlySpan<T> x, ReadOnlySpan<int> labels, int batch)
    {
        CheckLabels(x, labels, batch);
        _guard.Enter(BusyMessage);
        try { return Train(x, default, labels, batch); }
        finally { _guard.Exit(); }
    }

    /// <summary>
    /// A mixup step (Zhang et al. 2018): <paramref name="x"/> is already mix·x + (1 − mix)·x[perm], and the
    /// loss is mix·CE(labels) + (1 − mix)·CE(<paramref name="labelsB"/>), i.e. cross-entropy on the mixed one-hot target.
    /// </summary>
    internal T TrainStepMixed(ReadOnlySpan<T> x, ReadOnlySpan<int> labels, ReadOnlySpan<int> labelsB, double mix, int batch)
    {
        CheckLabels(x, labels, batch);
        CheckLabels(x, labelsB, batch);
        _guard.Enter(BusyMessage);
        try
        {
            labelsB.CopyTo(_mixLabels);
            _mix = mix;
            return Train(x, default, labels, batch);
        }
        finally
        {
            _mix = double.NaN;
            _guard.Exit();
        }
    }

    /// <summary>
    /// Gradients of the objective (data loss + every penalty, L1 by its subgradient) with respect to
    /// the parameters (<see cref="GetGradient"/>) and the input (<see cref="InputGradient"/>), at the
    /// current step's dropout masks and gate noise; updates nothing. Returns the objective.
    /// </summary>
    public T ComputeGradients(ReadOnlySpan<T> x, ReadOnlySpan<T> targets, int batch)
    {
        CheckValues(x, targets, batch);
        _guard.Enter(BusyMessage);
        try { return Gradients(x, targets, default, batch, inputGradient: true, exactGradient: true); }
        finally { _guard.Exit(); }
    }

    /// <summary>Label form of <see cref="ComputeGradients(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/>.</summary>
    public T ComputeGradients(ReadOnlySpan<T> x, ReadOnlySpan<int> labels, int batch)
    {
        CheckLabels(x, labels, batch);
        _guard.Enter(BusyMessage);
        try { return Gradients(x, default, labels, batch, inputGradient: true, exactGradient: true); }
        finally { _guard.Exit(); }
    }

    // ---------------------------------------------------------------- core

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private T Train(ReadOnlySpan<T> x, ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, int batch)
    {
        Optimizer optimizer = _optimizer ?? throw new InvalidOperationException("Set the model's Optimizer before calling TrainStep.");
        T objective = Gradients(x, targets, labels, batch, inputGradient: false, exactGradient: false);
        // A diverged step must not reach the weights or the optimizer state: check before updating.
        // MaxAbs is NaN if any gradient is NaN and +inf if any is infinite.
        if (!T.IsFinite(objective)) return objective;
        if (!T.IsFinite(NnKernels.MaxAbs<T>(_arena.Gradients))) return T.NaN;
        if (ClipGradNorm is { } maxNorm) LastGradientNorm = GradientClipping.ByNorm(_arena, _tensors, maxNorm);
        if (ClipGradValue is { } clip) GradientClipping.ByValue(_arena.Gradients, clip);
        double invM = 1.0 / (PenaltyExamples ?? batch);
        _regularizers.RestrictGradients(_arena, optimizer, _updates + 1, invM);
        optimizer.Step(_arena, _tensors, ++_updates);
        _regularizers.Project(_arena, optimizer, _updates, invM);
        Step++;
        return objective;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private T Gradients(ReadOnlySpan<T> x, ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, int batch, bool inputGradient, bool exactGradient)
    {
        _arena.Gradients.Clear();
        Forward(x, batch, new PassMode(true, Seed, Step));
        Span<T> dOut = _backA.AsSpan(0, batch * OutputSize);
        T loss = LossAndGradient(targets, labels, batch, dOut);

        // Backward: gradients ping-pong between two buffers; layer 0 writes dx only when asked.
        T[] dy = _backA, dx = _backB;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            Layer<T> layer = _layers[i];
            ReadOnlySpan<T> input = i == 0 ? x : _activations[i - 1].AsSpan(0, batch * layer.InputSize);
            Span<T> dInput = i == 0 ? _inputGradient.AsSpan(0, batch * InputSize) : dx.AsSpan(0, batch * layer.InputSize);
            layer.Backward(input, _activations[i].AsSpan(0, batch * layer.OutputSize), dy.AsSpan(0, batch * layer.OutputSize),
                dInput, batch, needDx: i > 0 || inputGradient);
            (dy, dx) = (dx, dy);
        }

        T penalty = Penalties(batch, addGradient: true, exactGradient);
        LastDataLoss = loss;
        LastPenalty = penalty;
        return loss + penalty;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(ReadOnlySpan<T> x, int batch, PassMode mode)
    {
        ReadOnlySpan<T> input = x;
        for (int i = 0; i < _layers.Length; i++)
        {
            Span<T> output = _activations[i].AsSpan(0, batch * _layers[i].OutputSize);
            _layers[i].Forward(input, output, batch, mode);
            input = output;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private T LossAndGradient(ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, int batch, Span<T> dOut)
    {
        var sum = default(PlainSum<T>);
        return _loss.Compute(LossBatch(targets, labels, batch, dOut), ref sum);
    }

    /// <summary>The last layer's output with the step's targets or labels, as the loss reads them.</summary>
    private LossBatch<T> LossBatch(ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, int batch, Span<T> dOut) =>
        new(_activations[^1].AsSpan(0, batch * OutputSize), targets, labels, dOut, batch, OutputSize,
            LabelSmoothing, double.IsNaN(_mix) ? default : _mixLabels.AsSpan(0, batch), _mix);

    /// <summary>Σ of the penalty terms at the current parameters (the regularizers', then the layers' own); adds their gradients if asked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private T Penalties(int batch, bool addGradient, bool exactGradient)
    {
        T invM = T.One / T.CreateTruncating(PenaltyExamples ?? batch);
        T total = _regularizers.Objective(_arena, invM, addGradient, exactGradient);
        foreach (Layer<T> layer in _layers) total += layer.OwnPenalty(invM, addGradient);
        return total;
    }
}

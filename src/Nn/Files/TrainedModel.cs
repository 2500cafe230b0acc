using System.Globalization;
using FastReg.IO;
using FastReg.Nn.Preprocessing;

namespace FastReg.Nn;

/// <summary>
/// A trained network with everything it needs to predict from raw data: the preprocessing pipeline (raw
/// columns to inputs), the class names or the target scaler, and the names of features and targets.
/// <see cref="Save"/> writes it as one safetensors file (torch.nn.Sequential layout, the
/// <see cref="ModelDescription"/> under the "fastreg" metadata key) and <see cref="Load(string, int)"/> reads
/// it back, as <c>fastreg train --save</c> writes and <c>fastreg predict</c> reads.
/// Predictions are thread-safe (a pool of inference sessions); the network's parameters must not change
/// while they run.
/// </summary>
/// <typeparam name="T">float or double: the precision inference runs in.</typeparam>
public sealed class TrainedModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows each inference session runs at a time, unless the caller says otherwise.</summary>
    public const int DefaultMaxBatch = 256;

    private readonly ModelPredictor<T> _predictor;
    private readonly string[]? _classes;
    private readonly bool _binary;
    private readonly DataLoss<double> _report; // the network's loss in double: probabilities and classes of the predictions
    private readonly string[] _targets;

    /// <summary>Wraps a trained network with what it needs to predict.</summary>
    /// <param name="network">The network (its parameters are read, not copied).</param>
    /// <param name="preprocessing">Raw columns to the network's inputs; null: numeric inputs x0, x1, ... as they are.</param>
    /// <param name="classes">A classifier's class names by output; null: "0", "1", ...</param>
    /// <param name="targetScaler">For a regression network trained on scaled targets: unscales its outputs.</param>
    /// <param name="targets">Target names (one for a classifier); null: "y" for a classifier, y0, y1, ... otherwise.</param>
    /// <param name="maxBatch">Rows each inference session runs at a time (predictions take any number of rows).</param>
    /// <exception cref="ArgumentException">The parts do not fit the network.</exception>
    public TrainedModel(Sequential<T> network, Preprocessor? preprocessing = null, IReadOnlyList<string>? classes = null,
        TargetScaler? targetScaler = null, IReadOnlyList<string>? targets = null, int maxBatch = DefaultMaxBatch)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
        Preprocessing = preprocessing ?? Preprocessor.Identity(Names.Default("x", network.InputSize));
        if (Preprocessing.FeatureCount != network.InputSize)
            throw new ArgumentException($"the preprocessing makes {Preprocessing.FeatureCount} features but the network takes {network.InputSize} inputs.", nameof(preprocessing));
        int k = network.OutputSize;
        // A network of independent logits (BCE) given class names is a binary classifier: one logit, the second class's log-odds.
        _binary = network.DataLoss.HasIndependentLogits && classes is not null;
        _report = DataLoss<double>.For(network.Loss);
        if (_binary)
        {
            _classes = [.. classes!];
            if (_classes.Length != 2 || k != 1)
                throw new ArgumentException($"a binary (bce) classifier has one output and names two classes (got {k} outputs, {_classes.Length} classes).", nameof(classes));
            if (targetScaler is not null) throw new ArgumentException("a classifier has no target scaler.", nameof(targetScaler));
        }
        else if (IsClassifier)
        {
            _classes = classes is null ? Names.Default("", k) : [.. classes];
            if (_classes.Length != k) throw new ArgumentException($"a classifier with {k} outputs must name {k} classes (got {_classes.Length}).", nameof(classes));
            if (targetScaler is not null) throw new ArgumentException("a classifier has no target scaler.", nameof(targetScaler));
        }
        else if (classes is not null)
        {
            throw new ArgumentException($"a {LossCatalog.Name(network.Loss)} model has no classes.", nameof(classes));
        }
        if (targetScaler is not null)
        {
            if (!network.DataLoss.ScalesTargets)
                throw new ArgumentException($"only an {LossCatalog.Names(e => e.Loss.ScalesTargets)} regression network scales its targets.", nameof(targetScaler));
            if (targetScaler.Count != k) throw new ArgumentException($"the target scaler has {targetScaler.Count} targets but the network {k} outputs.", nameof(targetScaler));
        }
        TargetScaler = targetScaler;
        _targets = targets is not null ? [.. targets] : targetScaler is not null ? [.. targetScaler.Targets] : IsClassifier ? ["y"] : Names.Default("y", k);
        if (_targets.Length != (IsClassifier ? 1 : k))
            throw new ArgumentException($"the model predicts {(IsClassifier ? 1 : k)} target(s) but {_targets.Length} are named.", nameof(targets));
        _predictor = new ModelPredictor<T>(network, maxBatch);
    }

    /// <summary>The network.</summary>
    public Sequential<T> Network { get; }

    /// <summary>Raw columns to the network's inputs.</summary>
    public Preprocessor Preprocessing { get; }

    /// <summary>Unscales a regression network's outputs; null when it predicts in the targets' units.</summary>
    public TargetScaler? TargetScaler { get; }

    /// <summary>Whether the network is a classifier: a loss over class labels (softmax cross-entropy), or one BCE logit between two named classes.</summary>
    public bool IsClassifier => _binary || Network.DataLoss.TakesLabels;

    /// <summary>Whether the classifier is binary with one logit (<see cref="Predictions.Probabilities"/> then holds the second class's probability).</summary>
    public bool IsBinary => _binary;

    /// <summary>The raw columns predictions read, in order.</summary>
    public IReadOnlyList<InputColumn> Inputs => Preprocessing.Inputs;

    /// <summary>The network's input names ("age", "color=red", ...).</summary>
    public IReadOnlyList<string> FeatureNames => Preprocessing.FeatureNames;

    /// <summary>A classifier's class names by output index; null for regression.</summary>
    public IReadOnlyList<string>? Classes => _classes;

    /// <summary>The target names: one for a classifier, one per output otherwise.</summary>
    public IReadOnlyList<string> Targets => _targets;

    /// <summary>The description <see cref="Save"/> stores.</summary>
    public ModelDescription Describe() => new()
    {
        Inputs = Network.InputSize,
        Layers = [.. Network.Layers.Select(LayerCatalog.Token)],
        Loss = LossCatalog.Name(Network.Loss),
        Task = IsClassifier ? "classification" : "regression",
        Features = [.. FeatureNames],
        Targets = _targets,
        Classes = _classes,
        Preprocessing = Preprocessing,
        TargetScaler = TargetScaler,
    };

    /// <summary>Writes the model to <paramref name="path"/> atomically (an existing file is replaced only once the new one is complete).</summary>
    public void Save(string path) => ModelFile.Save(path, Network, Describe().ToJson());

    /// <summary>Reads a model file (written by <see cref="Save"/> or <c>fastreg train --save</c>, version 1 or 2).</summary>
    /// <exception cref="DataFormatException">The file or its description is malformed, lies, or does not fit its tensors.</exception>
    public static TrainedModel<T> Load(string path, int maxBatch = DefaultMaxBatch)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Load(SafeTensors.Read(path), path, maxBatch);
    }

    /// <summary>Rebuilds the model an already-read file holds; <paramref name="source"/> names it in errors.</summary>
    public static TrainedModel<T> Load(SafeTensorsFile file, string source, int maxBatch = DefaultMaxBatch)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ModelDescription d = ModelDescription.Read(file, source)
            ?? throw new DataFormatException($"no '{ModelDescription.MetadataKey}' metadata describes the model (a PyTorch state_dict: build the Sequential, ModelFile.LoadInto it, and wrap it in a TrainedModel).", source);
        var layers = new LayerSpec[d.Layers.Count];
        for (int i = 0; i < layers.Length; i++) layers[i] = LayerCatalog.Create(d.Layers[i]); // validated by the description
        RequireTensorsFor(d.Inputs, layers, file, source);
        Sequential<T> network;
        try { network = new Sequential<T>(d.Inputs, maxBatch, LossCatalog.Parse(d.Loss), layers); }
        catch (ArgumentException e) { throw new DataFormatException($"the description does not make a network ({e.Message})", source, inner: e); }
        ModelFile.LoadInto(file, source, network);
        try
        {
            // Without a pipeline the inputs are read as they are, by the description's feature names when it has them.
            Preprocessor? preprocessing = d.Preprocessing ?? (d.Features.Count > 0 ? Preprocessor.Identity(d.Features) : null);
            return new TrainedModel<T>(network, preprocessing, d.Classes, d.TargetScaler, d.Targets.Count > 0 ? d.Targets : null, maxBatch);
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException($"the '{ModelDescription.MetadataKey}' metadata does not fit the network: {e.Message}", source, inner: e);
        }
    }

    // A description that claims a network far larger than the file's tensors is refused before anything is allocated for it.
    private static void RequireTensorsFor(int inputs, LayerSpec[] layers, SafeTensorsFile file, string source)
    {
        long held = 0;
        foreach (NamedTensor t in file.Tensors) held += t.Data.Length;
        double needed = 0, width = inputs;
        foreach (LayerSpec layer in layers)
        {
            double output;
            try { output = layer.OutputSize((int)Math.Min(width, int.MaxValue)); }
            catch (ArgumentException e) { throw new DataFormatException($"the description does not make a network ({e.Message})", source, inner: e); }
            if (layer is Dense) needed += (width + 1) * output;
            width = output;
        }
        if (needed > held)
            throw new DataFormatException(string.Create(CultureInfo.InvariantCulture,
                $"the description's network has at least {needed:N0} parameters but the file holds {held:N0} numbers."), source);
    }

    /// <summary>Predicts every row of raw <paramref name="columns"/> (matched by name; extra columns are ignored).</summary>
    /// <exception cref="ArgumentException">A column is absent or of the wrong kind, a cell is missing with nothing to impute it, or a value does not fit <typeparamref name="T"/>.</exception>
    public Predictions Predict(IReadOnlyList<DataColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        int rows = columns.Count == 0 ? 0 : columns[0].Length;
        var features = new double[(long)rows * Preprocessing.FeatureCount];
        var unseen = new int[Inputs.Count];
        Preprocessing.Transform(columns, features, unseen);
        return FromFeatures(features, rows, unseen);
    }

    /// <summary>Predicts one raw row given as text cells, one per <see cref="Inputs"/> (numbers in invariant culture; null or empty = missing).</summary>
    public Predictions PredictRow(ReadOnlySpan<string?> cells)
    {
        var features = new double[Preprocessing.FeatureCount];
        Preprocessing.TransformRow(cells, features); // checks the row first
        var unseen = new int[Inputs.Count];
        for (int i = 0; i < unseen.Length; i++)
        {
            // Per-column counts for one row: a text cell that encoded as all zeros.
            if (!Inputs[i].IsText) continue;
            string? cell = string.IsNullOrEmpty(cells[i]) ? null : cells[i];
            if (cell is not null && Preprocessing.Encoder!.IndexOf(TextIndex(i), cell) < 0) unseen[i] = 1;
        }
        return FromFeatures(features, 1, unseen);
    }

    /// <summary>Predicts one raw row of numbers (NaN = missing), one per <see cref="Inputs"/>; every input must be numeric.</summary>
    public Predictions PredictRow(ReadOnlySpan<double> values)
    {
        var features = new double[Preprocessing.FeatureCount];
        Preprocessing.TransformRow(values, features);
        return FromFeatures(features, 1, new int[Inputs.Count]);
    }

    /// <summary>Predicts already-preprocessed rows [rows, <see cref="FeatureNames"/>.Count] (the network's inputs).</summary>
    public Predictions PredictFeatures(ReadOnlySpan<double> features)
    {
        int n = Network.InputSize;
        if (features.Length % n != 0) throw new ArgumentException($"'features' has {features.Length} values, not a whole number of rows of {n}.", nameof(features));
        return FromFeatures(features.ToArray(), features.Length / n, new int[Inputs.Count]);
    }

    /// <summary>
    /// Outputs [rows, OutputSize] of already-preprocessed rows [rows, InputSize], unscaled to the targets' units;
    /// allocation-free once warm and safe to call from any number of threads.
    /// </summary>
    public void PredictFeatures(ReadOnlySpan<T> features, Span<T> outputs)
    {
        _predictor.Predict(features, outputs);
        if (TargetScaler is not null)
        {
            int rows = features.Length / Network.InputSize;
            TargetScaler.Unscale(outputs[..(rows * Network.OutputSize)]);
        }
    }

    private int TextIndex(int input)
    {
        int t = 0;
        for (int i = 0; i < input; i++) if (Inputs[i].IsText) t++;
        return t;
    }

    private Predictions FromFeatures(double[] features, int rows, int[] unseen)
    {
        int n = Network.InputSize, k = Network.OutputSize;
        T[] x;
        if (typeof(T) == typeof(double)) x = (T[])(object)features;
        else
        {
            x = new T[features.Length];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = T.CreateTruncating(features[i]);
                if (!T.IsFinite(x[i]))
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"feature '{FeatureNames[i % n]}' of row {i / n} is {features[i]:R}, beyond {typeof(T).Name}'s range."), nameof(features));
            }
        }
        var y = new T[(long)rows * k];
        PredictFeatures(x, y);
        var outputs = new double[y.Length];
        for (int i = 0; i < y.Length; i++) outputs[i] = double.CreateTruncating(y[i]);
        double[]? probabilities = null;
        int[]? indices = null;
        string[]? names = null;
        // The loss says what the outputs mean: probabilities (softmax, or σ of each logit) and, for a classifier, its classes.
        if (_report.IsClassifier)
        {
            probabilities = new double[outputs.Length];
            _report.ReportProbabilities(outputs, probabilities, rows, k);
        }
        if (IsClassifier)
        {
            indices = new int[rows];
            names = new string[rows];
            _report.Classes(outputs, rows, k, indices);
            for (int r = 0; r < rows; r++) names[r] = _classes![indices[r]];
        }
        return new Predictions(rows, k, outputs, probabilities, indices, names, unseen);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"TrainedModel<{typeof(T).Name}>({(IsClassifier ? "classifier" : "regression")}, {Inputs.Count} columns -> {Network.InputSize} inputs -> {Network.OutputSize} outputs)";
}

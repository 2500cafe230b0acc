using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using FastReg.Nn;

namespace FastReg.Cli.Modeling;

/// <summary>
/// A network as the flags describe it: hidden widths, activation, dropout and gates, loss,
/// optimizer and penalty. <see cref="Build{T}"/> makes the model; <see cref="LayerNames"/> is how
/// a model file records the layers so <c>predict</c> can rebuild them.
/// </summary>
internal sealed record NetworkConfig
{
    public int[] Hidden { get; init; } = [];
    public ActivationKind Activation { get; init; } = ActivationKind.Relu;
    public double Dropout { get; init; }

    /// <summary>λ of hard-concrete L0 gates after each hidden layer (0: none).</summary>
    public double L0Gates { get; init; }
    public string Optimizer { get; init; } = "adam";
    public double? LearningRate { get; init; }
    public double Momentum { get; init; }
    public bool Nesterov { get; init; }
    public double? WeightDecay { get; init; }
    public Penalty Penalty { get; init; } = Penalty.None;

    /// <summary>Elastic-net mixing r, kept for sweeps that vary the elastic-net λ.</summary>
    public double L1Ratio { get; init; } = 0.5;

    /// <summary>The penalty whose λ train chooses by cross-validation (the token of a sweepable <see cref="PenaltyCatalog"/> entry: "l2", "elastic-net"), or null.</summary>
    public string? AutoPenalty { get; init; }

    /// <summary>Whether the weight decay reaches biases (PyTorch's default) and gates.</summary>
    public bool DecayBiases { get; init; } = true;
    public bool DecayGates { get; init; } = true;

    /// <summary>The gates' learning rate as a multiple of the optimizer's.</summary>
    public double GateLearningRateScale { get; init; } = 10;
    public double LabelSmoothing { get; init; }
    public double? ClipGradNorm { get; init; }
    public double? ClipGradValue { get; init; }

    /// <summary>σ of additive Gaussian noise and the rate of Gaussian dropout after each hidden activation (0: none).</summary>
    public double GaussianNoise { get; init; }
    public double GaussianDropout { get; init; }

    /// <summary>Activity L1 and L2 on each hidden layer's activations (0: none).</summary>
    public double ActivityL1 { get; init; }
    public double ActivityL2 { get; init; }

    /// <summary>m of the penalties' λ/m (the library's PenaltyExamples): null the batch size of each step, else this count.</summary>
    public int? PenaltyExamples { get; init; }

    /// <summary>--penalty-examples all: m is the training rows, known only once the data are split.</summary>
    public bool PenaltyExamplesAll { get; init; }

    /// <summary>This configuration with --penalty-examples all resolved to <paramref name="trainingRows"/>.</summary>
    public NetworkConfig WithTrainingRows(int trainingRows) => PenaltyExamplesAll ? this with { PenaltyExamples = trainingRows, PenaltyExamplesAll = false } : this;

    /// <summary>The layer sequence for <paramref name="outputs"/> output units.</summary>
    public IReadOnlyList<LayerSpec> Layers(int outputs)
    {
        var layers = new List<LayerSpec>();
        foreach (int width in Hidden)
        {
            layers.Add(new Dense(width));
            if (L0Gates > 0) layers.Add(new HardConcreteGate(L0Gates) { LearningRateScale = GateLearningRateScale });
            layers.Add(new Nn.Activation(Activation));
            if (ActivityL1 > 0 || ActivityL2 > 0) layers.Add(new ActivityRegularization(ActivityL1, ActivityL2));
            if (Dropout > 0) layers.Add(new Nn.Dropout(Dropout));
            if (GaussianDropout > 0) layers.Add(new Nn.GaussianDropout(GaussianDropout));
            if (GaussianNoise > 0) layers.Add(new Nn.GaussianNoise(GaussianNoise));
        }
        layers.Add(new Dense(outputs));
        return layers;
    }

    /// <summary>The optimizer with PyTorch's defaults where a flag was not given (lr 0.01 for SGD, 1e-3 for Adam; AdamW decay 0.01).</summary>
    public Optimizer CreateOptimizer() => Optimizer switch
    {
        "sgd" => new Sgd(LearningRate ?? 0.01, Momentum, weightDecay: WeightDecay ?? 0, nesterov: Nesterov) { DecayBiases = DecayBiases, DecayGates = DecayGates },
        "adam" => new Adam(LearningRate ?? 1e-3, weightDecay: WeightDecay ?? 0) { DecayBiases = DecayBiases, DecayGates = DecayGates },
        "adamw" => new AdamW(LearningRate ?? 1e-3, weightDecay: WeightDecay ?? 0.01) { DecayBiases = DecayBiases, DecayGates = DecayGates },
        _ => throw new CliException($"--optimizer must be sgd, adam or adamw (got '{Optimizer}')."),
    };

    public Sequential<T> Build<T>(int inputs, int outputs, LossKind loss, int maxBatch, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireMemory(inputs, outputs, maxBatch, Unsafe.SizeOf<T>());
        if (LabelSmoothing != 0 && !LossNames.Entry(loss).SmoothsLabels)
            throw new CliException($"--label-smoothing applies to the cross-entropy of a classification (--loss {LossCatalog.Names(e => e.SmoothsLabels)}).");
        return new(inputs, maxBatch, loss, Layers(outputs), seed)
        {
            Optimizer = CreateOptimizer(), Penalty = Penalty, LabelSmoothing = LabelSmoothing, ClipGradNorm = ClipGradNorm, ClipGradValue = ClipGradValue,
            PenaltyExamples = PenaltyExamples,
        };
    }

    private void RequireMemory(int inputs, int outputs, int maxBatch, int bytesPerNumber)
    {
        int slots = Optimizer == "sgd" ? (Momentum > 0 ? 1 : 0) : 2;
        MemoryEstimate.Require(inputs, Layers(outputs), maxBatch, bytesPerNumber, slots, Optimizer,
            "Use narrower --hidden layers or a smaller --batch-size.");
    }

    /// <summary>One token per layer, as the <see cref="LayerCatalog"/> writes them: "dense:128", "relu", "dropout:0.2", "l0gate:0.01".</summary>
    public static string[] LayerNames(IReadOnlyList<LayerSpec> layers)
    {
        var names = new string[layers.Count];
        for (int i = 0; i < names.Length; i++) names[i] = LayerCatalog.Token(layers[i]);
        return names;
    }

    /// <summary>The inverse of <see cref="LayerNames"/>; <paramref name="source"/> names the file in errors.</summary>
    public static LayerSpec[] ParseLayerNames(IReadOnlyList<string> names, string source)
    {
        var layers = new LayerSpec[names.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            try
            {
                layers[i] = LayerCatalog.Create(names[i]);
            }
            catch (ArgumentException e)
            {
                throw new CliException($"{source}: the model description's layer '{names[i]}' does not make a network ({e.Message}).");
            }
        }
        return layers;
    }
}

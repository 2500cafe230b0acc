using System.CommandLine;
using System.Globalization;
using FastReg.Nn;

namespace FastReg.Cli.Modeling;

/// <summary>
/// The flags that describe a network, its optimizer and its penalty, shared by train, sweep,
/// bias-variance and gradcheck so that each command takes the same network the same way.
/// </summary>
internal sealed class NetworkFlags
{
    /// <summary>The --loss value that picks the loss from the task.</summary>
    public const string Auto = "auto";

    /// <summary>The --loss choices: auto, then the library's losses (<see cref="LossCatalog"/>).</summary>
    private static readonly string[] LossChoices = [Auto, .. LossCatalog.Entries.Select(e => e.Name)];

    public Option<string> Hidden { get; } = new("--hidden") { Description = "Hidden layer widths, e.g. 128,64; 'none' for a linear model.", DefaultValueFactory = _ => "128,64" };
    public Option<string> Activation { get; } = new Option<string>("--activation") { Description = "Hidden activation.", DefaultValueFactory = _ => ActivationCatalog.Name(ActivationKind.Relu) }.AcceptOnlyFromAmong(ActivationCatalog.Names());
    public Option<string> Loss { get; } = new Option<string>("--loss") { Description = "Loss: ce (softmax cross-entropy, classification), mse, bce (binary cross-entropy with one logit: a binary classifier, or targets in [0, 1]); auto picks bce for two classes, ce for more, mse for values.", DefaultValueFactory = _ => "auto" }.AcceptOnlyFromAmong(LossChoices);
    public Option<string> Optimizer { get; } = new Option<string>("--optimizer") { Description = "sgd, adam or adamw (decoupled weight decay).", DefaultValueFactory = _ => "adam" }.AcceptOnlyFromAmong("sgd", "adam", "adamw");
    public Option<double?> LearningRate { get; } = new("--lr") { Description = "Learning rate (default 0.01 for sgd, 1e-3 for adam and adamw, as PyTorch)." };
    public Option<double> Momentum { get; } = new("--momentum") { Description = "SGD momentum." };
    public Option<bool> Nesterov { get; } = new("--nesterov") { Description = "Nesterov momentum (SGD)." };
    public Option<string?> WeightDecay { get; } = new("--weight-decay") { Description = "The optimizer's weight decay: coupled (added to the gradient) for sgd and adam, decoupled for adamw (default 0.01 there, as PyTorch); 'auto' (train) chooses it by k-fold cross-validation." };
    public Option<string> L2 { get; } = new("--l2") { Description = "Ridge penalty λ: (λ/2m)·Σ‖W‖² on the weights, m the batch size; 'auto' (train) chooses λ by k-fold cross-validation.", DefaultValueFactory = _ => "0" };
    public Option<string> L1 { get; } = new("--l1") { Description = "Lasso penalty λ: (λ/m)·Σ|W|; 'auto' (train) chooses λ by k-fold cross-validation.", DefaultValueFactory = _ => "0" };
    public Option<string> L1Mode { get; } = new Option<string>("--l1-mode") { Description = "How L1 is applied: prox (soft-threshold after the step: exact zeros) or subgradient.", DefaultValueFactory = _ => "prox" }.AcceptOnlyFromAmong("prox", "subgradient");
    public Option<string> ElasticNet { get; } = new("--elastic-net") { Description = "Elastic-net λ, split by --l1-ratio as scikit-learn: (λ/m)·(r·Σ|W| + (1−r)/2·ΣW²); 'auto' (train) chooses λ by k-fold cross-validation.", DefaultValueFactory = _ => "0" };
    public Option<double> L1Ratio { get; } = new("--l1-ratio") { Description = "Elastic-net mixing r in [0, 1].", DefaultValueFactory = _ => 0.5 };
    public Option<double> Dropout { get; } = new("--dropout") { Description = "Dropout rate after each hidden activation." };
    public Option<string> MaxNorm { get; } = new("--max-norm") { Description = "Max-norm constraint c on each unit's incoming weight vector; 'auto' (train) chooses c by k-fold cross-validation.", DefaultValueFactory = _ => "0" };
    public Option<string> L0Gates { get; } = new("--l0-gates") { Description = "λ of hard-concrete L0 gates on each hidden layer's units; 'auto' (train) chooses λ by k-fold cross-validation.", DefaultValueFactory = _ => "0" };
    public Option<int> TopK { get; } = new("--top-k") { Description = "L0 by gradient restriction: update only the k largest |gradient| entries of each weight matrix." };
    public Option<bool> PenalizeBiases { get; } = new("--penalize-biases") { Description = "Apply the penalties to biases too (default: weights only)." };
    public Option<bool> DecayBiases { get; } = new("--decay-biases") { Description = "Whether --weight-decay reaches the biases (PyTorch's default true; false is the AdamW recipe, Keras exclude_from_weight_decay).", DefaultValueFactory = _ => true };
    public Option<bool> DecayGates { get; } = new("--decay-gates") { Description = "Whether --weight-decay reaches the L0 gates' log α (default true, as PyTorch).", DefaultValueFactory = _ => true };
    public Option<double> GateLrScale { get; } = new("--gate-lr-scale") { Description = "The L0 gates' learning rate as a multiple of --lr (their parameter group).", DefaultValueFactory = _ => 10 };
    public Option<double> LabelSmoothing { get; } = new("--label-smoothing") { Description = "Label smoothing ε of the cross-entropy, as torch.nn.CrossEntropyLoss(label_smoothing=ε)." };
    public Option<double?> ClipGradNorm { get; } = new("--clip-grad-norm") { Description = "Clip the gradient's global L2 norm to this value before each step (torch.nn.utils.clip_grad_norm_)." };
    public Option<double?> ClipGradValue { get; } = new("--clip-grad-value") { Description = "Clamp every gradient entry to [-c, c] before each step (torch.nn.utils.clip_grad_value_)." };
    public Option<double> GaussianNoise { get; } = new("--gaussian-noise") { Description = "σ of additive Gaussian noise after each hidden activation (Keras GaussianNoise)." };
    public Option<double> GaussianDropout { get; } = new("--gaussian-dropout") { Description = "Rate of multiplicative Gaussian noise after each hidden activation (Keras GaussianDropout)." };
    public Option<double> ActivityL1 { get; } = new("--activity-l1") { Description = "L1 penalty on each hidden layer's activations, (l1/B)·Σ|a| (Keras activity_regularizer)." };
    public Option<double> ActivityL2 { get; } = new("--activity-l2") { Description = "L2 penalty on each hidden layer's activations, (l2/B)·Σa² (Keras activity_regularizer)." };
    /// <summary>The flags of the catalogue's <see cref="PenaltyTerm"/> entries (<c>--group-lasso</c>), made from the entries: a new term needs no edit here.</summary>
    public IReadOnlyList<(PenaltyEntry Entry, Option<string> Option)> TermFlags { get; } =
        [.. PenaltyCatalog.Entries.Where(e => e.FlagDescription is not null).Select(e => (e, new Option<string>(e.Flag) { Description = e.FlagDescription, DefaultValueFactory = _ => "0" }))];

    public Option<string> PenaltyExamples { get; } = new("--penalty-examples") { Description = "m of the penalties' λ/m: batch (the batch size of each step, the default), all (the training rows: λ independent of --batch-size), or a count N. λ_all = λ_batch·N/B.", DefaultValueFactory = _ => "batch" };

    /// <summary>Adds the flags; <paramref name="layersOnly"/>: only those that shape the layers (predict on a PyTorch file, whose module indices depend on every layer).</summary>
    public void AddTo(Command command, bool layersOnly = false)
    {
        Option[] options = layersOnly
            ? [Hidden, Activation, Loss, Dropout, L0Gates, GaussianNoise, GaussianDropout, ActivityL1, ActivityL2]
            : [Hidden, Activation, Loss, Optimizer, LearningRate, Momentum, Nesterov, WeightDecay, L2, L1, L1Mode, ElasticNet, L1Ratio, .. TermFlags.Select(f => f.Option), Dropout, MaxNorm, L0Gates, TopK, PenalizeBiases,
               DecayBiases, DecayGates, GateLrScale, LabelSmoothing, ClipGradNorm, ClipGradValue, GaussianNoise, GaussianDropout, ActivityL1, ActivityL2, PenaltyExamples];
        foreach (Option o in options) command.Options.Add(o);
    }

    /// <summary>The configuration, with every value checked (a bad value names its flag).</summary>
    public NetworkConfig Read(ParseResult parsed)
    {
        string? auto = null;
        double l2 = Lambda(parsed.GetValue(L2)!, PenaltyCatalog.Ridge, ref auto), l1 = Lambda(parsed.GetValue(L1)!, PenaltyCatalog.Lasso, ref auto);
        double elastic = Lambda(parsed.GetValue(ElasticNet)!, PenaltyCatalog.ElasticNet, ref auto), ratio = parsed.GetValue(L1Ratio);
        if (!(ratio >= 0 && ratio <= 1)) throw new CliException($"--l1-ratio must lie in [0, 1] (got {ratio.ToString(CultureInfo.InvariantCulture)}).");
        int topK = parsed.GetValue(TopK);
        if (topK < 0) throw new CliException($"--top-k must be positive (got {topK}).");
        double? lr = parsed.GetValue(LearningRate);
        if (lr is { } rate && !(rate > 0 && double.IsFinite(rate))) throw new CliException($"--lr must be a positive number (got {rate.ToString(CultureInfo.InvariantCulture)}).");
        double? decay = parsed.GetValue(WeightDecay) is { } decayText ? Lambda(decayText, PenaltyCatalog.WeightDecay, ref auto) : null;
        if (auto == PenaltyCatalog.WeightDecay.Token) decay = null; // chosen by the search; the optimizer's default until then
        double l0Gates = Lambda(parsed.GetValue(L0Gates)!, PenaltyCatalog.L0Gates, ref auto);

        L1Method l1Method = parsed.GetValue(L1Mode) switch
        {
            "prox" => L1Method.Proximal,
            "subgradient" => L1Method.Subgradient,
            var other => throw new CliException($"--l1-mode must be prox or subgradient (got '{other}')."),
        };
        // The elastic net's split is the library's (Penalty.ElasticNet); --l2 and --l1 add to its halves.
        Penalty elasticNet = PenaltyCatalog.ElasticNet.Create(elastic, ratio, l1Method);
        var penalty = new Penalty
        {
            L2 = l2 + elasticNet.L2,
            L1 = l1 + elasticNet.L1,
            L1Method = l1Method,
            MaxNorm = Lambda(parsed.GetValue(MaxNorm)!, PenaltyCatalog.MaxNorm, ref auto),
            TopK = topK,
            IncludeBiases = parsed.GetValue(PenalizeBiases),
        };
        foreach (var (entry, option) in TermFlags)
            if (Lambda(parsed.GetValue(option)!, entry, ref auto) is var lambda && lambda != 0) penalty = entry.SetOn(penalty, lambda);
        double smoothing = parsed.GetValue(LabelSmoothing);
        if (!(smoothing >= 0 && smoothing <= 1)) throw new CliException($"--label-smoothing must lie in [0, 1] (got {smoothing.ToString(CultureInfo.InvariantCulture)}).");
        double gateScale = parsed.GetValue(GateLrScale);
        if (!(gateScale > 0 && double.IsFinite(gateScale))) throw new CliException($"--gate-lr-scale must be a positive number (got {gateScale.ToString(CultureInfo.InvariantCulture)}).");
        string examples = parsed.GetValue(PenaltyExamples)!.Trim();
        int? penaltyExamples = null;
        bool examplesAll = examples.Equals("all", StringComparison.OrdinalIgnoreCase);
        if (!examplesAll && !examples.Equals("batch", StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(examples, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
                throw new CliException($"--penalty-examples must be batch, all or a positive count (got '{examples}').");
            penaltyExamples = count;
        }
        return ReadLayers(parsed, l0Gates) with
        {
            PenaltyExamples = penaltyExamples,
            PenaltyExamplesAll = examplesAll,
            AutoPenalty = auto,
            DecayBiases = parsed.GetValue(DecayBiases),
            DecayGates = parsed.GetValue(DecayGates),
            GateLearningRateScale = gateScale,
            LabelSmoothing = smoothing,
            ClipGradNorm = Positive(parsed.GetValue(ClipGradNorm), "--clip-grad-norm"),
            ClipGradValue = Positive(parsed.GetValue(ClipGradValue), "--clip-grad-value"),
            Optimizer = parsed.GetValue(Optimizer)!,
            LearningRate = lr,
            Momentum = NonNegative(parsed.GetValue(Momentum), "--momentum"),
            Nesterov = parsed.GetValue(Nesterov),
            WeightDecay = decay,
            Penalty = penalty,
            L1Ratio = ratio,
        };
    }

    /// <summary>The layer-shaping flags alone (see <see cref="AddTo"/>), checked.</summary>
    public NetworkConfig ReadLayers(ParseResult parsed)
    {
        string? auto = null;
        double l0Gates = Lambda(parsed.GetValue(L0Gates)!, PenaltyCatalog.L0Gates, ref auto);
        if (auto is not null) throw new CliException("--l0-gates auto chooses λ while training; give the λ the model was trained with.");
        return ReadLayers(parsed, l0Gates);
    }

    private NetworkConfig ReadLayers(ParseResult parsed, double l0Gates)
    {
        double dropout = parsed.GetValue(Dropout);
        if (!(dropout >= 0 && dropout < 1)) throw new CliException($"--dropout must lie in [0, 1) (got {dropout.ToString(CultureInfo.InvariantCulture)}).");
        double gaussianDropout = parsed.GetValue(GaussianDropout);
        if (!(gaussianDropout >= 0 && gaussianDropout < 1)) throw new CliException($"--gaussian-dropout must lie in [0, 1) (got {gaussianDropout.ToString(CultureInfo.InvariantCulture)}).");
        return new NetworkConfig
        {
            Hidden = ParseHidden(parsed.GetValue(Hidden)!),
            Activation = ActivationCatalog.Parse(parsed.GetValue(Activation)!),
            Dropout = dropout,
            L0Gates = l0Gates,
            GaussianNoise = NonNegative(parsed.GetValue(GaussianNoise), "--gaussian-noise"),
            GaussianDropout = gaussianDropout,
            ActivityL1 = NonNegative(parsed.GetValue(ActivityL1), "--activity-l1"),
            ActivityL2 = NonNegative(parsed.GetValue(ActivityL2), "--activity-l2"),
        };
    }

    /// <summary>
    /// The loss for a task: the flag's choice, or (auto) binary cross-entropy on one logit for two classes (as
    /// scikit-learn's LogisticRegression and MLPClassifier), softmax cross-entropy for more, MSE for values.
    /// </summary>
    /// <param name="classes">The number of classes of a classification (0 otherwise).</param>
    public LossKind ReadLoss(ParseResult parsed, bool classification, int classes = 0)
    {
        string loss = parsed.GetValue(Loss)!;
        LossKind kind = loss == Auto
            // Label smoothing is the softmax cross-entropy's option: with it, two classes keep their two-row softmax.
            ? !classification ? AutoRegression
                : classes == 2 && parsed.GetValue(LabelSmoothing) == 0 ? AutoBinary : AutoClassification
            : LossNames.Parse(loss, "--loss");
        LossEntry entry = LossNames.Entry(kind);
        if (classification && !entry.IsClassifier)
            throw new CliException($"--loss {entry.Name} needs real-valued targets, but --task is classification.");
        if (!classification && entry.TakesLabels)
            throw new CliException($"--loss {entry.Name} needs class labels, but --task is regression.");
        if (classification && entry.HasIndependentLogits && classes != 2)
            throw new CliException($"--loss {entry.Name} is a binary classifier, but the target has {classes} classes; use --loss {LossNames.Name(AutoClassification)} (softmax) for more than two.");
        return kind;
    }

    /// <summary>The automatic choices, by their <c>--loss</c> names: a regression's loss.</summary>
    internal static readonly LossKind AutoRegression = LossCatalog.Parse("mse");

    /// <summary>Two classes without label smoothing: one logit (as scikit-learn's LogisticRegression).</summary>
    internal static readonly LossKind AutoBinary = LossCatalog.Parse("bce");

    /// <summary>Any other classification: the softmax.</summary>
    internal static readonly LossKind AutoClassification = LossCatalog.Parse("ce");

    /// <summary>The loss where no data decide the task (gradcheck; predict with a PyTorch file): ce unless --loss says mse or bce.</summary>
    public LossKind ReadLossWithoutData(ParseResult parsed)
    {
        string loss = parsed.GetValue(Loss)!;
        return ReadLoss(parsed, classification: loss == Auto || LossNames.Entry(LossNames.Parse(loss, "--loss")).TakesLabels, classes: 0);
    }

    /// <summary>"128,64" → [128, 64]; "none" or "" → [] (a linear model).</summary>
    public static int[] ParseHidden(string text)
    {
        string t = text.Trim();
        if (t.Length == 0 || t.Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        string[] parts = t.Split(',');
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) || widths[i] < 1 || widths[i] > 1 << 20)
                throw new CliException($"--hidden: '{parts[i].Trim()}' is not a layer width; give positive integers like 128,64 or 'none'.");
        }
        return widths;
    }

    /// <summary>A penalty's λ: a non-negative number, or "auto" (recorded in <paramref name="auto"/> as the entry's token, λ 0 until chosen).</summary>
    private static double Lambda(string text, PenaltyEntry entry, ref string? auto)
    {
        string flag = entry.Flag;
        if (text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            if (auto is not null) throw new CliException($"{flag} auto: only one penalty's λ can be chosen at a time (--{auto} is auto too).");
            auto = entry.Token;
            return 0;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            throw new CliException($"{flag} must be a non-negative number or 'auto' (got '{text}').");
        return NonNegative(v, flag);
    }

    private static double? Positive(double? value, string flag) =>
        value is null || (value > 0 && double.IsFinite(value.Value)) ? value : throw new CliException($"{flag} must be a positive number (got {value.Value.ToString(CultureInfo.InvariantCulture)}).");

    private static double NonNegative(double value, string flag) =>
        value >= 0 && double.IsFinite(value) ? value : throw new CliException($"{flag} must be a non-negative number (got {value.ToString(CultureInfo.InvariantCulture)}).");
}

namespace FastReg.Nn;

/// <summary>One loss in the <see cref="LossCatalog"/>: the short name flags and files use, and its formula.</summary>
/// <param name="Kind">The loss.</param>
/// <param name="Name">"ce", "mse" or "bce".</param>
/// <param name="Title">Its name in words, for axis labels and headings ("mean squared error").</param>
/// <param name="Summary">What it computes.</param>
public sealed record LossEntry(LossKind Kind, string Name, string Title, string Summary)
{
    /// <summary>Makes the loss's run-time form (<see cref="DataLoss{T}"/>), which answers every question about it.</summary>
    internal LossFactory Factory { get; init; } = null!;

    /// <summary>The loss's run-time form in double, for the questions that do not depend on the precision (a new, stateless object each time: no cache to spoil the record's equality).</summary>
    internal DataLoss<double> Loss => Factory.Create<double>();

    /// <summary>Whether it takes integer class labels (its model is a classifier, one output per class) rather than real-valued targets.</summary>
    public bool TakesLabels => Loss.TakesLabels;

    /// <summary>Whether its outputs are class scores with probabilities and classes (false for a regression loss).</summary>
    public bool IsClassifier => Loss.IsClassifier;

    /// <summary>Whether each output is a logit of its own: a classification with it has one output between two classes.</summary>
    public bool HasIndependentLogits => Loss.HasIndependentLogits;

    /// <summary>Whether real-valued targets may be standardized for training (a loss in the targets' own units).</summary>
    public bool ScalesTargets => Loss.ScalesTargets;

    /// <summary>Whether it accepts label smoothing (<see cref="Sequential{T}.LabelSmoothing"/>).</summary>
    public bool SmoothsLabels => Loss.SmoothsLabels;

    /// <summary>The targets it accepts, for messages: "[0, 1]".</summary>
    public string TargetDomain => Loss.TargetDomain;

    /// <summary>Whether a real-valued target lies in its domain (<see cref="TargetDomain"/>).</summary>
    public bool AcceptsTarget(double target) => Loss.AcceptsTarget(target);

    /// <summary>The factor that turns this loss on targets standardized by σ = <paramref name="std"/> into the targets' units (σ² for a squared error, else 1).</summary>
    public double LossUnits(double std) => Loss.LossUnits(std);

    /// <summary>The interval [Low, High) a gradient check draws real-valued targets from (unused for a loss over labels).</summary>
    public (double Low, double High) SampleTargets => Loss.SampleTargets;
}

/// <summary>The data loss J of a model, always a mean (PyTorch's reduction='mean').</summary>
public enum LossKind
{
    /// <summary>torch.nn.MSELoss: (1/(m·k))·Σ (ŷ − y)² over all m·k outputs; targets are real values [m, k].</summary>
    MeanSquaredError,

    /// <summary>torch.nn.CrossEntropyLoss on logits with integer class labels [m]: (1/m)·Σ_i (logsumexp(ŷ_i) − ŷ_i[y_i]).</summary>
    SoftmaxCrossEntropy,

    /// <summary>torch.nn.BCEWithLogitsLoss: mean over all m·k outputs of max(ŷ,0) − ŷ·y + log(1 + e^−|ŷ|); targets in [0, 1].</summary>
    BinaryCrossEntropyWithLogits,
}

/// <summary>The losses by their short names, as <c>--loss</c> and model files spell them.</summary>
public static class LossCatalog
{
    /// <summary>Every loss: adding one is its file (a <see cref="DataLoss{T}"/> and its factory) plus its entry here.</summary>
    public static IReadOnlyList<LossEntry> Entries { get; } =
    [
        new(LossKind.MeanSquaredError, "mse", "mean squared error", "J = Σ(y − t)² / (m·k), over all m·k outputs") { Factory = new MeanSquaredErrorFactory() },
        new(LossKind.SoftmaxCrossEntropy, "ce", "cross-entropy loss", "J = −(1/m)·Σ log softmax(y)[label]") { Factory = new SoftmaxCrossEntropyFactory() },
        new(LossKind.BinaryCrossEntropyWithLogits, "bce", "binary cross-entropy", "J = mean(max(y, 0) − y·t + log(1 + e^−|y|)), over all outputs") { Factory = new BinaryCrossEntropyWithLogitsFactory() },
    ];

    /// <summary>The short name of a loss; an unknown value throws.</summary>
    public static string Name(LossKind loss) => Entry(loss).Name;

    /// <summary>The name of a loss in words (<see cref="LossEntry.Title"/>); an unknown value throws.</summary>
    public static string Title(LossKind loss) => Entry(loss).Title;

    /// <summary>The entry of a loss; an unknown value throws.</summary>
    public static LossEntry Entry(LossKind loss) =>
        Find(loss) ?? throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss.");

    /// <summary>The entry of a loss; null for an undefined value.</summary>
    internal static LossEntry? Find(LossKind loss)
    {
        foreach (LossEntry e in Entries)
            if (e.Kind == loss) return e;
        return null;
    }

    /// <summary>The entry of a short name; null for an unknown one.</summary>
    internal static LossEntry? Find(string name)
    {
        foreach (LossEntry e in Entries)
            if (e.Name == name) return e;
        return null;
    }

    /// <summary>"a, b or c": the names of the entries that satisfy <paramref name="where"/>, for messages.</summary>
    public static string Names(Func<LossEntry, bool> where)
    {
        var names = new List<string>();
        foreach (LossEntry e in Entries) if (where(e)) names.Add(e.Name);
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
    }

    /// <summary>The loss of a short name; anything else throws an ArgumentException naming the choices.</summary>
    public static LossKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (LossEntry e in Entries)
            if (e.Name == name) return e.Kind;
        throw new ArgumentException($"unknown loss '{name}' (expected {string.Join(", ", Entries.Select(e => e.Name))}).", nameof(name));
    }
}

namespace FastReg.Nn;

/// <summary>One loss in the <see cref="LossCatalog"/>: the short name flags and files use, and its formula.</summary>
/// <param name="Kind">The loss.</param>
/// <param name="Name">"ce", "mse" or "bce".</param>
/// <param name="Title">Its name in words, for axis labels and headings ("mean squared error").</param>
/// <param name="Summary">What it computes.</param>
public sealed record LossEntry(LossKind Kind, string Name, string Title, string Summary);

/// <summary>The losses by their short names, as <c>--loss</c> and model files spell them.</summary>
public static class LossCatalog
{
    /// <summary>Every loss.</summary>
    public static IReadOnlyList<LossEntry> Entries { get; } =
    [
        new(LossKind.MeanSquaredError, "mse", "mean squared error", "J = Σ(y − t)² / (m·k), over all m·k outputs"),
        new(LossKind.SoftmaxCrossEntropy, "ce", "cross-entropy loss", "J = −(1/m)·Σ log softmax(y)[label]"),
        new(LossKind.BinaryCrossEntropyWithLogits, "bce", "binary cross-entropy", "J = mean(max(y, 0) − y·t + log(1 + e^−|y|)), over all outputs"),
    ];

    /// <summary>The short name of a loss; an unknown value throws.</summary>
    public static string Name(LossKind loss) => Entry(loss).Name;

    /// <summary>The name of a loss in words (<see cref="LossEntry.Title"/>); an unknown value throws.</summary>
    public static string Title(LossKind loss) => Entry(loss).Title;

    /// <summary>The entry of a loss; an unknown value throws.</summary>
    public static LossEntry Entry(LossKind loss)
    {
        foreach (LossEntry e in Entries)
            if (e.Kind == loss) return e;
        throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss.");
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

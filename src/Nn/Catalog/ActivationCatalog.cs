namespace FastReg.Nn;

/// <summary>One activation in the <see cref="ActivationCatalog"/>: the kind, the name flags and model files use, its formula, what computes it.</summary>
/// <param name="Kind">The activation.</param>
/// <param name="Name">Its layer kind in model files and its <c>--activation</c> token: "relu", "tanh", "sigmoid", "identity".</param>
/// <param name="Summary">What it computes, e.g. "y = max(x, 0)".</param>
/// <param name="Function">Its forward, backward and kink signature (src/Nn/Activations/); the <see cref="Activation"/> layer runs it.</param>
public sealed record ActivationEntry(ActivationKind Kind, string Name, string Summary, ActivationFunction Function);

/// <summary>Elementwise nonlinearities.</summary>
public enum ActivationKind
{
    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>tanh(x).</summary>
    Tanh,

    /// <summary>1 / (1 + e^−x).</summary>
    Sigmoid,

    /// <summary>x.</summary>
    Identity,
}

/// <summary>
/// The built-in activations by their names. <see cref="LayerCatalog"/> registers one layer kind per
/// entry, <c>--activation</c> offers these names, <see cref="Activation.KindName"/> reads them, and the
/// layer runs the entry's <see cref="ActivationFunction"/>. A new activation is a value of
/// <see cref="ActivationKind"/> above, its entry below and its function's file in src/Nn/Activations/.
/// </summary>
public static class ActivationCatalog
{
    /// <summary>Every activation, in <see cref="ActivationKind"/> order.</summary>
    public static IReadOnlyList<ActivationEntry> Entries { get; } =
    [
        new(ActivationKind.Relu, "relu", "y = max(x, 0)", new ReluFunction()),
        new(ActivationKind.Tanh, "tanh", "y = tanh(x)", new TanhFunction()),
        new(ActivationKind.Sigmoid, "sigmoid", "y = 1 / (1 + e^−x)", new SigmoidFunction()),
        new(ActivationKind.Identity, "identity", "y = x", new IdentityFunction()),
    ];

    /// <summary>The entry of an activation; an undefined value throws.</summary>
    public static ActivationEntry Entry(ActivationKind kind)
    {
        foreach (ActivationEntry e in Entries)
            if (e.Kind == kind) return e;
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation.");
    }

    /// <summary>The name of an activation ("relu"); an undefined value throws.</summary>
    public static string Name(ActivationKind kind) => Entry(kind).Name;

    /// <summary>The activation of a name (exact, lower case); anything else throws an ArgumentException naming the choices.</summary>
    public static ActivationKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (ActivationEntry e in Entries)
            if (e.Name == name) return e.Kind;
        throw new ArgumentException($"unknown activation '{name}' (expected {string.Join(", ", Names())}).", nameof(name));
    }

    /// <summary>Every name, in order.</summary>
    public static string[] Names()
    {
        var names = new string[Entries.Count];
        for (int i = 0; i < names.Length; i++) names[i] = Entries[i].Name;
        return names;
    }
}

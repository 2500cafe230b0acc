using System.Globalization;

namespace FastReg.Nn;

/// <summary>
/// Every kind of layer a model file may name: the built-ins (dense, the activations, dropout,
/// l0gate, Gaussian noise and dropout, activity regularization) and the kinds users register. Saving a model records each layer as
/// <c>kind</c> or <c>kind:settings</c> (<see cref="Token"/>); loading turns the tokens back into specs
/// (<see cref="Create"/>), so a file with a custom layer loads once its kind is registered.
/// Thread-safe.
/// </summary>
public static class LayerCatalog
{
    private static readonly Lock s_lock = new();
    private static readonly List<LayerKind> s_kinds = BuiltIns();
    private static readonly int s_builtInCount = s_kinds.Count;

    /// <summary>Every registered kind, built-ins first, in registration order.</summary>
    public static IReadOnlyList<LayerKind> Kinds
    {
        get { lock (s_lock) return [.. s_kinds]; }
    }

    /// <summary>
    /// Adds a user's kind. Registering a name again with the same spec type replaces the entry;
    /// a name held by another type (a built-in included) is refused.
    /// </summary>
    public static void Register(LayerKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(kind.Create);
        ArgumentNullException.ThrowIfNull(kind.Sample);
        ValidateName(kind.Name);
        if (kind.Sample.KindName != kind.Name)
            throw new ArgumentException($"The sample of layer kind '{kind.Name}' says its kind is '{kind.Sample.KindName}'; a spec's KindName must be the name it is registered under.", nameof(kind));
        lock (s_lock)
        {
            int i = IndexOf(kind.Name);
            if (i < 0) { s_kinds.Add(kind); return; }
            if (i < s_builtInCount || s_kinds[i].Sample.GetType() != kind.Sample.GetType())
                throw new ArgumentException($"Layer kind '{kind.Name}' is already registered by {s_kinds[i].Sample.GetType().FullName}; choose another name.", nameof(kind));
            s_kinds[i] = kind;
        }
    }

    /// <summary>Registers a kind whose spec has no settings: <paramref name="create"/> makes it.</summary>
    public static void Register<TSpec>(string summary, Func<TSpec> create) where TSpec : LayerSpec
    {
        ArgumentNullException.ThrowIfNull(create);
        TSpec sample = create();
        Register(new LayerKind(sample.KindName, summary, settings => settings.Length == 0
            ? create()
            : throw new FormatException($"layer kind '{sample.KindName}' takes no settings (got '{settings}')."), sample));
    }

    /// <summary>The kind registered under <paramref name="name"/>, or null.</summary>
    public static LayerKind? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (s_lock)
        {
            int i = IndexOf(name);
            return i < 0 ? null : s_kinds[i];
        }
    }

    /// <summary>How a file records <paramref name="spec"/>: "dense:128", "relu". Its kind must be registered (or loading it back could not work).</summary>
    public static string Token(LayerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string name = spec.KindName;
        if (Find(name) is null)
            throw new ArgumentException($"Layer kind '{name}' ({spec.GetType().FullName}) is not registered; call LayerCatalog.Register for it before saving a model that uses it.", nameof(spec));
        string settings = spec.Settings;
        if (settings.Contains(':', StringComparison.Ordinal) || settings.Any(char.IsWhiteSpace))
            throw new ArgumentException($"Layer kind '{name}': settings '{settings}' must not contain ':' or white space.", nameof(spec));
        return settings.Length == 0 ? name : name + ":" + settings;
    }

    /// <summary>
    /// The spec a token names. An unregistered kind or bad settings throw one
    /// <see cref="ArgumentException"/> that names the token and the registered kinds.
    /// </summary>
    public static LayerSpec Create(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        int colon = token.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? token : token[..colon];
        string settings = colon < 0 ? "" : token[(colon + 1)..];
        LayerKind kind = Find(name) ?? throw new ArgumentException(
            $"layer '{token}': kind '{name}' is not registered (registered: {string.Join(", ", Kinds.Select(k => k.Name))}); register a factory for it with LayerCatalog.Register before loading.", nameof(token));
        LayerSpec spec;
        try
        {
            spec = kind.Create(settings);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            throw new ArgumentException($"layer '{token}': {e.Message}", nameof(token), e);
        }
        if (spec is null || spec.KindName != name)
            throw new ArgumentException($"layer '{token}': the factory of kind '{name}' made {spec?.KindName ?? "null"}.", nameof(token));
        return spec;
    }

    private static int IndexOf(string name)
    {
        for (int i = 0; i < s_kinds.Count; i++)
            if (s_kinds[i].Name == name) return i;
        return -1;
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (char c in name)
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
                throw new ArgumentException($"Layer kind '{name}': a kind's name holds only lower-case letters, digits and '_'.", nameof(name));
    }

    private static List<LayerKind> BuiltIns() =>
    [
        new("dense", "y = x·Wᵀ + b, W [units, in]; settings: units[,nobias]", ParseDense, new Dense(5)),
        .. ActivationCatalog.Entries.Select(a => new LayerKind(a.Name, a.Summary, Plain(new Activation(a.Kind)), new Activation(a.Kind))),
        new("dropout", "y = x ⊙ mask / (1 − rate) in training, x at inference; settings: rate", s => new Dropout(Number(s, "rate")), new Dropout(0.3)),
        new("l0gate", "y = x ⊙ z, hard-concrete gates z with an expected-L0 penalty; settings: λ", s => Gate(Number(s, "λ")), new HardConcreteGate(0.1)),
        new("gaussiannoise", "y = x + σ·N(0, 1) in training, x at inference; settings: σ", s => new GaussianNoise(Number(s, "σ")), new GaussianNoise(0.3)),
        new("gaussiandropout", "y = x ⊙ N(1, rate/(1 − rate)) in training, x at inference; settings: rate", s => new GaussianDropout(Number(s, "rate")), new GaussianDropout(0.3)),
        new("activity", "y = x, adding (l1·Σ|x| + l2·Σx²)/B to the objective; settings: l1/l2", ParseActivity, new ActivityRegularization(0.1, 0.1)),
    ];

    private static ActivityRegularization ParseActivity(string settings)
    {
        string[] parts = settings.Split('/');
        if (parts.Length != 2) throw new FormatException($"activity takes 'l1/l2' (got '{settings}').");
        return new ActivityRegularization(Number(parts[0], "l1"), Number(parts[1], "l2"));
    }

    private static Func<string, LayerSpec> Plain(LayerSpec spec) => s => s.Length == 0 ? spec : throw new FormatException($"'{spec.KindName}' takes no settings (got '{s}').");

    private static Dense ParseDense(string settings)
    {
        string[] parts = settings.Split(',');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int units) || units < 1 || parts.Length > 2 || (parts.Length == 2 && parts[1] != "nobias"))
            throw new FormatException($"dense takes 'units' or 'units,nobias' with units ≥ 1 (got '{settings}').");
        return new Dense(units) { Bias = parts.Length == 1 };
    }

    private static double Number(string settings, string what) =>
        double.TryParse(settings, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"expected a number ({what}), got '{settings}'.");

    private static HardConcreteGate Gate(double lambda) =>
        lambda >= 0 ? new HardConcreteGate(lambda) : throw new ArgumentException($"λ must be non-negative (got {lambda.ToString(CultureInfo.InvariantCulture)}).");
}

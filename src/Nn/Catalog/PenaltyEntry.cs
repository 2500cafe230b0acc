namespace FastReg.Nn;

/// <summary>A penalty <c>fastreg gradcheck</c> checks, under the label its table shows.</summary>
/// <param name="Label">The row's name, e.g. "L2 λ 0.5".</param>
/// <param name="Penalty">The penalty, on a small dense network.</param>
public sealed record PenaltySample(string Label, Penalty Penalty);

/// <summary>
/// One regularizer whose strength a flag sets, in the <see cref="PenaltyCatalog"/>: its name, its CLI
/// token (the flag <c>--token</c> and the <c>sweep --penalty</c> choice), its formula, whether its
/// strength can be swept, and how a <see cref="Penalty"/> is made from that strength, through the
/// public builders (<see cref="Penalty.Ridge"/>, <see cref="Penalty.Lasso"/>, ...).
/// </summary>
public sealed class PenaltyEntry
{
    private readonly Func<double, double, L1Method, Penalty>? _create;
    private readonly Func<Penalty, Penalty, Penalty>? _overlay;
    private readonly Func<double, PenaltyTerm>? _term;

    internal PenaltyEntry(string name, string token, RegularizerForm form, string formula, string library,
        Func<double, double, L1Method, Penalty>? create = null, Func<Penalty, Penalty, Penalty>? overlay = null)
    {
        Name = name;
        Token = token;
        Form = form;
        Formula = formula;
        Library = library;
        _create = create;
        _overlay = overlay;
    }

    /// <summary>
    /// An entry for a <see cref="PenaltyTerm"/> of a strength: <see cref="Create"/> is <c>Penalty.None.With(term(λ))</c>,
    /// <see cref="SetOn"/> replaces the base penalty's term of that type, and the CLI makes its flag (<see cref="FlagDescription"/>).
    /// A new regularizer is its file (the term and its <see cref="Regularizer{T}"/>) plus one such entry.
    /// </summary>
    internal PenaltyEntry(string name, string token, RegularizerForm form, string formula, string library, string flagDescription, Func<double, PenaltyTerm> term)
        : this(name, token, form, formula, library)
    {
        ArgumentNullException.ThrowIfNull(flagDescription);
        _term = term;
        FlagDescription = flagDescription;
    }

    /// <summary>The name tables show: "L2", "elastic net", "max-norm".</summary>
    public string Name { get; }

    /// <summary>The CLI token: the flag is <c>--</c> followed by it, and a sweepable entry is a <c>sweep --penalty</c> choice: "l2", "elastic-net".</summary>
    public string Token { get; }

    /// <summary>What the strength sets.</summary>
    public RegularizerForm Form { get; }

    /// <summary>The formula, m the penalty's number of examples (the batch by default).</summary>
    public string Formula { get; }

    /// <summary>The public library API that makes it, e.g. "Penalty.Ridge(λ)".</summary>
    public string Library { get; }

    /// <summary>Whether its strength can be swept and chosen by cross-validation (<c>sweep --penalty</c>, <c>train --token auto</c>).</summary>
    public bool Sweepable { get; init; }

    /// <summary>Whether the linear solver (<c>FastReg.Nn.Linear.LinearSolver</c>) fits this term of the objective: L2, L1 and the elastic net.</summary>
    public bool LinearSolverFits { get; init; }

    /// <summary>Whether a smaller strength regularizes more (max-norm's c), for the one-standard-error rule.</summary>
    public bool SmallerIsStronger { get; init; }

    /// <summary>What the swept value is, where it is not plainly λ ("c", "the optimizer's"); "" otherwise.</summary>
    public string StrengthNote { get; init; } = "";

    /// <summary>The penalty <c>fastreg gradcheck</c> checks for this entry, or null (no gradient, or checked as a layer).</summary>
    public PenaltySample? GradCheckSample { get; init; }

    /// <summary>The help of the flag the CLI makes for this entry itself (an entry of a <see cref="PenaltyTerm"/>); null where the CLI declares the flag by hand.</summary>
    public string? FlagDescription { get; }

    /// <summary>The CLI flag, "--" and the token.</summary>
    public string Flag => "--" + Token;

    /// <summary>Whether the entry is a <see cref="Penalty"/> of a strength (<see cref="Create"/> works): a term or a constraint.</summary>
    public bool IsPenalty => _create is not null || _term is not null;

    /// <summary>
    /// The penalty of this entry alone at <paramref name="strength"/> (0 turns it off), by the public builder;
    /// <paramref name="l1Ratio"/> splits an elastic net, <paramref name="l1Method"/> says how an L1 term is applied.
    /// An entry that is not a penalty (<see cref="IsPenalty"/> false) throws.
    /// </summary>
    public Penalty Create(double strength, double l1Ratio = 0.5, L1Method l1Method = L1Method.Proximal) =>
        _term is { } term ? Penalty.None.With(term(strength))
        : _create is { } create ? create(strength, l1Ratio, l1Method) : throw NotAPenalty();

    /// <summary>
    /// <paramref name="basePenalty"/> with this entry's terms replaced by those of <see cref="Create"/> at
    /// <paramref name="strength"/>, everything else (other terms, the L1 method, the biases) kept: what a sweep
    /// over this entry's strength trains at each value.
    /// </summary>
    public Penalty SetOn(Penalty basePenalty, double strength, double l1Ratio = 0.5)
    {
        ArgumentNullException.ThrowIfNull(basePenalty);
        if (_term is { } term) return basePenalty.With(term(strength));
        return _overlay is { } overlay ? overlay(basePenalty, Create(strength, l1Ratio, basePenalty.L1Method)) : throw NotAPenalty();
    }

    /// <inheritdoc/>
    public override string ToString() => Token;

    private InvalidOperationException NotAPenalty() => new(Form switch
    {
        RegularizerForm.Optimizer => $"{Name} is not a Penalty: it is the optimizer's setting.",
        RegularizerForm.Layer => $"{Name} is not a Penalty: it is a setting of layers.",
        RegularizerForm.Scope => $"{Name} is not a Penalty of a strength: it says which tensors the penalties reach.",
        RegularizerForm.Term or RegularizerForm.Constraint => $"{Name} has no Penalty builder.",
        _ => throw new ArgumentOutOfRangeException(nameof(Form), Form, "Unknown regularizer form."),
    });
}

namespace FastReg.Nn;

/// <summary>How the L1 term is applied during training.</summary>
public enum L1Method
{
    /// <summary>Soft-thresholding after the optimizer step, w := sign(w)·max(|w| − η·λ/m, 0): reaches exact zeros.</summary>
    Proximal,

    /// <summary>Adds (λ/m)·sign(w) to the gradient (0 at w = 0): never produces exact zeros.</summary>
    Subgradient,
}

/// <summary>
/// The penalties on one layer's parameters (or, as <see cref="Sequential{T}.Penalty"/>, on every
/// layer that sets none). With m the number of examples the penalty is scaled by
/// (<see cref="Sequential{T}.PenaltyExamples"/>, by default the batch size of the step):
/// objective += (L2/2m)·Σ W² + (L1/m)·Σ |W|; gradient += (L2/m)·W (+ (L1/m)·sign W for the subgradient form).
/// Max-norm and top-k are constraints on the update, with no objective term.
/// Only weights are penalised unless <see cref="IncludeBiases"/> is set. The penalty is the builder of
/// the run-time regularizers (<see cref="Components{T}"/>, one <see cref="Regularizer{T}"/> per term,
/// one file each under src/Nn/Regularization/); the model applies them without knowing which they are.
/// </summary>
public sealed record Penalty
{
    /// <summary>λ of the L2 term (λ/2m)·||W||_F²; 0 turns it off.</summary>
    public double L2 { get; init; }

    /// <summary>λ of the L1 term (λ/m)·Σ|W|; 0 turns it off.</summary>
    public double L1 { get; init; }

    /// <summary>Proximal (default) or subgradient L1.</summary>
    public L1Method L1Method
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(L1Method), value, "L1Method must be Proximal or Subgradient.");
    } = L1Method.Proximal;

    /// <summary>Max-norm c: after each step every row (a unit's incoming weights) with L2 norm above c is rescaled to c; 0 turns it off.</summary>
    public double MaxNorm { get; init; }

    /// <summary>L0 by gradient restriction: each update keeps only the k largest |gradient| entries of the tensor; 0 turns it off.</summary>
    public int TopK { get; init; }

    /// <summary>Whether biases are penalised too (they are not by default).</summary>
    public bool IncludeBiases { get; init; }

    /// <summary>
    /// The regularizers beyond the named settings (<see cref="GroupLassoTerm"/>, or one of your own), at most one
    /// of each type, active ones only; applied after the named ones, in this order. Empty by default; add with <see cref="With"/>.
    /// </summary>
    public IReadOnlyList<PenaltyTerm> Terms
    {
        get;
        init => field = TermList(value);
    } = PenaltyTermList.Empty;

    /// <summary>No penalty.</summary>
    public static Penalty None { get; } = new();

    /// <summary>Ridge: (λ/2m)·Σ||W||_F².</summary>
    public static Penalty Ridge(double lambda) => new() { L2 = RequireNonNegative(lambda, nameof(lambda)) };

    /// <summary>Lasso: (λ/m)·Σ|W|, proximal by default.</summary>
    public static Penalty Lasso(double lambda, L1Method method = L1Method.Proximal) =>
        new() { L1 = RequireNonNegative(lambda, nameof(lambda)), L1Method = method };

    /// <summary>
    /// Elastic net as scikit-learn writes it: (λ/m)·(r·Σ|W| + (1 − r)/2·Σ W²), r = <paramref name="l1Ratio"/>.
    /// </summary>
    public static Penalty ElasticNet(double lambda, double l1Ratio, L1Method method = L1Method.Proximal)
    {
        RequireNonNegative(lambda, nameof(lambda));
        if (!(l1Ratio >= 0 && l1Ratio <= 1)) throw new ArgumentOutOfRangeException(nameof(l1Ratio), l1Ratio, "l1Ratio must lie in [0, 1].");
        return new() { L1 = lambda * l1Ratio, L2 = lambda * (1 - l1Ratio), L1Method = method };
    }

    /// <summary>Max-norm constraint: rows with L2 norm above c are rescaled to c after each step.</summary>
    public static Penalty MaxNormConstraint(double c) =>
        c > 0 ? new() { MaxNorm = c } : throw new ArgumentOutOfRangeException(nameof(c), c, "The max-norm c must be positive.");

    /// <summary>L0 by gradient restriction: keep the k largest |gradient| entries per update.</summary>
    public static Penalty L0TopK(int k) =>
        k > 0 ? new() { TopK = k } : throw new ArgumentOutOfRangeException(nameof(k), k, "k must be positive.");

    /// <summary>This penalty with <paramref name="term"/> added, in place of any term of the same type (dropped if the term is inactive, λ 0).</summary>
    public Penalty With(PenaltyTerm term)
    {
        ArgumentNullException.ThrowIfNull(term);
        term.Validate();
        var terms = new List<PenaltyTerm>(Terms.Count + 1);
        foreach (PenaltyTerm t in Terms)
            if (t.GetType() != term.GetType()) terms.Add(t);
        if (term.IsActive) terms.Add(term);
        return this with { Terms = terms };
    }

    /// <summary>Whether any term or constraint is active.</summary>
    public bool IsActive => L2 != 0 || L1 != 0 || MaxNorm != 0 || TopK != 0 || Terms.Count != 0;

    /// <summary>"none", or the active terms: "L2 0.01", "L1 0.001 (subgradient)", "max-norm 3", "top-k 10", "+biases".</summary>
    public override string ToString()
    {
        if (!IsActive) return "none";
        var terms = new List<string>(5);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        if (L2 != 0) terms.Add("L2 " + L2.ToString("G6", c));
        if (L1 != 0) terms.Add("L1 " + L1.ToString("G6", c) + (L1Method == L1Method.Subgradient ? " (subgradient)" : ""));
        if (MaxNorm != 0) terms.Add("max-norm " + MaxNorm.ToString("G6", c));
        if (TopK != 0) terms.Add("top-k " + TopK.ToString(c));
        foreach (PenaltyTerm t in Terms) terms.Add(t.Describe());
        if (IncludeBiases) terms.Add("+biases");
        return string.Join(", ", terms);
    }

    /// <summary>
    /// The regularizers this penalty puts on <paramref name="tensor"/>, in the order a step applies
    /// them: L2, L1 (proximal or subgradient), max-norm (weights only), top-k, then <see cref="Terms"/>. None for a tensor declared
    /// unpenalized, for a bias unless <see cref="IncludeBiases"/>, and for an inactive penalty.
    /// The model calls this once per tensor when its penalty is set, not per step.
    /// </summary>
    public IReadOnlyList<Regularizer<T>> Components<T>(ParameterTensor tensor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Validate(nameof(Penalty));
        var components = new List<Regularizer<T>>(4);
        if (!tensor.Penalized || !IsActive || (tensor.Kind == ParameterKind.Bias && !IncludeBiases)) return components;
        if (L2 != 0) components.Add(new L2Penalty<T>(L2));
        if (L1 != 0)
            components.Add(L1Method switch
            {
                L1Method.Proximal => new L1ProximalPenalty<T>(L1),
                L1Method.Subgradient => new L1SubgradientPenalty<T>(L1),
                _ => throw new InvalidOperationException($"Unknown L1Method {L1Method}."), // refused by the property
            });
        if (MaxNorm != 0 && tensor.Kind == ParameterKind.Weight) components.Add(new MaxNormProjection<T>(MaxNorm));
        if (TopK != 0) components.Add(new TopKGradientMask<T>(TopK));
        foreach (PenaltyTerm term in Terms)
            if (term.Create<T>(tensor) is { } component) components.Add(component);
        return components;
    }

    internal void Validate(string name)
    {
        if (!(L2 >= 0)) throw new ArgumentOutOfRangeException(name, L2, "Penalty.L2 must be a non-negative number.");
        if (!(L1 >= 0)) throw new ArgumentOutOfRangeException(name, L1, "Penalty.L1 must be a non-negative number.");
        if (!(MaxNorm >= 0)) throw new ArgumentOutOfRangeException(name, MaxNorm, "Penalty.MaxNorm must be a non-negative number.");
        if (TopK < 0) throw new ArgumentOutOfRangeException(name, TopK, "Penalty.TopK must not be negative.");
        foreach (PenaltyTerm t in Terms) t.Validate();
    }

    // One term per type, active ones only, compared element by element (PenaltyTermList).
    private static PenaltyTermList TermList(IReadOnlyList<PenaltyTerm> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var terms = new List<PenaltyTerm>(value.Count);
        foreach (PenaltyTerm t in value)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(value));
            foreach (PenaltyTerm kept in terms)
                if (kept.GetType() == t.GetType()) throw new ArgumentException($"Penalty.Terms holds two terms of type {t.GetType().Name}; a penalty has at most one of each.", nameof(value));
            if (t.IsActive) terms.Add(t);
        }
        return terms.Count == 0 ? PenaltyTermList.Empty : new PenaltyTermList([.. terms]);
    }

    private static double RequireNonNegative(double v, string name) =>
        v >= 0 && double.IsFinite(v) ? v : throw new ArgumentOutOfRangeException(name, v, $"'{name}' must be a finite non-negative number.");
}

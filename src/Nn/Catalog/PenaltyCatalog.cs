namespace FastReg.Nn;

/// <summary>
/// The regularizers whose strength a flag sets: the penalties and constraints of <see cref="Penalty"/>, its
/// scope, the optimizer's weight decay and the gates' λ. The CLI's flags and <c>sweep --penalty</c> choices,
/// <c>fastreg gradcheck</c>'s penalty rows, the main job's arms and the docs tables read this list.
/// </summary>
public static class PenaltyCatalog
{
    /// <summary>L2 (ridge), <see cref="Penalty.Ridge"/>.</summary>
    public static PenaltyEntry Ridge { get; } = new("L2", "l2", RegularizerForm.Term, "(λ/2m)·Σ W²", "Penalty.Ridge(λ)",
        (l, _, _) => Penalty.Ridge(l), (b, t) => b with { L2 = t.L2 })
    { Sweepable = true, LinearSolverFits = true, GradCheckSample = new("L2 λ 0.5", Penalty.Ridge(0.5)) };

    /// <summary>L1 (lasso), <see cref="Penalty.Lasso"/>.</summary>
    public static PenaltyEntry Lasso { get; } = new("L1", "l1", RegularizerForm.Term, "(λ/m)·Σ |W|, proximal or subgradient", "Penalty.Lasso(λ, L1Method)",
        (l, _, method) => Penalty.Lasso(l, method), (b, t) => b with { L1 = t.L1 })
    { Sweepable = true, LinearSolverFits = true, GradCheckSample = new("L1 λ 0.5 (subgradient)", Penalty.Lasso(0.5, L1Method.Subgradient)) };

    /// <summary>Elastic net as scikit-learn splits it, <see cref="Penalty.ElasticNet"/>.</summary>
    public static PenaltyEntry ElasticNet { get; } = new("elastic net", "elastic-net", RegularizerForm.Term, "(λ/m)·(r·Σ |W| + (1 − r)/2·Σ W²)", "Penalty.ElasticNet(λ, r)",
        Penalty.ElasticNet, (b, t) => b with { L1 = t.L1, L2 = t.L2 })
    {
        Sweepable = true,
        LinearSolverFits = true,
        StrengthNote = "λ split by --l1-ratio",
        GradCheckSample = new("elastic net λ 0.5, r 0.5", Penalty.ElasticNet(0.5, 0.5, L1Method.Subgradient)),
    };

    /// <summary>Group lasso on units, <see cref="GroupLassoTerm"/>: a <see cref="PenaltyTerm"/>, the model for a new regularizer.</summary>
    public static PenaltyEntry GroupLasso { get; } = new("group lasso", "group-lasso", RegularizerForm.Term, "(λ/m)·Σ_unit ‖w_unit‖₂ (each row of a weight)", "Penalty.None.With(new GroupLassoTerm(λ))",
        "Group lasso λ on units: (λ/m)·Σ‖W_row‖₂ over each unit's incoming weights, pushing whole units toward 0; 'auto' (train) chooses λ by k-fold cross-validation.",
        l => new GroupLassoTerm(l))
    { Sweepable = true, GradCheckSample = new("group lasso λ 0.5", Penalty.None.With(new GroupLassoTerm(0.5))) };

    /// <summary>The terms and constraints on the biases too, <see cref="Penalty.IncludeBiases"/>.</summary>
    public static PenaltyEntry Biases { get; } = new("penalized biases", "penalize-biases", RegularizerForm.Scope, "the terms and constraints above on the biases too", "Penalty.IncludeBiases")
    { GradCheckSample = new("L2 on biases too", Penalty.Ridge(0.5) with { IncludeBiases = true }) };

    /// <summary>Max-norm, <see cref="Penalty.MaxNormConstraint"/>; c = 0 turns it off.</summary>
    public static PenaltyEntry MaxNorm { get; } = new("max-norm", "max-norm", RegularizerForm.Constraint, "‖w_unit‖₂ ≤ c after each step (rows above c rescaled to c)", "Penalty.MaxNormConstraint(c)",
        (c, _, _) => c == 0 ? Penalty.None : Penalty.MaxNormConstraint(c), (b, t) => b with { MaxNorm = t.MaxNorm })
    { Sweepable = true, SmallerIsStronger = true, StrengthNote = "c" };

    /// <summary>L0 by gradient restriction, <see cref="Penalty.L0TopK"/>; k = 0 turns it off.</summary>
    public static PenaltyEntry TopK { get; } = new("top-k", "top-k", RegularizerForm.Constraint, "each update keeps the k largest |gradient| entries of a tensor", "Penalty.L0TopK(k)",
        (k, _, _) => k == 0 ? Penalty.None : Penalty.L0TopK(WholeNumber(k)), (b, t) => b with { TopK = t.TopK });

    /// <summary>The optimizer's weight decay (coupled for SGD and Adam, decoupled for AdamW).</summary>
    public static PenaltyEntry WeightDecay { get; } = new("weight decay", "weight-decay", RegularizerForm.Optimizer, "g += wd·w (SGD, Adam); w −= η·wd·w (AdamW)", "new Sgd/Adam/AdamW(weightDecay: wd)")
    { Sweepable = true, StrengthNote = "the optimizer's" };

    /// <summary>L0 by hard-concrete gates on the hidden units, <see cref="HardConcreteGate"/>.</summary>
    public static PenaltyEntry L0Gates { get; } = new("L0 gates", "l0-gates", RegularizerForm.Layer, "(λ/m)·Σ P(gate open), hard-concrete gates on each hidden layer's units", "new HardConcreteGate(λ)")
    { Sweepable = true, StrengthNote = "the hard-concrete gates' λ" };

    /// <summary>Every entry, in the order tables list them.</summary>
    public static IReadOnlyList<PenaltyEntry> Entries { get; } = [Ridge, Lasso, ElasticNet, GroupLasso, Biases, MaxNorm, TopK, WeightDecay, L0Gates];

    /// <summary>The entries whose strength can be swept, in order: the <c>sweep --penalty</c> choices.</summary>
    public static IReadOnlyList<PenaltyEntry> Swept { get; } = [.. Entries.Where(e => e.Sweepable)];

    /// <summary>The entry of a CLI token ("elastic-net"), or null.</summary>
    public static PenaltyEntry? Find(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        foreach (PenaltyEntry e in Entries)
            if (e.Token == token) return e;
        return null;
    }

    private static int WholeNumber(double k) =>
        k == Math.Floor(k) && k >= 1 && k <= int.MaxValue ? (int)k : throw new ArgumentOutOfRangeException(nameof(k), k, "k must be a positive whole number.");
}

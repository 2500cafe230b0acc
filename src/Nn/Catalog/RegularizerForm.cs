namespace FastReg.Nn;

/// <summary>What the strength of a <see cref="PenaltyEntry"/> sets, and so how a model takes it.</summary>
public enum RegularizerForm
{
    /// <summary>A term of the objective (L2, L1, elastic net) in <see cref="Penalty"/>: differentiable (L1 as its subgradient), fitted by the linear solver.</summary>
    Term,

    /// <summary>A constraint on each update (max-norm, top-k) in <see cref="Penalty"/>: no objective term, no gradient to check.</summary>
    Constraint,

    /// <summary>Which tensors the terms and constraints reach (<see cref="Penalty.IncludeBiases"/>); no strength of its own.</summary>
    Scope,

    /// <summary>The optimizer's weight decay (<see cref="Sgd.WeightDecay"/>, <see cref="Adam.WeightDecay"/>), not a <see cref="Penalty"/>.</summary>
    Optimizer,

    /// <summary>A setting of layers (the hard-concrete gates' λ, <see cref="HardConcreteGate.Lambda"/>), not a <see cref="Penalty"/>.</summary>
    Layer,
}

namespace FastReg.Nn.Linear;

/// <summary>
/// OWL-QN's line search: backtracking (halving) along the orthant-projected path until
/// f(π(θ + a·d)) ≤ f(θ) + c₁·◇fᵀ(π(θ + a·d) − θ), c₁ = 1e-4 (Andrew and Gao 2007). The Wolfe
/// curvature condition does not apply across the projection, so a pair may fail sᵀy &gt; 0; the history skips it.
/// </summary>
internal sealed class OrthantWiseLineSearch(LinearObjective objective)
{
    private const double C1 = 1e-4;
    private const int MaxHalvings = 60;

    /// <summary>On success the accepted point, its smooth gradient and its full objective (L1 included) are in the trial buffers.</summary>
    public bool Search(ReadOnlySpan<double> theta, double value, ReadOnlySpan<double> pseudo, ReadOnlySpan<double> direction, double step,
        Span<double> trial, Span<double> trialGradient, out double trialValue, ref int evaluations)
    {
        int penalized = objective.PenalizedCount;
        for (int i = 0; i < MaxHalvings; i++, step *= 0.5)
        {
            OrthantWise.ProjectedStep(theta, direction, step, pseudo, penalized, trial);
            evaluations++;
            double f = objective.Evaluate(trial, trialGradient) + objective.L1Term(trial);
            // ◇fᵀ(trial − θ) = ◇fᵀtrial − ◇fᵀθ, without a buffer for the difference.
            double decrease = NnKernels.Dot<double>(pseudo, trial) - NnKernels.Dot<double>(pseudo, theta);
            if (f <= value + C1 * decrease)
            {
                trialValue = f;
                return true;
            }
        }
        trialValue = value;
        return false;
    }
}

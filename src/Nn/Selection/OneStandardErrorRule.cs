namespace FastReg.Nn.Selection;

/// <summary>
/// Picks λ from cross-validated scores (lower is better: a loss or an error rate).
/// The best λ minimises the mean score; the one-standard-error λ is the largest λ whose mean
/// is within one standard error (of the best λ's mean) of the best mean — the most regularized
/// model that is statistically indistinguishable from the best (Hastie, Tibshirani and Friedman,
/// ESL 7.10; glmnet's lambda.1se). For a bound where a smaller value regularizes more (max-norm c),
/// <c>smallerIsStronger</c> turns both the rule and the tie-break around: the smallest value wins
/// (0, no bound at all, counts as the weakest).
/// </summary>
public static class OneStandardErrorRule
{
    /// <summary>Returns the indices of the best λ and of the one-standard-error λ.</summary>
    /// <param name="lambdas">The grid, any order, no duplicates needed.</param>
    /// <param name="mean">Mean score per λ over the folds.</param>
    /// <param name="standardError">Standard error of that mean per λ (fold std / √k).</param>
    /// <param name="smallerIsStronger">True where a smaller value is the more regularized model (a max-norm bound c).</param>
    public static (int Best, int OneStandardError) Choose(ReadOnlySpan<double> lambdas, ReadOnlySpan<double> mean, ReadOnlySpan<double> standardError,
        bool smallerIsStronger = false)
    {
        if (lambdas.Length == 0) throw new ArgumentException("The λ grid is empty.", nameof(lambdas));
        if (mean.Length != lambdas.Length) throw new ArgumentException($"{mean.Length} means for {lambdas.Length} λ values.", nameof(mean));
        if (standardError.Length != lambdas.Length)
            throw new ArgumentException($"{standardError.Length} standard errors for {lambdas.Length} λ values.", nameof(standardError));

        int best = -1;
        for (int i = 0; i < mean.Length; i++)
        {
            if (double.IsNaN(mean[i])) continue; // a diverged λ never wins
            // Ties go to the more regularized value: the simpler model.
            if (best < 0 || mean[i] < mean[best] || (mean[i] == mean[best] && Stronger(lambdas[i], lambdas[best], smallerIsStronger))) best = i;
        }
        if (best < 0) throw new ArgumentException("Every λ has a NaN score.", nameof(mean));

        double threshold = mean[best] + (double.IsNaN(standardError[best]) ? 0 : standardError[best]);
        int oneSe = best;
        for (int i = 0; i < mean.Length; i++)
            if (mean[i] <= threshold && Stronger(lambdas[i], lambdas[oneSe], smallerIsStronger)) oneSe = i;
        return (best, oneSe);
    }

    // A bound of 0 means no bound (Penalty.MaxNorm = 0): the weakest, not the strongest, value.
    private static bool Stronger(double a, double b, bool smallerIsStronger) =>
        smallerIsStronger ? (a == 0 ? double.PositiveInfinity : a) < (b == 0 ? double.PositiveInfinity : b) : a > b;

    /// <summary>Standard error of the mean of <paramref name="scores"/>: sample std (n − 1) / √n; 0 for one score.</summary>
    public static double StandardError(ReadOnlySpan<double> scores)
    {
        int n = scores.Length;
        if (n == 0) throw new ArgumentException("No scores.", nameof(scores));
        if (n == 1) return 0;
        double mean = 0;
        foreach (double s in scores) mean += s;
        mean /= n;
        double ss = 0;
        foreach (double s in scores) ss += (s - mean) * (s - mean);
        return Math.Sqrt(ss / (n - 1)) / Math.Sqrt(n);
    }
}

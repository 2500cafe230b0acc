namespace FastReg.Nn;

/// <summary>
/// Lasso by its subgradient: (λ/m)·Σ|W|, gradient (λ/m)·sign(W) with sign(0) = 0. Never reaches exact
/// zeros. <see cref="L1ProximalPenalty{T}"/> is the same term applied by soft-thresholding instead.
/// </summary>
internal class L1SubgradientPenalty<T>(double lambda) : Regularizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _lambda = T.CreateTruncating(lambda);

    /// <summary>λ as given (the proximal threshold is formed from it in double).</summary>
    protected double Lambda { get; } = lambda;

    // w [n] -> (λ/m)·Σ |w|
    public override T Objective(ReadOnlySpan<T> w, T invM) => _lambda * invM * NnKernels.L1Norm(w);

    // g [n] += (λ/m)·sign(w)
    public override void AddGradient(ReadOnlySpan<T> w, Span<T> g, T invM) => NnKernels.AddScaledSign(_lambda * invM, w, g);

    // |w| has its kink at 0: two bits per weight (positive, negative, zero), 32 weights per word.
    public override ulong KinkSignature(ReadOnlySpan<T> w, ulong signature)
    {
        ulong word = 0;
        for (int e = 0; e < w.Length; e++)
        {
            word = word << 2 | (w[e] > T.Zero ? 1UL : w[e] < T.Zero ? 2UL : 3UL);
            if ((e & 31) == 31) { signature = CounterRandom.Mix(signature ^ word); word = 0; }
        }
        return CounterRandom.Mix(signature ^ word);
    }
}

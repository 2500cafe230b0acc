namespace FastReg.Nn;

/// <summary>Ridge, the Frobenius form: (λ/2m)·||W||², gradient (λ/m)·W (weight decay under SGD).</summary>
internal sealed class L2Penalty<T>(double lambda) : Regularizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _lambda = T.CreateTruncating(lambda);

    // w [n] -> (λ/m)·Σ w² / 2
    public override T Objective(ReadOnlySpan<T> w, T invM) => _lambda * invM * NnKernels.SumOfSquares(w) / (T.One + T.One);

    // g [n] += (λ/m)·w
    public override void AddGradient(ReadOnlySpan<T> w, Span<T> g, T invM) => NnKernels.Axpy(_lambda * invM, w, g);
}

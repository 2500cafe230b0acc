namespace FastReg.Nn;

/// <summary>y = 1 / (1 + e^−x); its derivative y·(1 − y) reads the output.</summary>
internal sealed class SigmoidFunction : ActivationFunction
{
    public override void Forward<T>(ReadOnlySpan<T> x, Span<T> y) => NnKernels.Sigmoid(x, y);

    public override void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => NnKernels.SigmoidBackward(y, dy, dx);
}

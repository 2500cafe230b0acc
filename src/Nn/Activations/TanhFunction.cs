namespace FastReg.Nn;

/// <summary>y = tanh(x); its derivative 1 − y² reads the output.</summary>
internal sealed class TanhFunction : ActivationFunction
{
    public override void Forward<T>(ReadOnlySpan<T> x, Span<T> y) => NnKernels.Tanh(x, y);

    public override void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => NnKernels.TanhBackward(y, dy, dx);
}

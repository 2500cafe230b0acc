namespace FastReg.Nn;

/// <summary>y = max(x, 0); its derivative reads x, and its kink at 0 is hashed by the sign of every input.</summary>
internal sealed class ReluFunction : ActivationFunction
{
    public override void Forward<T>(ReadOnlySpan<T> x, Span<T> y) => NnKernels.Relu(x, y);

    public override void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => NnKernels.ReluBackward(x, dy, dx);

    public override ulong KinkSignature<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) => SignSignature(x);
}

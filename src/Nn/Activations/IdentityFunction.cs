namespace FastReg.Nn;

/// <summary>y = x: forward and backward are copies (no kernel; a linear output layer's activation).</summary>
internal sealed class IdentityFunction : ActivationFunction
{
    public override void Forward<T>(ReadOnlySpan<T> x, Span<T> y) => x.CopyTo(y);

    public override void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => dy.CopyTo(dx);
}

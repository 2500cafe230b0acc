namespace FastReg.Nn;

/// <summary>
/// What an <see cref="Activation"/> layer computes, element by element over a whole batch: its forward,
/// its backward and, for gradient checks, the signature of its kinks. Each <see cref="ActivationEntry"/>
/// holds one; the layer looks it up once when it is built, so a step makes one virtual call per layer
/// per batch, never one per element. Implementations are stateless (inference sessions on several
/// threads share them) and allocate nothing. x, y, dy and dx have the same length and never overlap.
/// </summary>
public abstract class ActivationFunction
{
    /// <summary>y = f(x), writing every element of <paramref name="y"/>.</summary>
    public abstract void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// dx = f′·dy, overwriting <paramref name="dx"/>; <paramref name="x"/> is the forward's input and
    /// <paramref name="y"/> its output, so a derivative reads whichever it is written in (ReLU x, tanh y).
    /// </summary>
    public abstract void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// For gradient checks: a hash of which side of each kink the forward of <paramref name="x"/> sat
    /// (<see cref="Layer{T}.KinkSignature"/>). 0, the default, says the function is smooth.
    /// </summary>
    public virtual ulong KinkSignature<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T> => 0;

    /// <summary>The signature of a kink at 0 of every element: the hash of which of <paramref name="x"/> are positive.</summary>
    protected static ulong SignSignature<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Layer<T>.SignSignature(x);
}

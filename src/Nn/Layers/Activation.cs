using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>Elementwise nonlinearities.</summary>
public enum ActivationKind
{
    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>tanh(x).</summary>
    Tanh,

    /// <summary>1 / (1 + e^−x).</summary>
    Sigmoid,

    /// <summary>x.</summary>
    Identity,
}

/// <summary>An elementwise activation layer.</summary>
/// <param name="Kind">Which function.</param>
public sealed record Activation(ActivationKind Kind) : LayerSpec
{
    /// <summary>Which function; an undefined value (a cast integer) is refused rather than silently computing nothing.</summary>
    public ActivationKind Kind { get; init => field = Defined(value); } = Defined(Kind);

    private static ActivationKind Defined(ActivationKind kind) =>
        Enum.IsDefined(kind) ? kind : throw new ArgumentOutOfRangeException(nameof(kind), kind, "ActivationKind must be Relu, Tanh, Sigmoid or Identity.");

    /// <summary>"relu", "tanh", "sigmoid" or "identity" (<see cref="ActivationCatalog"/>): each activation is its own kind in files.</summary>
    public override string KindName => ActivationCatalog.Name(Kind);

    /// <inheritdoc/>
    public override int OutputSize(int inputSize) => inputSize;

    /// <inheritdoc/>
    public override long ParameterCount(int inputSize) => 0;

    /// <inheritdoc/>
    public override bool IsElementwise => true;

    /// <inheritdoc/>
    public override Layer<T> Build<T>(LayerBuilder<T> build) =>
        Enum.IsDefined(Kind) ? new ActivationLayer<T>(Kind, build) : throw new ArgumentOutOfRangeException(nameof(build), Kind, $"Layer {build.Index}: unknown activation {Kind}.");
}

/// <summary>Activation forward and backward, side by side.</summary>
internal sealed class ActivationLayer<T>(ActivationKind kind, LayerBuilder<T> build)
    : Layer<T>(build, build.InputSize) where T : unmanaged, IFloatingPointIeee754<T>
{
    // x [B, n] -> y [B, n]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode)
    {
        int n = batch * InputSize;
        ReadOnlySpan<T> xs = x[..n];
        Span<T> ys = y[..n];
        switch (kind)
        {
            case ActivationKind.Relu: NnKernels.Relu(xs, ys); break;
            case ActivationKind.Tanh: NnKernels.Tanh(xs, ys); break;
            case ActivationKind.Sigmoid: NnKernels.Sigmoid(xs, ys); break;
            case ActivationKind.Identity: xs.CopyTo(ys); break;
            default: throw new InvalidOperationException($"Unknown activation {kind}."); // refused at build
        }
    }

    // dy [B, n] -> dx [B, n]: ReLU reads x, tanh and sigmoid read y
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
    {
        if (!needDx) return;
        int n = batch * InputSize;
        switch (kind)
        {
            case ActivationKind.Relu: NnKernels.ReluBackward(x[..n], dy[..n], dx[..n]); break;
            case ActivationKind.Tanh: NnKernels.TanhBackward(y[..n], dy[..n], dx[..n]); break;
            case ActivationKind.Sigmoid: NnKernels.SigmoidBackward(y[..n], dy[..n], dx[..n]); break;
            case ActivationKind.Identity: dy[..n].CopyTo(dx); break;
            default: throw new InvalidOperationException($"Unknown activation {kind}."); // refused at build
        }
    }

    // ReLU's kink is at x = 0: the signature hashes the sign bit of every input (the others are smooth).
    public override ulong KinkSignature(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int batch)
    {
        if (kind != ActivationKind.Relu) return 0;
        return SignSignature(x[..(batch * InputSize)]);
    }
}

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
    /// <inheritdoc/>
    public override int OutputSize(int inputSize) => inputSize;

    internal override Layer<T> Build<T>(LayerBuild<T> build) => new ActivationLayer<T>(Kind, build);
}

/// <summary>Activation forward and backward, side by side.</summary>
internal sealed class ActivationLayer<T>(ActivationKind kind, LayerBuild<T> build)
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
            default: xs.CopyTo(ys); break;
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
            default: dy[..n].CopyTo(dx); break;
        }
    }
}

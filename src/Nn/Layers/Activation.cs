using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>An elementwise activation layer.</summary>
/// <param name="Kind">Which function.</param>
public sealed record Activation(ActivationKind Kind) : LayerSpec
{
    /// <summary>Which function; an undefined value (a cast integer) is refused rather than silently computing nothing.</summary>
    public ActivationKind Kind { get; init => field = Defined(value); } = Defined(Kind);

    private static ActivationKind Defined(ActivationKind kind) =>
        Enum.IsDefined(kind) ? kind : throw new ArgumentOutOfRangeException(nameof(kind), kind, $"ActivationKind must be {Choices()}.");

    // "Relu, Tanh, Sigmoid or Identity": the values, so a new one needs no edit here.
    private static string Choices()
    {
        string[] names = Enum.GetNames<ActivationKind>();
        return names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
    }

    /// <summary>Its name in <see cref="ActivationCatalog"/> ("relu", "tanh", ...): each activation is its own kind in files.</summary>
    public override string KindName => ActivationCatalog.Name(Kind);

    /// <inheritdoc/>
    public override int OutputSize(int inputSize) => inputSize;

    /// <inheritdoc/>
    public override long ParameterCount(int inputSize) => 0;

    /// <inheritdoc/>
    public override bool IsElementwise => true;

    /// <inheritdoc/>
    public override Layer<T> Build<T>(LayerBuilder<T> build) =>
        Enum.IsDefined(Kind) ? new ActivationLayer<T>(ActivationCatalog.Entry(Kind).Function, build) : throw new ArgumentOutOfRangeException(nameof(build), Kind, $"Layer {build.Index}: unknown activation {Kind}.");
}

/// <summary>
/// An activation at run time: its <see cref="ActivationFunction"/>, looked up once at build, applied to
/// the batch's first batch·n elements (one virtual call per batch).
/// </summary>
internal sealed class ActivationLayer<T>(ActivationFunction function, LayerBuilder<T> build)
    : Layer<T>(build, build.InputSize) where T : unmanaged, IFloatingPointIeee754<T>
{
    // x [B, n] -> y [B, n]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode)
    {
        int n = batch * InputSize;
        function.Forward(x[..n], y[..n]);
    }

    // dy [B, n] -> dx [B, n]: the function reads x or y, whichever its derivative is written in
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
    {
        if (!needDx) return;
        int n = batch * InputSize;
        function.Backward(x[..n], y[..n], dy[..n], dx[..n]);
    }

    public override ulong KinkSignature(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int batch)
    {
        int n = batch * InputSize;
        return function.KinkSignature(x[..n], y[..n]);
    }
}

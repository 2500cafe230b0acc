using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>
/// Multiplicative Gaussian noise, Keras's GaussianDropout(rate): in training y = x·(1 + s·n) with
/// n ~ N(0, 1) per element and s = √(rate/(1 − rate)), the variance of inverted dropout at that rate; at
/// inference the identity. The noise is keyed by (seed, step, layer, element) like <see cref="Dropout"/>'s mask.
/// </summary>
/// <param name="Rate">Drop probability the noise matches, in [0, 1).</param>
public sealed record GaussianDropout(double Rate) : LayerSpec
{
    /// <summary>Drop probability the noise matches, in [0, 1).</summary>
    public double Rate { get; init; } = Rate >= 0 && Rate < 1
        ? Rate
        : throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "The Gaussian dropout rate must lie in [0, 1).");

    /// <inheritdoc/>
    public override string KindName => "gaussiandropout";

    /// <summary>How a model file records the settings.</summary>
    public override string Settings => Rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override int OutputSize(int inputSize) => inputSize;

    /// <inheritdoc/>
    public override long ParameterCount(int inputSize) => 0;

    /// <inheritdoc/>
    public override long WorkspacePerRow(int inputSize) => inputSize; // the step's mask

    /// <inheritdoc/>
    public override bool IsElementwise => true;

    /// <inheritdoc/>
    public override Layer<T> Build<T>(LayerBuilder<T> build) => new GaussianDropoutLayer<T>(Rate, build);
}

/// <summary>GaussianDropout forward and backward, side by side.</summary>
internal sealed class GaussianDropoutLayer<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double _stdDev;
    private readonly T[] _mask; // [maxBatch, n]: 1 + s·noise of the last training pass
    private bool _masked;

    public GaussianDropoutLayer(double rate, LayerBuilder<T> build) : base(build, build.InputSize)
    {
        _stdDev = Math.Sqrt(rate / (1 - rate));
        _mask = new T[build.MaxBatch * build.InputSize];
    }

    // x [B, n] -> y [B, n] = x ⊙ mask (training) or x (inference)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode)
    {
        int n = batch * InputSize;
        if (!mode.Training)
        {
            x[..n].CopyTo(y); // inference touches no layer state
            return;
        }
        _masked = _stdDev > 0;
        if (!_masked)
        {
            x[..n].CopyTo(y);
            return;
        }
        ulong key = CounterRandom.StreamKey(mode.Seed, mode.Step, Index);
        Span<T> mask = _mask.AsSpan(0, n);
        for (int e = 0; e < n; e++) mask[e] = T.CreateTruncating(1 + _stdDev * CounterRandom.Normal(key, e));
        NnKernels.Multiply(x[..n], mask, y[..n]);
    }

    // dy [B, n] -> dx [B, n] = dy ⊙ mask
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
    {
        if (!needDx) return;
        int n = batch * InputSize;
        if (_masked) NnKernels.Multiply(dy[..n], _mask.AsSpan(0, n), dx[..n]);
        else dy[..n].CopyTo(dx);
    }
}

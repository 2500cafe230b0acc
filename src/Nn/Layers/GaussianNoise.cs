using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>
/// Additive Gaussian noise, Keras's GaussianNoise(stddev): in training y = x + σ·n with n ~ N(0, 1) per
/// element; at inference the identity. The noise of element e of a step is a pure function of
/// (seed, step, layer, e) (<see cref="CounterRandom"/>), like <see cref="Dropout"/>'s mask.
/// </summary>
/// <param name="StdDev">σ, finite and ≥ 0.</param>
public sealed record GaussianNoise(double StdDev) : LayerSpec
{
    /// <summary>σ, finite and ≥ 0.</summary>
    public double StdDev { get; init; } = StdDev >= 0 && double.IsFinite(StdDev)
        ? StdDev
        : throw new ArgumentOutOfRangeException(nameof(StdDev), StdDev, "The Gaussian noise's standard deviation must be finite and non-negative.");

    /// <inheritdoc/>
    public override string KindName => "gaussiannoise";

    /// <summary>How a model file records the settings.</summary>
    public override string Settings => StdDev.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override int OutputSize(int inputSize) => inputSize;

    /// <inheritdoc/>
    public override long ParameterCount(int inputSize) => 0;

    /// <inheritdoc/>
    public override bool IsElementwise => true;

    /// <inheritdoc/>
    public override Layer<T> Build<T>(LayerBuilder<T> build) => new GaussianNoiseLayer<T>(StdDev, build);
}

/// <summary>GaussianNoise forward and backward, side by side.</summary>
internal sealed class GaussianNoiseLayer<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double _stdDev;

    public GaussianNoiseLayer(double stdDev, LayerBuilder<T> build) : base(build, build.InputSize) => _stdDev = stdDev;

    // x [B, n] -> y [B, n] = x + σ·noise (training) or x (inference)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode)
    {
        int n = batch * InputSize;
        if (!mode.Training || _stdDev == 0)
        {
            x[..n].CopyTo(y); // inference touches no layer state
            return;
        }
        ulong key = CounterRandom.StreamKey(mode.Seed, mode.Step, Index);
        for (int e = 0; e < n; e++) y[e] = x[e] + T.CreateTruncating(_stdDev * CounterRandom.Normal(key, e));
    }

    // the noise is additive: dx = dy
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
    {
        if (needDx) dy[..(batch * InputSize)].CopyTo(dx);
    }
}

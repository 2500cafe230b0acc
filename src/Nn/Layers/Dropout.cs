using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>
/// Inverted dropout: in training each unit is kept with probability 1 − <paramref name="Rate"/> and
/// kept values are scaled by 1/(1 − Rate); at inference it is the identity. The mask of element e of
/// a step is a pure function of (seed, step, layer, e) (<see cref="CounterRandom"/>).
/// </summary>
/// <param name="Rate">Probability of dropping a unit, in [0, 1).</param>
public sealed record Dropout(double Rate) : LayerSpec
{
    /// <summary>Probability of dropping a unit, in [0, 1).</summary>
    public double Rate { get; init; } = Rate >= 0 && Rate < 1
        ? Rate
        : throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "The dropout rate must lie in [0, 1).");

    /// <inheritdoc/>
    public override string KindName => "dropout";

    /// <summary>The rate, round-trip formatted.</summary>
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
    public override Layer<T> Build<T>(LayerBuilder<T> build) => new DropoutLayer<T>(Rate, build);
}

/// <summary>Dropout forward and backward, side by side.</summary>
internal sealed class DropoutLayer<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double _keep;
    private readonly T _scale;
    private readonly T[] _mask; // [maxBatch, n]: 0 or 1/keep for the last training pass
    private bool _masked;

    public DropoutLayer(double rate, LayerBuilder<T> build) : base(build, build.InputSize)
    {
        _keep = 1 - rate;
        _scale = T.One / T.CreateTruncating(_keep);
        _mask = new T[build.MaxBatch * build.InputSize];
    }

    // x [B, n] -> y [B, n] = x ⊙ mask (training) or x (inference)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode)
    {
        int n = batch * InputSize;
        if (!mode.Training)
        {
            // Inference touches no layer state: sessions on other threads run this layer at the same time.
            x[..n].CopyTo(y);
            return;
        }
        _masked = _keep < 1;
        if (!_masked)
        {
            x[..n].CopyTo(y);
            return;
        }
        ulong key = CounterRandom.StreamKey(mode.Seed, mode.Step, Index);
        Span<T> mask = _mask.AsSpan(0, n);
        for (int e = 0; e < n; e++) mask[e] = CounterRandom.Uniform(key, e) < _keep ? _scale : T.Zero;
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

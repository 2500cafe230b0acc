using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>
/// An L1/L2 penalty on the activations that pass through, Keras's ActivityRegularization(l1, l2) layer
/// (what activity_regularizer adds after a layer): the identity on its input x, adding
/// (l1·Σ|x| + l2·Σx²)/B to the objective, B the batch size (Keras divides the activity loss by the batch
/// size), so dx = dy + (l1·sign(x) + 2·l2·x)/B. Place it after the layer whose outputs it should keep small or sparse.
/// The term is computed in training passes (the trainer's steps and the gradient checker); inference passes leave it out.
/// </summary>
/// <param name="L1">Weight of Σ|x|, ≥ 0.</param>
/// <param name="L2">Weight of Σx², ≥ 0.</param>
public sealed record ActivityRegularization(double L1, double L2) : LayerSpec
{
    /// <summary>Weight of Σ|x|, finite and ≥ 0.</summary>
    public double L1 { get; init; } = L1 >= 0 && double.IsFinite(L1) ? L1 : throw new ArgumentOutOfRangeException(nameof(L1), L1, "The activity L1 weight must be finite and non-negative.");

    /// <summary>Weight of Σx², finite and ≥ 0.</summary>
    public double L2 { get; init; } = L2 >= 0 && double.IsFinite(L2) ? L2 : throw new ArgumentOutOfRangeException(nameof(L2), L2, "The activity L2 weight must be finite and non-negative.");

    /// <inheritdoc/>
    public override string KindName => "activity";

    /// <summary>How a model file records the settings.</summary>
    public override string Settings => L1.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "/" + L2.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override int OutputSize(int inputSize) => inputSize;

    /// <inheritdoc/>
    public override long ParameterCount(int inputSize) => 0;

    /// <inheritdoc/>
    public override string? OwnPenaltySummary =>
        $"activity L1 {L1.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}, L2 {L2.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <inheritdoc/>
    public override bool IsElementwise => true;

    /// <inheritdoc/>
    public override Layer<T> Build<T>(LayerBuilder<T> build) => new ActivityRegularizationLayer<T>(this, build);
}

/// <summary>ActivityRegularization forward, backward and penalty, side by side.</summary>
internal sealed class ActivityRegularizationLayer<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _l1, _l2;
    private T _penalty; // (l1·Σ|x| + l2·Σx²)/B of the last training pass

    public ActivityRegularizationLayer(ActivityRegularization spec, LayerBuilder<T> build) : base(build, build.InputSize)
    {
        _l1 = T.CreateTruncating(spec.L1);
        _l2 = T.CreateTruncating(spec.L2);
    }

    // x [B, n] -> y = x; training passes also record the penalty
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode)
    {
        int n = batch * InputSize;
        x[..n].CopyTo(y);
        if (!mode.Training) return; // inference touches no layer state
        ReadOnlySpan<T> xs = x[..n];
        T term = T.Zero;
        if (_l1 != T.Zero) term += _l1 * NnKernels.L1Norm(xs);
        if (_l2 != T.Zero) term += _l2 * NnKernels.SumOfSquares(xs);
        _penalty = term / T.CreateTruncating(batch);
    }

    // dx = dy + (l1·sign(x) + 2·l2·x)/B
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
    {
        if (!needDx) return;
        int n = batch * InputSize;
        dy[..n].CopyTo(dx);
        T invB = T.One / T.CreateTruncating(batch);
        if (_l1 != T.Zero) NnKernels.AddScaledSign(_l1 * invB, x[..n], dx[..n]);
        if (_l2 != T.Zero) NnKernels.Axpy((_l2 + _l2) * invB, x[..n], dx[..n]);
    }

    public override T OwnPenalty(T invM, bool addGradient) => _penalty;

    /// <summary>With an L1 weight, |x| has a kink at 0: the sign of every input.</summary>
    public override ulong KinkSignature(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int batch)
    {
        if (_l1 == T.Zero) return 0;
        return SignSignature(x[..(batch * InputSize)]);
    }
}

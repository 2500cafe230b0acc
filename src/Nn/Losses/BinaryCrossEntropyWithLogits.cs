using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>Binary cross-entropy on logits, mean over all elements, in the stable form.</summary>
internal static class BinaryCrossEntropyWithLogits
{
    // z, y [B, k] -> J = mean(max(z,0) − z·y + log(1 + e^−|z|)), dz = (σ(z) − y)/(B·k)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Compute<T, TSum>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> dz, ref TSum sum)
        where T : unmanaged, IFloatingPointIeee754<T> where TSum : struct, ILossSum<T>
    {
        int n = z.Length;
        T inv = T.One / T.CreateTruncating(n);
        for (int i = 0; i < n; i++)
        {
            T zi = z[i];
            T e = T.Exp(-T.Abs(zi));
            sum.Add(T.Max(zi, T.Zero) - zi * y[i] + T.LogP1(e));
            // σ(z) from e = e^−|z| without overflow on either side
            T sigma = zi >= T.Zero ? T.One / (T.One + e) : e / (T.One + e);
            dz[i] = (sigma - y[i]) * inv;
        }
        return sum.Scaled(inv);
    }
}

/// <summary>The model's binary cross-entropy on logits: targets in [0, 1], [rows, outputs].</summary>
internal sealed class BinaryCrossEntropyWithLogitsLoss<T> : DataLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override bool TakesLabels => false;

    public override bool HasIndependentLogits => true;

    public override bool AcceptsTarget(double target) => target >= 0 && target <= 1;

    public override string TargetDomain => "[0, 1]";

    /// <summary>Probabilities: [0, 1).</summary>
    public override (double Low, double High) SampleTargets => (0, 1);

    // σ(z) of each output, in double.
    public override void ReportProbabilities(ReadOnlySpan<double> logits, Span<double> probabilities, int rows, int k)
    {
        for (int i = 0; i < logits.Length; i++) probabilities[i] = 1 / (1 + Math.Exp(-logits[i]));
    }

    // y, t [rows, k]: an output is correct when its logit's side of 0 matches its target's side of 0.5
    public override void Tally(ReadOnlySpan<T> y, ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, ref long correct, ref double squaredError)
    {
        T half = T.CreateTruncating(0.5);
        for (int i = 0; i < y.Length; i++)
            if ((y[i] > T.Zero) == (targets[i] > half)) correct++;
    }

    public override (double Accuracy, double Rmse) Metrics(long correct, double squaredError, int rows, int k) =>
        (correct / ((double)rows * k), double.NaN);

    // logits [rows, k] -> σ of each
    public override void ToProbabilities(Span<T> z, int rows, int k) => NnKernels.Sigmoid<T>(z, z);

    // One logit: class 1 when p > 0.5 (logit > 0); several: the most probable label (argmax).
    public override void Classes(ReadOnlySpan<T> logits, int rows, int k, Span<int> classes)
    {
        if (k != 1) { base.Classes(logits, rows, k, classes); return; }
        for (int r = 0; r < rows; r++) classes[r] = logits[r] > T.Zero ? 1 : 0;
    }

    public override T Compute(in LossBatch<T> b, ref PlainSum<T> sum) => BinaryCrossEntropyWithLogits.Compute(b.Output, b.Targets, b.Gradient, ref sum);

    public override T Compute(in LossBatch<T> b, ref CompensatedSum<T> sum) => BinaryCrossEntropyWithLogits.Compute(b.Output, b.Targets, b.Gradient, ref sum);
}

internal sealed class BinaryCrossEntropyWithLogitsFactory : LossFactory
{
    public override DataLoss<T> Create<T>() => new BinaryCrossEntropyWithLogitsLoss<T>();
}

using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>Mean squared error over all elements, value and gradient in one pass.</summary>
internal static class MeanSquaredError
{
    // yHat, y [B, k] -> J = Σ (yHat − y)²/(B·k), dyHat [B, k] = 2(yHat − y)/(B·k)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Compute<T, TSum>(ReadOnlySpan<T> yHat, ReadOnlySpan<T> y, Span<T> dyHat, ref TSum sum)
        where T : unmanaged, IFloatingPointIeee754<T> where TSum : struct, ILossSum<T>
    {
        int n = yHat.Length;
        T inv = T.One / T.CreateTruncating(n), two = inv + inv;
        for (int i = 0; i < n; i++)
        {
            T d = yHat[i] - y[i];
            sum.Add(d * d);
            dyHat[i] = two * d;
        }
        return sum.Scaled(inv);
    }
}

/// <summary>The model's MSE: targets [rows, outputs].</summary>
internal sealed class MeanSquaredErrorLoss<T> : DataLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override bool TakesLabels => false;

    public override bool IsClassifier => false;

    public override bool ScalesTargets => true;

    // The squared error of standardized targets times σ² is the squared error in the targets' units.
    public override double LossUnits(double std) => std * std;

    // y, t [rows, k] -> Σ (y − t)², in double
    public override void Tally(ReadOnlySpan<T> y, ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, ref long correct, ref double squaredError)
    {
        for (int i = 0; i < y.Length; i++)
        {
            double d = double.CreateTruncating(y[i] - targets[i]);
            squaredError += d * d;
        }
    }

    public override (double Accuracy, double Rmse) Metrics(long correct, double squaredError, int rows, int k) =>
        (double.NaN, Math.Sqrt(squaredError / ((double)rows * k)));

    public override T Compute(in LossBatch<T> b, ref PlainSum<T> sum) => MeanSquaredError.Compute(b.Output, b.Targets, b.Gradient, ref sum);

    public override T Compute(in LossBatch<T> b, ref CompensatedSum<T> sum) => MeanSquaredError.Compute(b.Output, b.Targets, b.Gradient, ref sum);
}

internal sealed class MeanSquaredErrorFactory : LossFactory
{
    public override DataLoss<T> Create<T>() => new MeanSquaredErrorLoss<T>();
}

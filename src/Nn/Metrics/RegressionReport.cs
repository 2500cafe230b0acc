namespace FastReg.Nn.Metrics;

/// <summary>
/// RMSE, MAE and R² per target and their plain average over targets (scikit-learn's
/// <c>multioutput="uniform_average"</c>: the mean of the per-target values, so the average RMSE is the mean of the
/// per-target RMSEs), in the units of the values given (pass targets and predictions unscaled to report in the
/// targets' own units). See <see cref="TargetMetrics"/> for the definitions.
/// </summary>
public sealed class RegressionReport
{
    private RegressionReport(int rows, string[] targets, TargetMetrics[] perTarget, TargetMetrics average)
    {
        Rows = rows;
        Targets = targets;
        PerTarget = perTarget;
        Average = average;
    }

    /// <summary>The report of <paramref name="predicted"/> against <paramref name="actual"/>, both [rows, targets] row-major.</summary>
    /// <param name="actual">True values.</param>
    /// <param name="predicted">Predicted values, laid out as <paramref name="actual"/>.</param>
    /// <param name="targets">Target names, one per column; their count is the number of columns.</param>
    /// <exception cref="ArgumentException">No rows, lengths that do not match, or a value that is not finite.</exception>
    public static RegressionReport From(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, IReadOnlyList<string> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        int k = targets.Count;
        if (k == 0) throw new ArgumentException("at least one target is needed.", nameof(targets));
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"{actual.Length} actual values but {predicted.Length} predicted ones.", nameof(predicted));
        if (actual.Length == 0 || actual.Length % k != 0)
            throw new ArgumentException($"{actual.Length} values do not make one or more rows of {k} targets.", nameof(actual));
        for (int i = 0; i < actual.Length; i++)
            if (!double.IsFinite(actual[i]) || !double.IsFinite(predicted[i]))
                throw new ArgumentException($"row {i / k}, target '{targets[i % k]}': {(double.IsFinite(actual[i]) ? "the prediction" : "the actual value")} is not finite.", nameof(actual));
        int rows = actual.Length / k;
        var perTarget = new TargetMetrics[k];
        double rmse = 0, mae = 0, r2 = 0;
        for (int j = 0; j < k; j++)
        {
            perTarget[j] = Score(actual, predicted, rows, k, j);
            (rmse, mae, r2) = (rmse + perTarget[j].Rmse, mae + perTarget[j].Mae, r2 + perTarget[j].R2);
        }
        return new RegressionReport(rows, [.. targets], perTarget, new TargetMetrics(rmse / k, mae / k, r2 / k));
    }

    /// <summary>Rows scored.</summary>
    public int Rows { get; }

    /// <summary>Target names, in column order.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>Each target's RMSE, MAE and R².</summary>
    public IReadOnlyList<TargetMetrics> PerTarget { get; }

    /// <summary>The mean of the per-target values (equal to the one target's when there is one).</summary>
    public TargetMetrics Average { get; }

    /// <summary>Column <paramref name="j"/>: two passes (the mean, then the sums of squares) keep SS_tot accurate for a large mean.</summary>
    private static TargetMetrics Score(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, int rows, int k, int j)
    {
        double mean = 0;
        for (int r = 0; r < rows; r++) mean += actual[r * k + j];
        mean /= rows;
        double squared = 0, absolute = 0, total = 0;
        for (int r = 0; r < rows; r++)
        {
            double y = actual[r * k + j], e = y - predicted[r * k + j], d = y - mean;
            squared += e * e;
            absolute += Math.Abs(e);
            total += d * d;
        }
        double r2 = rows < 2 ? double.NaN : total > 0 ? 1 - squared / total : squared == 0 ? 1 : 0;
        return new TargetMetrics(Math.Sqrt(squared / rows), absolute / rows, r2);
    }
}

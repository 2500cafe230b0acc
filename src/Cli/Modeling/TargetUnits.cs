using System.Numerics;
using FastReg.Nn;
using FastReg.Nn.Preprocessing;
using FastReg.Nn.Training;

namespace FastReg.Cli.Modeling;

/// <summary>
/// A regression network trained on scaled targets reports in the targets' own units. With one target the
/// data loss and RMSE are exact multiples of the scaled ones (MSE·σ², RMSE·σ), so every epoch converts; with
/// several targets (each its own σ) the final metrics are recomputed from the unscaled predictions, and the
/// per-epoch figures stay in scaled units. The optimized objective and the penalty are not converted: they
/// are what the optimizer saw.
/// </summary>
internal static class TargetUnits
{
    /// <summary>Per-epoch conversion: exact for one target, the identity otherwise (and without a scaler).</summary>
    public static Func<EpochMetrics, EpochMetrics> PerEpoch(TargetScaler? scaler)
    {
        if (scaler is not { Count: 1 }) return m => m;
        double sd = scaler.Std[0], variance = sd * sd;
        return m => m with
        {
            TrainLoss = m.TrainLoss * variance,
            ValidationLoss = m.ValidationLoss * variance,
            TrainRmse = m.TrainRmse * sd,
            ValidationRmse = m.ValidationRmse * sd,
        };
    }

    /// <summary>Whether per-epoch figures stay in scaled units (several scaled targets).</summary>
    public static bool EpochsScaled(TargetScaler? scaler) => scaler is { Count: > 1 };

    /// <summary>The training result in the targets' units; its final metrics recomputed exactly when there are several targets.</summary>
    public static TrainingResult Convert<T>(TrainingResult result, PreparedData<T> data, TrainedModel<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TargetScaler? scaler = data.TargetScaler;
        if (scaler is null) return result;
        Func<EpochMetrics, EpochMetrics> convert = PerEpoch(scaler);
        var history = new List<EpochMetrics>(result.History.Count);
        foreach (EpochMetrics m in result.History) history.Add(convert(m));
        EpochMetrics? averaged = result.Averaged is null ? null : convert(result.Averaged);
        TrainingResult converted = result with { History = history, Averaged = averaged };
        if (scaler.Count == 1) return converted;
        EpochMetrics final = converted.Final;
        (double trainLoss, double trainRmse) = Score(model, data.Train, scaler);
        (double validLoss, double validRmse) = data.Validation is null ? (double.NaN, double.NaN) : Score(model, data.Validation, scaler);
        EpochMetrics exact = final with { TrainLoss = trainLoss, TrainRmse = trainRmse, ValidationLoss = validLoss, ValidationRmse = validRmse };
        if (averaged is not null) return converted with { Averaged = exact };
        history[result.BestEpoch - history[0].Epoch] = exact;
        return converted;
    }

    /// <summary>Mean squared error (the mse loss) and RMSE of the model's unscaled predictions against the unscaled targets.</summary>
    private static (double Mse, double Rmse) Score<T>(TrainedModel<T> model, Dataset<T> rows, TargetScaler scaler) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var predicted = new T[rows.Count * rows.Outputs];
        model.PredictFeatures(rows.X, predicted);
        var targets = new double[predicted.Length];
        for (int i = 0; i < targets.Length; i++) targets[i] = double.CreateTruncating(rows.Targets![i]);
        scaler.Unscale<double>(targets);
        double sse = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double e = double.CreateTruncating(predicted[i]) - targets[i];
            sse += e * e;
        }
        double mse = sse / targets.Length;
        return (mse, Math.Sqrt(mse));
    }
}

namespace FastReg.Nn.Training;

/// <summary>
/// The data loss, accuracy (classifiers) and RMSE (regression) of a model on a dataset in inference
/// mode: what the trainer reports each epoch, for any model, however it was fitted (e.g. by
/// <see cref="Linear.LinearSolver"/>).
/// </summary>
public static class ModelScore
{
    /// <summary>Mean data loss, accuracy (NaN for regression) and RMSE (NaN for classifiers) of <paramref name="model"/> on <paramref name="data"/>.</summary>
    public static (double Loss, double Accuracy, double Rmse) Score<T>(Sequential<T> model, Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        CheckCompatible(model, data, nameof(data));
        return Compute(model, data);
    }

    internal static (double Loss, double Accuracy, double Rmse) Compute<T>(Sequential<T> model, Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double lossSum = 0, squaredError = 0;
        long correct = 0;
        int outputs = model.OutputSize, features = data.Features;
        DataLoss<T> loss = model.DataLoss;
        for (int start = 0; start < data.Count; start += model.MaxBatch)
        {
            int b = Math.Min(model.MaxBatch, data.Count - start);
            ReadOnlySpan<T> x = data.X.AsSpan(start * features, b * features);
            // One inference-mode forward gives both the chunk's mean data loss and its outputs.
            (T chunkLoss, _) = data.IsClassification
                ? model.ObjectiveParts(x, default, data.Labels.AsSpan(start, b), b, training: false)
                : model.ObjectiveParts(x, data.Targets.AsSpan(start * outputs, b * outputs), default, b, training: false);
            lossSum += double.CreateTruncating(chunkLoss) * b;
            ReadOnlySpan<T> y = model.LayerOutput(model.Layers.Count - 1, b);
            if (data.IsClassification) loss.Tally(y, default, data.Labels.AsSpan(start, b), ref correct, ref squaredError);
            else loss.Tally(y, data.Targets.AsSpan(start * outputs, b * outputs), default, ref correct, ref squaredError);
        }
        double meanLoss = lossSum / data.Count;
        var (accuracy, rmse) = loss.Metrics(correct, squaredError, data.Count, outputs);
        return (meanLoss, accuracy, rmse);
    }

    internal static void CheckCompatible<T>(Sequential<T> model, Dataset<T> data, string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (data.Features != model.InputSize)
            throw new ArgumentException($"The data have {data.Features} features but the model takes {model.InputSize}.", name);
        bool wantsLabels = model.DataLoss.TakesLabels;
        if (wantsLabels != data.IsClassification)
            throw new ArgumentException(wantsLabels
                ? "The model's loss takes class labels but the data carry real-valued targets."
                : $"The model's loss {model.Loss} takes real-valued targets but the data carry class labels.", name);
        if (wantsLabels && data.ClassCount() > model.OutputSize)
            throw new ArgumentException($"The data have labels up to {data.ClassCount() - 1} but the model has {model.OutputSize} outputs.", name);
        if (!wantsLabels && data.Outputs != model.OutputSize)
            throw new ArgumentException($"The data have {data.Outputs} targets per example but the model has {model.OutputSize} outputs.", name);
    }
}

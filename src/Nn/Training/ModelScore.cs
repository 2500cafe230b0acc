using FastReg.Nn.Metrics;

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

    /// <summary>
    /// A classifier's <see cref="ClassificationReport"/> (accuracy, per-class precision, recall, F1, confusion matrix) on
    /// <paramref name="data"/>, rows of features as the model's network takes them (preprocessed), labelled as it was
    /// trained: class labels for softmax, 0/1 targets for a binary one-logit classifier.
    /// </summary>
    /// <exception cref="ArgumentException">The model is not a classifier, or the data do not fit it.</exception>
    public static ClassificationReport Classification<T>(TrainedModel<T> model, Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (!model.IsClassifier) throw new ArgumentException("the model is a regression model; use Regression for its report.", nameof(model));
        if (!model.IsBinary) CheckCompatible(model.Network, data, nameof(data));
        else if (data.Features != model.Network.InputSize || data.IsClassification || data.Outputs != 1)
            throw new ArgumentException($"a binary classifier scores rows of {model.Network.InputSize} features with one 0/1 target each.", nameof(data));
        int n = data.Count, k = model.Network.OutputSize;
        T[] outputs = Outputs(model, data);
        var actual = new int[n];
        var predicted = new int[n];
        for (int r = 0; r < n; r++)
        {
            actual[r] = model.IsBinary ? (data.Targets![r] > T.CreateTruncating(0.5) ? 1 : 0) : data.Labels![r];
            predicted[r] = model.IsBinary ? (outputs[r] > T.Zero ? 1 : 0) : ModelStatistics.ArgMax<T>(outputs.AsSpan(r * k, k));
        }
        return ClassificationReport.From(actual, predicted, model.Classes!);
    }

    /// <summary>
    /// A regression model's <see cref="RegressionReport"/> (RMSE, MAE, R² per target) on <paramref name="data"/>, preprocessed
    /// features and targets as the model was trained on them (scaled by its <see cref="TrainedModel{T}.TargetScaler"/> when
    /// it has one): predictions and targets are unscaled first, so the report is in the targets' own units. A bce model
    /// without classes is scored on the probabilities it predicts.
    /// </summary>
    /// <exception cref="ArgumentException">The model is a classifier, or the data do not fit it.</exception>
    public static RegressionReport Regression<T>(TrainedModel<T> model, Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (model.IsClassifier) throw new ArgumentException("the model is a classifier; use Classification for its report.", nameof(model));
        CheckCompatible(model.Network, data, nameof(data));
        T[] outputs = Outputs(model, data);
        var predicted = new double[outputs.Length];
        var targets = new double[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
        {
            predicted[i] = double.CreateTruncating(outputs[i]);
            targets[i] = double.CreateTruncating(data.Targets![i]);
        }
        // A regression on probabilities (BCE on targets in [0, 1]) is scored on σ(z), not on the logits.
        DataLoss<T> loss = model.Network.DataLoss;
        if (loss.IsClassifier) loss.ReportProbabilities((double[])predicted.Clone(), predicted, data.Count, model.Network.OutputSize);
        model.TargetScaler?.Unscale<double>(targets);
        return RegressionReport.From(targets, predicted, model.Targets);
    }

    /// <summary>The model's outputs on every row, unscaled to the targets' units where it scales them.</summary>
    private static T[] Outputs<T>(TrainedModel<T> model, Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var outputs = new T[(long)data.Count * model.Network.OutputSize];
        model.PredictFeatures(data.X, outputs);
        return outputs;
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

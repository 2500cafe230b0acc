using System.Numerics;
using FastReg.Cli.Data;
using FastReg.Nn;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;

namespace FastReg.Cli.Modeling;

/// <summary>
/// Loaded rows split into training and validation sets and scaled with statistics of the training
/// rows only, in the network's precision.
/// </summary>
internal sealed record PreparedData<T>(LabeledData Source, Dataset<T> Train, Dataset<T>? Validation, Standardizer? Scaler, LossKind Loss)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static PreparedData<T> Create(LabeledData data, double validFraction, bool standardize, int seed, LossKind loss)
    {
        int[] trainRows, validRows;
        if (validFraction > 0)
        {
            (trainRows, validRows) = data.Task == TaskKind.Classification
                ? Folds.StratifiedHoldout(data.Labels, validFraction, (ulong)seed)
                : Folds.Holdout(data.Rows, validFraction, (ulong)seed);
            if (trainRows.Length == 0 || validRows.Length == 0)
                throw new CliException($"{data.Rows} rows are too few to hold out a validation fraction of {validFraction}.");
        }
        else
        {
            trainRows = new int[data.Rows];
            for (int i = 0; i < trainRows.Length; i++) trainRows[i] = i;
            validRows = [];
        }
        Standardizer? scaler = standardize ? Standardizer.Fit(data.X, data.Features, trainRows) : null;
        Dataset<T> all = data.ToDataset<T>(scaler);
        if (loss == LossKind.BinaryCrossEntropyWithLogits && data.Task == TaskKind.Classification)
        {
            // A binary classifier with one logit: the labels 0/1 (the classes in sorted order) are its targets.
            var targets = new T[data.Rows];
            for (int i = 0; i < targets.Length; i++) targets[i] = T.CreateTruncating(data.Labels![i]);
            all = Dataset<T>.Regression(all.X, data.Features, targets);
        }
        Dataset<T>? validation = validRows.Length > 0 ? all.Subset(validRows) : null;
        if (loss == LossKind.BinaryCrossEntropyWithLogits && data.Task != TaskKind.Classification)
            foreach (double t in data.Targets!)
                if (!(t >= 0 && t <= 1)) throw new CliException($"--loss bce needs targets in [0, 1]; found {t}.");
        return new PreparedData<T>(data, all.Subset(trainRows), validation, scaler, loss);
    }

    /// <summary>The network's output units: one logit for a binary classifier, else one per class or target.</summary>
    public int Outputs => Loss == LossKind.BinaryCrossEntropyWithLogits && Source.Task == TaskKind.Classification ? 1 : Source.Outputs;

    /// <summary>What a weights file records so <c>predict</c> can rebuild and feed the model.</summary>
    public ModelDescription Describe(Sequential<T> model) => new()
    {
        Inputs = model.InputSize,
        Layers = NetworkConfig.LayerNames(model.Layers),
        Loss = LossNames.Name(Loss),
        Task = Source.Task == TaskKind.Classification ? "classification" : "regression",
        Features = Source.FeatureNames,
        Targets = Source.TargetNames,
        Classes = Source.Classes,
        Mean = Scaler?.Mean,
        Std = Scaler?.Std,
    };
}

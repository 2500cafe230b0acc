using System.Numerics;
using FastReg.Cli.Data;
using FastReg.IO;
using FastReg.Nn;
using FastReg.Nn.Preprocessing;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;

namespace FastReg.Cli.Modeling;

/// <summary>
/// Loaded rows split into training and validation sets and preprocessed with statistics of the training
/// rows only (the library's <see cref="Preprocessor"/>; for mse regression the <see cref="Nn.Preprocessing.TargetScaler"/>
/// too), in the network's precision.
/// </summary>
internal sealed record PreparedData<T>(LabeledData Source, Dataset<T> Train, Dataset<T>? Validation, Preprocessor Preprocessing, TargetScaler? TargetScaler, LossKind Loss)
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
            trainRows = AllRows(data.Rows);
            validRows = [];
        }
        return Create(data, trainRows, validRows, standardize, loss);
    }

    /// <summary>
    /// The given training and validation rows (ascending), preprocessed with statistics of the training rows
    /// only: what a λ search's fold or hold-out split trains and scores on.
    /// </summary>
    public static PreparedData<T> Create(LabeledData data, int[] trainRows, int[] validRows, bool standardize, LossKind loss)
    {
        LossEntry entry = LossNames.Entry(loss);
        if (data.Task != TaskKind.Classification)
            foreach (double t in data.Targets!)
                if (!entry.AcceptsTarget(t)) throw new CliException($"--loss {entry.Name} needs targets in {entry.TargetDomain}; found {t}.");
        DataColumn[] columns = data.Columns();
        Preprocessor preprocessing;
        TargetScaler? targetScaler = null;
        try
        {
            preprocessing = Preprocessor.Fit(columns, trainRows, new PreprocessingOptions { Standardize = standardize, Impute = data.Impute, MaxCategories = data.MaxCategories });
            // Targets are scaled as the features are (a loss in the targets' units, mse: bce targets are probabilities).
            if (standardize && entry.ScalesTargets && data.Task == TaskKind.Regression)
                targetScaler = TargetScaler.Fit(data.Targets, data.TargetNames.Length, trainRows, data.TargetNames);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{data.FeaturesSource}: {FastRegApp.UserText(e)}");
        }
        Dataset<T> all = data.ToDataset<T>(preprocessing, columns, targetScaler);
        if (entry.HasIndependentLogits && data.Task == TaskKind.Classification)
        {
            // A binary classifier with one logit: the labels 0/1 (the classes in sorted order) are its targets.
            var targets = new T[data.Rows];
            for (int i = 0; i < targets.Length; i++) targets[i] = T.CreateTruncating(data.Labels![i]);
            all = Dataset<T>.Regression(all.X, all.Features, targets);
        }
        Dataset<T>? validation = validRows.Length > 0 ? all.Subset(validRows) : null;
        return new PreparedData<T>(data, all.Subset(trainRows), validation, preprocessing, targetScaler, loss) { TrainRows = trainRows, Standardize = standardize };
    }

    /// <summary>The source rows (ascending) that <see cref="Train"/> holds, in its order.</summary>
    public int[] TrainRows { get; init; } = [];

    /// <summary>Whether the features (and mse regression targets) are standardized.</summary>
    public bool Standardize { get; init; }

    /// <summary>
    /// One fold of a cross-validation over the training rows (<paramref name="trainRows"/> and <paramref name="testRows"/>
    /// index <see cref="Train"/>), preprocessed afresh from the source with statistics of the fold's training rows only,
    /// as a scikit-learn Pipeline inside <c>cross_val_score</c> refits its scaler on every fold: a
    /// <see cref="FoldPreparation{T}"/> for <see cref="LambdaSearch{T}"/>.
    /// </summary>
    public PreparedFold<T> Fold(int[] trainRows, int[] testRows)
    {
        PreparedData<T> fold = Create(Source, SourceRows(trainRows), SourceRows(testRows), Standardize, Loss);
        return new PreparedFold<T>(fold.Train, fold.Validation!) { TargetScaler = fold.TargetScaler };
    }

    /// <summary>Class labels of the training rows to stratify folds by: a softmax classifier's (a one-logit BCE classifier's folds are shuffled k-fold).</summary>
    public int[]? StratifyBy => Train.Labels;

    private int[] SourceRows(int[] rows)
    {
        var source = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) source[i] = TrainRows[rows[i]];
        return source;
    }

    /// <summary>0, 1, ..., rows − 1.</summary>
    public static int[] AllRows(int rows)
    {
        var all = new int[rows];
        for (int i = 0; i < all.Length; i++) all[i] = i;
        return all;
    }

    /// <summary>The trained network with what predictions need: this preprocessing, the class names or target scaler, the names.</summary>
    public TrainedModel<T> Model(Sequential<T> network) =>
        new(network, Preprocessing, Source.Classes, TargetScaler, Source.TargetNames);

    /// <summary>The network's output units: one logit for a binary classifier, else one per class or target.</summary>
    public int Outputs => LossNames.Entry(Loss).HasIndependentLogits && Source.Task == TaskKind.Classification ? 1 : Source.Outputs;
}

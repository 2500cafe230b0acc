using FastReg.IO;
using FastReg.Nn.Preprocessing;
using FastReg.Nn.Training;

namespace FastReg.Nn.Selection;

/// <summary>
/// <see cref="FoldPreparation{T}"/>s over raw columns: each fold fits a <see cref="Preprocessor"/> (imputer,
/// standardizer, one-hot encoder) and, for scaled regression targets, a <see cref="TargetScaler"/> on its
/// training rows only, and transforms its held-out rows with them — a scikit-learn Pipeline inside
/// <c>cross_val_score</c>, for <see cref="LambdaSearch{T}.CrossValidate(FoldPreparation{T}, int, IReadOnlyList{double}, int, int[])"/>.
/// </summary>
/// <example>
/// <code>
/// var search = new LambdaSearch&lt;float&gt;((λ, fold) =&gt; new Sequential&lt;float&gt;(fold.Features, 64, LossKind.SoftmaxCrossEntropy,
///     [new Dense(3)], seed: 1) { Penalty = Penalty.Ridge(λ), Optimizer = new Adam(0.01) }, new TrainingOptions&lt;float&gt; { Epochs = 50 });
/// CrossValidationResult cv = search.CrossValidate(PipelineFolds.Classification&lt;float&gt;(columns, labels), labels.Length, [0.01, 0.1, 1], k: 5, stratifyBy: labels);
/// </code>
/// </example>
public static class PipelineFolds
{
    /// <summary>Folds of a classification: <paramref name="labels"/> (one class index per row) are the targets.</summary>
    public static FoldPreparation<T> Classification<T>(IReadOnlyList<DataColumn> columns, int[] labels, PreprocessingOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(labels);
        return (trainRows, testRows) =>
        {
            Preprocessor p = Preprocessor.Fit(columns, trainRows, options);
            double[] all = p.Transform(columns); // every row, by the statistics of the training rows
            return new PreparedFold<T>(Dataset<T>.Classification(Rows<T>(all, p.FeatureCount, trainRows), p.FeatureCount, Pick(labels, trainRows)),
                Dataset<T>.Classification(Rows<T>(all, p.FeatureCount, testRows), p.FeatureCount, Pick(labels, testRows)));
        };
    }

    /// <summary>
    /// Folds of a regression on <paramref name="targets"/> [rows, <paramref name="outputs"/>]; with
    /// <paramref name="scaleTargets"/> the targets are standardized by each fold's training rows too.
    /// </summary>
    public static FoldPreparation<T> Regression<T>(IReadOnlyList<DataColumn> columns, double[] targets, int outputs = 1, PreprocessingOptions? options = null,
        bool scaleTargets = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        return (trainRows, testRows) =>
        {
            Preprocessor p = Preprocessor.Fit(columns, trainRows, options);
            TargetScaler? scaler = scaleTargets ? TargetScaler.Fit(targets, outputs, trainRows) : null;
            double[] all = p.Transform(columns);
            return new PreparedFold<T>(
                Dataset<T>.Regression(Rows<T>(all, p.FeatureCount, trainRows), p.FeatureCount, Targets<T>(targets, outputs, trainRows, scaler), outputs),
                Dataset<T>.Regression(Rows<T>(all, p.FeatureCount, testRows), p.FeatureCount, Targets<T>(targets, outputs, testRows, scaler), outputs))
            {
                TargetScaler = scaler,
            };
        };
    }

    private static T[] Rows<T>(double[] all, int width, int[] rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[rows.Length * width];
        for (int r = 0; r < rows.Length; r++)
            for (int j = 0; j < width; j++) x[r * width + j] = T.CreateTruncating(all[(long)rows[r] * width + j]);
        return x;
    }

    private static int[] Pick(int[] labels, int[] rows)
    {
        var picked = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) picked[i] = labels[rows[i]];
        return picked;
    }

    private static T[] Targets<T>(double[] targets, int outputs, int[] rows, TargetScaler? scaler) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var picked = new double[rows.Length * outputs];
        for (int i = 0; i < rows.Length; i++) targets.AsSpan(rows[i] * outputs, outputs).CopyTo(picked.AsSpan(i * outputs, outputs));
        scaler?.Scale(picked);
        var result = new T[picked.Length];
        for (int i = 0; i < picked.Length; i++) result[i] = T.CreateTruncating(picked[i]);
        return result;
    }
}

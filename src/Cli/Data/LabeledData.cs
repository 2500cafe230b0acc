using System.Numerics;
using FastReg.Nn.Training;

namespace FastReg.Cli.Data;

/// <summary>
/// Features and targets as the commands load them (double, row-major), with the names a model file
/// records so that predictions can be written back in the user's terms.
/// </summary>
internal sealed class LabeledData
{
    public required double[] X { get; init; }
    public required int Rows { get; init; }
    public required string[] FeatureNames { get; init; }
    public required string[] TargetNames { get; init; }
    public required TaskKind Task { get; init; }

    /// <summary>Class index per row (classification).</summary>
    public int[]? Labels { get; init; }

    /// <summary>Class names in index order (classification).</summary>
    public string[]? Classes { get; init; }

    /// <summary>Targets [Rows, TargetNames.Length] (regression).</summary>
    public double[]? Targets { get; init; }

    public int Features => FeatureNames.Length;

    /// <summary>Output units the network needs.</summary>
    public int Outputs => Task == TaskKind.Classification ? Classes!.Length : TargetNames.Length;

    /// <summary>The rows as a training set in precision <typeparamref name="T"/>, features transformed by <paramref name="scaler"/>.</summary>
    public Dataset<T> ToDataset<T>(Standardizer? scaler = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[X.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double v = scaler is null ? X[i] : scaler.Apply(X[i], i % Features);
            x[i] = T.CreateChecked(v);
        }
        if (Task == TaskKind.Classification) return Dataset<T>.Classification(x, Features, Labels!);
        var y = new T[Targets!.Length];
        for (int i = 0; i < y.Length; i++) y[i] = T.CreateChecked(Targets[i]);
        return Dataset<T>.Regression(x, Features, y, TargetNames.Length);
    }
}

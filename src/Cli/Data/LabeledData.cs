using System.Globalization;
using System.Numerics;
using FastReg.IO;
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

    /// <summary>The file the features came from (the CSV, or the --x .npy file).</summary>
    public string FeaturesSource { get; init; } = "";

    /// <summary>The file the targets came from (the CSV, or the --y .npy file).</summary>
    public string TargetsSource { get; init; } = "";

    /// <summary>The CSV line of each row, or null for .npy input (whose rows are numbered from 0).</summary>
    public long[]? Lines { get; init; }

    /// <summary>What loading did that the user should hear of (rows dropped for missing cells), one line each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Output units the network needs.</summary>
    public int Outputs => Task == TaskKind.Classification ? Classes!.Length : TargetNames.Length;

    /// <summary>A value finite as a double but not in the network's precision, named where it is.</summary>
    private DataFormatException TooLarge<T>(double value, int row, string name, int column, string source)
    {
        string what = string.Create(CultureInfo.InvariantCulture,
            $"{value:R} does not fit in {(typeof(T) == typeof(float) ? "float32 (--dtype f32, largest ±3.4e38)" : typeof(T).Name)}; use --dtype f64 or rescale the data");
        return Lines is not null
            ? new DataFormatException(what, source, Lines[row], name)
            : new DataFormatException(string.Create(CultureInfo.InvariantCulture, $"row {row}, column {column}: {what}"), source);
    }

    /// <summary>The rows as a training set in precision <typeparamref name="T"/>, features transformed by <paramref name="scaler"/>.</summary>
    public Dataset<T> ToDataset<T>(Standardizer? scaler = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[X.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double v = scaler is null ? X[i] : scaler.Apply(X[i], i % Features);
            x[i] = T.CreateChecked(v);
            if (!T.IsFinite(x[i])) throw TooLarge<T>(X[i], i / Features, FeatureNames[i % Features], i % Features, FeaturesSource);
        }
        if (Task == TaskKind.Classification) return Dataset<T>.Classification(x, Features, Labels!);
        var y = new T[Targets!.Length];
        int k = TargetNames.Length;
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = T.CreateChecked(Targets[i]);
            if (!T.IsFinite(y[i])) throw TooLarge<T>(Targets[i], i / k, TargetNames[i % k], i % k, TargetsSource);
        }
        return Dataset<T>.Regression(x, Features, y, TargetNames.Length);
    }
}

using System.Globalization;
using System.Numerics;
using FastReg.IO;
using FastReg.Nn.Preprocessing;
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

    /// <summary>The raw feature columns of a CSV (text as text; missing cells NaN or null) for the model's preprocessing; null for .npy input, where <see cref="X"/> says it all.</summary>
    public DataColumn[]? FeatureColumns { get; init; }

    /// <summary>How the model imputes missing feature cells (--impute mean|median|most-frequent), or null.</summary>
    public ImputeStrategy? Impute { get; init; }

    /// <summary>The most categories a text feature column may have (--max-categories).</summary>
    public int MaxCategories { get; init; } = OneHotEncoder.DefaultMaxCategories;

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

    /// <summary>The feature columns as the library's preprocessing reads them.</summary>
    public DataColumn[] Columns()
    {
        if (FeatureColumns is not null) return FeatureColumns;
        var columns = new DataColumn[Features];
        for (int j = 0; j < columns.Length; j++)
        {
            var values = new double[Rows];
            for (int r = 0; r < Rows; r++) values[r] = X[r * Features + j];
            columns[j] = DataColumn.Numeric(FeatureNames[j], values);
        }
        return columns;
    }

    /// <summary>
    /// The rows as a training set in precision <typeparamref name="T"/>: features through <paramref name="preprocessing"/>,
    /// regression targets through <paramref name="targetScaler"/> when given.
    /// </summary>
    public Dataset<T> ToDataset<T>(Preprocessor preprocessing, DataColumn[] columns, TargetScaler? targetScaler) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] features = preprocessing.Transform(columns);
        int width = preprocessing.FeatureCount;
        var x = new T[features.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = T.CreateChecked(features[i]);
            if (!T.IsFinite(x[i])) throw TooLarge<T>(features[i], i / width, preprocessing.FeatureNames[i % width], i % width, FeaturesSource);
        }
        if (Task == TaskKind.Classification) return Dataset<T>.Classification(x, width, Labels!);
        double[] targets = Targets!;
        if (targetScaler is not null)
        {
            targets = [.. targets];
            targetScaler.Scale(targets);
        }
        var y = new T[targets.Length];
        int k = TargetNames.Length;
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = T.CreateChecked(targets[i]);
            if (!T.IsFinite(y[i])) throw TooLarge<T>(Targets![i], i / k, TargetNames[i % k], i % k, TargetsSource);
        }
        return Dataset<T>.Regression(x, width, y, TargetNames.Length);
    }
}

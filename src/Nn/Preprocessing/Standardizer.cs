using System.Globalization;
using System.Text.Json;
using FastReg.IO;

namespace FastReg.Nn.Preprocessing;

/// <summary>
/// Per-feature (x − mean) / std, fitted on training rows only, as scikit-learn's StandardScaler: the
/// population standard deviation (ddof 0), and std 1 for a constant feature so that it maps to 0
/// rather than NaN. Missing values (NaN) are left out of the fit and stay NaN.
/// </summary>
public sealed class Standardizer
{
    private readonly string[] _columns;
    private readonly double[] _mean;
    private readonly double[] _std;

    /// <summary>A standardizer with the given statistics: means finite, deviations positive, finite and normal.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a name is empty or repeated, or a statistic is out of range.</exception>
    public Standardizer(IReadOnlyList<string> columns, IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (columns.Count == 0) throw new ArgumentException("A standardizer needs at least one column.", nameof(columns));
        if (mean.Count != columns.Count || std.Count != columns.Count)
            throw new ArgumentException($"{columns.Count} columns need {columns.Count} means and deviations (got {mean.Count} and {std.Count}).", nameof(std));
        _columns = Names.Checked(columns, nameof(columns));
        _mean = [.. mean];
        _std = [.. std];
        for (int j = 0; j < _mean.Length; j++)
        {
            if (!double.IsFinite(_mean[j])) throw new ArgumentException($"mean[{j}] = {JsonFields.R(_mean[j])}; means must be finite.", nameof(mean));
            if (!double.IsNormal(_std[j]) || _std[j] < 0)
                throw new ArgumentException($"std[{j}] = {JsonFields.R(_std[j])}; deviations must be positive, finite and not subnormal.", nameof(std));
        }
    }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Each column's training mean.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>Each column's training standard deviation (1 for a constant column).</summary>
    public IReadOnlyList<double> Std => _std;

    /// <summary>Number of columns.</summary>
    public int Count => _mean.Length;

    /// <summary>
    /// Fits on the <paramref name="rows"/> of the row-major matrix <paramref name="x"/> [*, <paramref name="features"/>];
    /// NaN entries are left out. <paramref name="columns"/> names the features (null: x0, x1, ...).
    /// </summary>
    /// <exception cref="ArgumentException">No rows, a row out of range, or a column with no value in the rows.</exception>
    public static Standardizer Fit(ReadOnlySpan<double> x, int features, ReadOnlySpan<int> rows, IReadOnlyList<string>? columns = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (x.Length % features != 0) throw new ArgumentException($"'x' has {x.Length} values, not a whole number of rows of {features}.", nameof(x));
        if (rows.IsEmpty) throw new ArgumentException("A standardizer is fitted on at least one training row.", nameof(rows));
        columns ??= Names.Default("x", features);
        var mean = new double[features];
        var std = new double[features];
        int n = x.Length / features;
        for (int j = 0; j < features; j++)
        {
            (mean[j], std[j]) = Moments(x, features, j, rows, n, columns[j]);
        }
        return new Standardizer(columns, mean, std);
    }

    /// <summary>Fits on the <paramref name="rows"/> of numeric columns (NaN = missing, left out).</summary>
    /// <exception cref="ArgumentException">A text column, columns of different lengths, or no rows.</exception>
    public static Standardizer Fit(IReadOnlyList<DataColumn> columns, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (rows.IsEmpty) throw new ArgumentException("A standardizer is fitted on at least one training row.", nameof(rows));
        var names = new string[columns.Count];
        var mean = new double[columns.Count];
        var std = new double[columns.Count];
        for (int j = 0; j < columns.Count; j++)
        {
            DataColumn c = columns[j];
            names[j] = c.Name;
            double[] values = c.Numbers ?? throw new ArgumentException($"column '{c.Name}' holds text; a standardizer scales numeric columns.", nameof(columns));
            (mean[j], std[j]) = Moments(values, 1, 0, rows, values.Length, c.Name);
        }
        return new Standardizer(names, mean, std);
    }

    /// <summary>Mean and population deviation (two passes) of column <paramref name="j"/> over the rows, NaN left out.</summary>
    internal static (double Mean, double Std) Moments(ReadOnlySpan<double> x, int stride, int j, ReadOnlySpan<int> rows, int n, string name)
    {
        double sum = 0;
        int count = 0;
        foreach (int r in rows)
        {
            if ((uint)r >= (uint)n) throw new ArgumentOutOfRangeException(nameof(rows), $"row {r} is outside the {n} rows.");
            double v = x[r * stride + j];
            if (double.IsNaN(v)) continue;
            sum += v;
            count++;
        }
        if (count == 0) throw new ArgumentException($"column '{name}' has no value in the training rows to fit on.", nameof(rows));
        double mean = sum / count, squares = 0;
        foreach (int r in rows)
        {
            double v = x[r * stride + j];
            if (double.IsNaN(v)) continue;
            squares += (v - mean) * (v - mean);
        }
        double std = Math.Sqrt(squares / count);
        if (!double.IsFinite(mean) || !double.IsFinite(std))
            throw new ArgumentException($"column '{name}' has values too large to standardize (mean {JsonFields.R(mean)}, std {JsonFields.R(std)}).", nameof(x));
        // A constant column (or one whose spread is below double's normal range) maps to 0, as StandardScaler's std 1.
        return (mean, double.IsNormal(std) ? std : 1);
    }

    /// <summary>(value − mean) / std of column <paramref name="column"/>.</summary>
    public double Transform(double value, int column) => (value - _mean[column]) / _std[column];

    /// <summary>value · std + mean of column <paramref name="column"/>: the inverse of <see cref="Transform(double, int)"/>.</summary>
    public double InverseTransform(double value, int column) => value * _std[column] + _mean[column];

    /// <summary>Scales a row-major matrix [rows, <see cref="Count"/>] in place.</summary>
    public void Transform(Span<double> x)
    {
        CheckRows(x);
        for (int i = 0; i < x.Length; i++) x[i] = (x[i] - _mean[i % _mean.Length]) / _std[i % _mean.Length];
    }

    /// <summary>Unscales a row-major matrix [rows, <see cref="Count"/>] in place.</summary>
    public void InverseTransform(Span<double> x)
    {
        CheckRows(x);
        for (int i = 0; i < x.Length; i++) x[i] = x[i] * _std[i % _mean.Length] + _mean[i % _mean.Length];
    }

    private void CheckRows(ReadOnlySpan<double> x)
    {
        if (x.Length % _mean.Length != 0)
            throw new ArgumentException($"'x' has {x.Length} values, not a whole number of rows of {_mean.Length}.", nameof(x));
    }

    /// <summary>The standardizer as JSON: <c>{"columns":[...],"mean":[...],"std":[...]}</c>.</summary>
    public string ToJson() => JsonFields.Write(w => Write(w, "columns"));

    /// <summary>Reads <see cref="ToJson"/>'s form; every problem is one <see cref="DataFormatException"/> naming the key.</summary>
    public static Standardizer FromJson(string json, string source = "standardizer.json") =>
        JsonFields.Parse(json, "the standardizer description", source, (e, f) => Read(e, f, "", "columns"));

    internal void Write(Utf8JsonWriter w, string namesKey)
    {
        w.WriteStartObject();
        w.WriteStartArray(namesKey);
        foreach (string c in _columns) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteStartArray("mean");
        foreach (double m in _mean) w.WriteNumberValue(m);
        w.WriteEndArray();
        w.WriteStartArray("std");
        foreach (double s in _std) w.WriteNumberValue(s);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static Standardizer Read(JsonElement e, JsonFields f, string path, string namesKey)
    {
        f.OnlyKeys(e, path, namesKey, "mean", "std");
        string[] names = f.Names(e, namesKey, path);
        double[] mean = f.Numbers(e, "mean", path, names.Length);
        double[] std = f.Numbers(e, "std", path, names.Length);
        for (int j = 0; j < std.Length; j++)
            if (!double.IsNormal(std[j]) || std[j] < 0)
                throw f.Bad(string.Create(CultureInfo.InvariantCulture,
                    $"has {JsonFields.Join(path, "std")}[{j}] = {std[j]:R}; the scaler's deviations must be positive, finite and not subnormal"));
        return new Standardizer(names, mean, std);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Standardizer({Count} columns)");
}

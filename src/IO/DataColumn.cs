namespace FastReg.IO;

/// <summary>
/// One column of a table as read, before any preprocessing: numbers, with NaN marking a missing
/// cell, or text, with null marking a missing cell. This is the seam between the readers (CSV,
/// .npy) and the preprocessing a model stores (imputation, one-hot encoding, standardization).
/// </summary>
public sealed class DataColumn
{
    private DataColumn(string name, double[]? numbers, string?[]? texts)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Numbers = numbers;
        Texts = texts;
    }

    /// <summary>The column's name (a CSV header cell, or a generated name such as "x0").</summary>
    public string Name { get; }

    /// <summary>The values of a numeric column (NaN where a cell was missing); null for a text column.</summary>
    public double[]? Numbers { get; }

    /// <summary>The cells of a text column (null where a cell was missing); null for a numeric column.</summary>
    public string?[]? Texts { get; }

    /// <summary>Whether the column holds text (categories) rather than numbers.</summary>
    public bool IsText => Texts is not null;

    /// <summary>Number of rows.</summary>
    public int Length => Numbers?.Length ?? Texts!.Length;

    /// <summary>A numeric column; NaN entries are missing cells.</summary>
    public static DataColumn Numeric(string name, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new DataColumn(name, values, null);
    }

    /// <summary>A text column; null entries are missing cells.</summary>
    public static DataColumn Text(string name, string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return new DataColumn(name, null, cells);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({(IsText ? "text" : "numeric")}, {Length} rows)";
}

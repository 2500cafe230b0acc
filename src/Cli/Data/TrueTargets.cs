using System.Globalization;
using FastReg.IO;

namespace FastReg.Cli.Data;

/// <summary>
/// The true values of a model's target columns in data given to predict (or train --test), when the data still
/// carry them: by name from a CSV (text or numbers, a missing cell null or NaN), or from a --y .npy file.
/// </summary>
internal sealed class TrueTargets
{
    /// <summary>The file the targets came from.</summary>
    public required string Source { get; init; }

    /// <summary>One column per model target, in the model's order.</summary>
    public required DataColumn[] Columns { get; init; }

    /// <summary>The CSV line of each row, or null for .npy (rows numbered from 0).</summary>
    public long[]? Lines { get; init; }

    public int Rows => Columns[0].Length;

    /// <summary>Where row <paramref name="row"/> is, for a message: "line 7" or "row 6".</summary>
    public string Where(int row) => Lines is { } lines
        ? string.Create(CultureInfo.InvariantCulture, $"line {lines[row]}")
        : string.Create(CultureInfo.InvariantCulture, $"row {row}");

    /// <summary>
    /// The target columns of <paramref name="table"/>, or null when it has none of them. Some but not all of them
    /// (a multi-target model) is an error: scoring half the targets would mislead.
    /// </summary>
    public static TrueTargets? FromCsv(CsvTable table, IReadOnlyList<string> targets, string path)
    {
        var present = new List<string>();
        foreach (string t in targets)
            if (table.Columns.Contains(t)) present.Add(t);
        if (present.Count == 0) return null;
        if (present.Count < targets.Count)
            throw new CliException($"{path}: has the target column(s) {string.Join(", ", present)} but not {string.Join(", ", targets.Where(t => !present.Contains(t)))}; " +
                "give every target column to score the predictions, or none to predict only.");
        var columns = new DataColumn[targets.Count];
        for (int j = 0; j < columns.Length; j++) columns[j] = table.Column(targets[j]);
        var lines = new long[table.Rows];
        for (int r = 0; r < lines.Length; r++) lines[r] = table.LineOf(r);
        return new TrueTargets { Source = path, Columns = columns, Lines = lines };
    }

    /// <summary>The targets in a --y .npy file [rows] or [rows, targets]; NaN marks a missing value.</summary>
    public static TrueTargets FromNpy(string path, int rows, IReadOnlyList<string> targets)
    {
        NpyArray y = Npy.Read(path);
        int k = y.Shape.Length == 1 ? 1 : y.Shape.Length == 2 ? y.Shape[1] : -1;
        if (k < 0 || y.Shape[0] != rows || k != targets.Count)
            throw new CliException($"{path}: targets of shape ({string.Join(", ", y.Shape)}) do not fit {rows} rows of the model's {targets.Count} target(s); expected ({rows}{(targets.Count == 1 ? "" : ", " + targets.Count.ToString(CultureInfo.InvariantCulture))}).");
        var columns = new DataColumn[k];
        for (int j = 0; j < k; j++)
        {
            var values = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                values[r] = y.Data[r * k + j];
                if (double.IsInfinity(values[r]))
                    throw new DataFormatException(string.Create(CultureInfo.InvariantCulture, $"{path}: row {r}, column {j} is {values[r]}; the targets must be finite (NaN marks a missing one)"), path);
            }
            columns[j] = DataColumn.Numeric(targets[j], values);
        }
        return new TrueTargets { Source = path, Columns = columns };
    }
}

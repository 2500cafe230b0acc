using System.Globalization;
using System.Text.Json;
using FastReg.IO;

namespace FastReg.Nn.Preprocessing;

/// <summary>
/// Fills missing cells (NaN in a numeric column, null in a text column) with a value fitted on the
/// training rows, as scikit-learn's SimpleImputer: the mean, median or most frequent value of a numeric
/// column, and the most frequent value of a text column whatever the strategy.
/// </summary>
public sealed class Imputer
{
    private readonly string[] _columns;
    private readonly double[] _numbers; // fill of each numeric column; NaN for a text column
    private readonly string?[] _texts;  // fill of each text column; null for a numeric column

    private Imputer(ImputeStrategy strategy, string[] columns, double[] numbers, string?[] texts)
    {
        Strategy = strategy;
        _columns = columns;
        _numbers = numbers;
        _texts = texts;
    }

    /// <summary>The strategy the fills were fitted with.</summary>
    public ImputeStrategy Strategy { get; }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Whether column <paramref name="column"/> is a text column (its fill is <see cref="TextFill"/>).</summary>
    public bool IsText(int column) => _texts[column] is not null;

    /// <summary>The fill of numeric column <paramref name="column"/>.</summary>
    public double NumberFill(int column) => IsText(column) ? throw new ArgumentException($"column '{_columns[column]}' is a text column.", nameof(column)) : _numbers[column];

    /// <summary>The fill of text column <paramref name="column"/>.</summary>
    public string TextFill(int column) => _texts[column] ?? throw new ArgumentException($"column '{_columns[column]}' is a numeric column.", nameof(column));

    /// <summary>Fits a fill per column on the <paramref name="rows"/> (training rows only).</summary>
    /// <exception cref="ArgumentException">No rows, or a column with no value at all in the rows.</exception>
    public static Imputer Fit(IReadOnlyList<DataColumn> columns, ReadOnlySpan<int> rows, ImputeStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (!Enum.IsDefined(strategy)) throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy.");
        if (rows.IsEmpty) throw new ArgumentException("An imputer is fitted on at least one training row.", nameof(rows));
        var names = new string[columns.Count];
        var numbers = new double[columns.Count];
        var texts = new string?[columns.Count];
        for (int j = 0; j < columns.Count; j++)
        {
            DataColumn c = columns[j];
            names[j] = c.Name;
            numbers[j] = double.NaN;
            if (c.IsText) texts[j] = MostFrequent(c.Texts!, rows, c.Name);
            else numbers[j] = strategy switch
            {
                ImputeStrategy.Mean => Standardizer.Moments(c.Numbers!, 1, 0, rows, c.Length, c.Name).Mean,
                ImputeStrategy.Median => Median(c.Numbers!, rows, c.Name),
                ImputeStrategy.MostFrequent => MostFrequent(c.Numbers!, rows, c.Name),
                _ => throw new InvalidOperationException($"Unknown strategy {strategy}."), // refused above
            };
        }
        return new Imputer(strategy, Names.Checked(names, nameof(columns)), numbers, texts);
    }

    /// <summary>A copy of <paramref name="column"/> (matched by name) with its missing cells filled.</summary>
    /// <exception cref="ArgumentException">The imputer has no column of that name and kind.</exception>
    public DataColumn Transform(DataColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        int j = Array.IndexOf(_columns, column.Name);
        if (j < 0) throw new ArgumentException($"the imputer has no column '{column.Name}' (it has {string.Join(", ", _columns)}).", nameof(column));
        if (column.IsText != IsText(j))
            throw new ArgumentException($"column '{column.Name}' is {(column.IsText ? "text" : "numeric")} here but was {(IsText(j) ? "text" : "numeric")} when the imputer was fitted.", nameof(column));
        if (column.IsText)
        {
            string?[] cells = [.. column.Texts!];
            for (int i = 0; i < cells.Length; i++) cells[i] ??= _texts[j];
            return DataColumn.Text(column.Name, cells);
        }
        double[] values = [.. column.Numbers!];
        for (int i = 0; i < values.Length; i++) if (double.IsNaN(values[i])) values[i] = _numbers[j];
        return DataColumn.Numeric(column.Name, values);
    }

    /// <summary>Every column filled (each matched by name).</summary>
    public DataColumn[] Transform(IReadOnlyList<DataColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var filled = new DataColumn[columns.Count];
        for (int i = 0; i < filled.Length; i++) filled[i] = Transform(columns[i]);
        return filled;
    }

    private static double Median(double[] values, ReadOnlySpan<int> rows, string name)
    {
        var present = new List<double>(rows.Length);
        foreach (int r in rows)
        {
            if ((uint)r >= (uint)values.Length) throw new ArgumentOutOfRangeException(nameof(rows), $"row {r} is outside the {values.Length} rows.");
            if (!double.IsNaN(values[r])) present.Add(values[r]);
        }
        if (present.Count == 0) throw new ArgumentException($"column '{name}' has no value in the training rows to impute from.", nameof(rows));
        present.Sort();
        int mid = present.Count / 2;
        return present.Count % 2 == 1 ? present[mid] : present[mid - 1] / 2 + present[mid] / 2; // numpy's median: the middle two averaged
    }

    private static double MostFrequent(double[] values, ReadOnlySpan<int> rows, string name)
    {
        var counts = new Dictionary<double, int>();
        foreach (int r in rows)
        {
            if ((uint)r >= (uint)values.Length) throw new ArgumentOutOfRangeException(nameof(rows), $"row {r} is outside the {values.Length} rows.");
            if (!double.IsNaN(values[r])) counts[values[r]] = counts.GetValueOrDefault(values[r]) + 1;
        }
        if (counts.Count == 0) throw new ArgumentException($"column '{name}' has no value in the training rows to impute from.", nameof(rows));
        double best = double.NaN;
        int most = 0;
        foreach ((double v, int n) in counts)
            if (n > most || (n == most && v < best)) (best, most) = (v, n); // ties: the smallest, as SimpleImputer
        return best;
    }

    private static string MostFrequent(string?[] cells, ReadOnlySpan<int> rows, string name)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (int r in rows)
        {
            if ((uint)r >= (uint)cells.Length) throw new ArgumentOutOfRangeException(nameof(rows), $"row {r} is outside the {cells.Length} rows.");
            if (cells[r] is { } s) counts[s] = counts.GetValueOrDefault(s) + 1;
        }
        if (counts.Count == 0) throw new ArgumentException($"column '{name}' has no value in the training rows to impute from.", nameof(rows));
        string? best = null;
        int most = 0;
        foreach ((string v, int n) in counts)
            if (n > most || (n == most && string.CompareOrdinal(v, best) < 0)) (best, most) = (v, n);
        return best!;
    }

    /// <summary>Strategy names as JSON and the CLI spell them: mean, median, most-frequent.</summary>
    public static string StrategyName(ImputeStrategy strategy) => strategy switch
    {
        ImputeStrategy.Mean => "mean",
        ImputeStrategy.Median => "median",
        ImputeStrategy.MostFrequent => "most-frequent",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
    };

    /// <summary>The strategy a name (<see cref="StrategyName"/>) spells, or null.</summary>
    public static ImputeStrategy? ParseStrategy(string name) => name switch
    {
        "mean" => ImputeStrategy.Mean,
        "median" => ImputeStrategy.Median,
        "most-frequent" => ImputeStrategy.MostFrequent,
        _ => null,
    };

    /// <summary>The imputer as JSON: <c>{"strategy":"median","columns":["age","color"],"fill":[41.5,"red"]}</c>.</summary>
    public string ToJson() => JsonFields.Write(Write);

    /// <summary>Reads <see cref="ToJson"/>'s form; every problem is one <see cref="DataFormatException"/> naming the key.</summary>
    public static Imputer FromJson(string json, string source = "imputer.json") =>
        JsonFields.Parse(json, "the imputer description", source, (e, f) => Read(e, f, ""));

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("strategy", StrategyName(Strategy));
        w.WriteStartArray("columns");
        foreach (string c in _columns) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteStartArray("fill");
        for (int j = 0; j < _columns.Length; j++)
        {
            if (_texts[j] is { } t) w.WriteStringValue(t);
            else w.WriteNumberValue(_numbers[j]);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static Imputer Read(JsonElement e, JsonFields f, string path)
    {
        f.OnlyKeys(e, path, "strategy", "columns", "fill");
        string name = f.String(e, "strategy", path);
        ImputeStrategy strategy = ParseStrategy(name)
            ?? throw f.Bad($"has unknown {JsonFields.Join(path, "strategy")} '{JsonFields.Clip(name)}' (expected mean, median or most-frequent)");
        string[] columns = f.Names(e, "columns", path);
        JsonElement fill = f.Array(e, "fill", path);
        string at = JsonFields.Join(path, "fill");
        if (fill.GetArrayLength() != columns.Length) throw f.Bad($"has '{at}' with {fill.GetArrayLength()} entries for {columns.Length} columns");
        var numbers = new double[columns.Length];
        var texts = new string?[columns.Length];
        int j = 0;
        foreach (JsonElement v in fill.EnumerateArray())
        {
            numbers[j] = double.NaN;
            if (v.ValueKind == JsonValueKind.String) texts[j] = f.Text(v, $"{at}[{j}]");
            else numbers[j] = f.Number(v, $"{at}[{j}]");
            j++;
        }
        return new Imputer(strategy, columns, numbers, texts);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Imputer({StrategyName(Strategy)}, {_columns.Length} columns)");
}

using System.Globalization;
using System.Text.Json;
using FastReg.IO;

namespace FastReg.Nn.Preprocessing;

/// <summary>
/// Text (categorical) columns as one-hot features, as scikit-learn's OneHotEncoder with
/// handle_unknown="ignore": each column's categories are fitted on the training rows and kept in
/// sorted ordinal order; a category not seen in training encodes as all zeros and is counted so the
/// caller can warn. Feature names are "column=category".
/// </summary>
public sealed class OneHotEncoder
{
    /// <summary>The most categories a column may have by default: more usually means an id-like column.</summary>
    public const int DefaultMaxCategories = 100;

    private readonly string[] _columns;
    private readonly string[][] _categories;
    private readonly Dictionary<string, int>[] _index;
    private readonly string[] _featureNames;

    private OneHotEncoder(string[] columns, string[][] categories)
    {
        _columns = columns;
        _categories = categories;
        _index = new Dictionary<string, int>[categories.Length];
        var names = new List<string>();
        for (int j = 0; j < categories.Length; j++)
        {
            _index[j] = new Dictionary<string, int>(categories[j].Length, StringComparer.Ordinal);
            for (int c = 0; c < categories[j].Length; c++)
            {
                _index[j][categories[j][c]] = c;
                names.Add(columns[j] + "=" + categories[j][c]);
            }
        }
        _featureNames = [.. names];
    }

    /// <summary>The text columns, in order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The categories of column <paramref name="column"/>, sorted (ordinal); one feature each.</summary>
    public IReadOnlyList<string> CategoriesOf(int column) => _categories[column];

    /// <summary>Features out: the sum of the columns' category counts.</summary>
    public int Width => _featureNames.Length;

    /// <summary>"column=category" for each feature out, in order.</summary>
    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>Fits each text column's categories on the <paramref name="rows"/> (missing cells are not a category).</summary>
    /// <exception cref="ArgumentException">A numeric column, no rows, a column with no value, or more than <paramref name="maxCategories"/> categories.</exception>
    public static OneHotEncoder Fit(IReadOnlyList<DataColumn> columns, ReadOnlySpan<int> rows, int maxCategories = DefaultMaxCategories)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCategories, 1);
        if (rows.IsEmpty) throw new ArgumentException("A one-hot encoder is fitted on at least one training row.", nameof(rows));
        var names = new string[columns.Count];
        var categories = new string[columns.Count][];
        for (int j = 0; j < columns.Count; j++)
        {
            DataColumn c = columns[j];
            names[j] = c.Name;
            string?[] cells = c.Texts ?? throw new ArgumentException($"column '{c.Name}' is numeric; a one-hot encoder encodes text columns.", nameof(columns));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (int r in rows)
            {
                if ((uint)r >= (uint)cells.Length) throw new ArgumentOutOfRangeException(nameof(rows), $"row {r} is outside the {cells.Length} rows.");
                if (cells[r] is { } s && seen.Add(s) && seen.Count > maxCategories)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"text column '{c.Name}' has more than {maxCategories} categories in the training rows (the limit); an id-like column? Leave it out of the features, or raise the limit."), nameof(maxCategories));
            }
            if (seen.Count == 0) throw new ArgumentException($"text column '{c.Name}' has no value in the training rows to take categories from.", nameof(rows));
            string[] sorted = [.. seen];
            Array.Sort(sorted, StringComparer.Ordinal);
            categories[j] = sorted;
        }
        return new OneHotEncoder(Names.Checked(names, nameof(columns)), categories);
    }

    /// <summary>
    /// Writes the one-hot block of <paramref name="value"/> for column <paramref name="column"/> into
    /// <paramref name="output"/> (its category count long). Returns false, with all zeros written, for a
    /// category not seen in training or a missing (null) value.
    /// </summary>
    public bool Encode(int column, string? value, Span<double> output)
    {
        int k = _categories[column].Length;
        if (output.Length < k) throw new ArgumentException($"'output' has {output.Length} entries; column '{_columns[column]}' has {k} categories.", nameof(output));
        output[..k].Clear();
        if (value is null || !_index[column].TryGetValue(value, out int c)) return false;
        output[c] = 1;
        return true;
    }

    /// <summary>The index of <paramref name="value"/> among column <paramref name="column"/>'s categories, or −1 if unseen or null.</summary>
    public int IndexOf(int column, string? value) => value is not null && _index[column].TryGetValue(value, out int c) ? c : -1;

    /// <summary>
    /// Encodes text columns (matched by name) into <paramref name="output"/> [rows, <see cref="Width"/>];
    /// returns the number of cells whose category was unseen (or missing), all-zero in the output.
    /// </summary>
    public int Transform(IReadOnlyList<DataColumn> columns, Span<double> output)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var byName = new string?[]?[_columns.Length];
        int rows = -1;
        foreach (DataColumn c in columns)
        {
            int j = Array.IndexOf(_columns, c.Name);
            if (j < 0) continue;
            byName[j] = c.Texts ?? throw new ArgumentException($"column '{c.Name}' is numeric here but was text when the encoder was fitted.", nameof(columns));
            if (rows >= 0 && c.Length != rows) throw new ArgumentException($"column '{c.Name}' has {c.Length} rows, others {rows}.", nameof(columns));
            rows = c.Length;
        }
        for (int j = 0; j < byName.Length; j++)
            if (byName[j] is null) throw new ArgumentException($"no column '{_columns[j]}' among the columns given.", nameof(columns));
        if ((long)rows * Width > output.Length) throw new ArgumentException($"'output' has {output.Length} entries; {rows} rows × {Width} features are needed.", nameof(output));
        int unseen = 0;
        for (int r = 0; r < rows; r++)
        {
            int at = r * Width;
            for (int j = 0; j < _columns.Length; j++)
            {
                if (!Encode(j, byName[j]![r], output.Slice(at, _categories[j].Length))) unseen++;
                at += _categories[j].Length;
            }
        }
        return unseen;
    }

    /// <summary>The encoder as JSON: <c>{"columns":[{"name":"color","categories":["blue","red"]}]}</c>.</summary>
    public string ToJson() => JsonFields.Write(Write);

    /// <summary>Reads <see cref="ToJson"/>'s form; every problem is one <see cref="DataFormatException"/> naming the key.</summary>
    public static OneHotEncoder FromJson(string json, string source = "one-hot.json") =>
        JsonFields.Parse(json, "the one-hot encoder description", source, (e, f) => Read(e, f, ""));

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("columns");
        for (int j = 0; j < _columns.Length; j++)
        {
            w.WriteStartObject();
            w.WriteString("name", _columns[j]);
            w.WriteStartArray("categories");
            foreach (string c in _categories[j]) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static OneHotEncoder Read(JsonElement e, JsonFields f, string path)
    {
        f.OnlyKeys(e, path, "columns");
        JsonElement list = f.Array(e, "columns", path);
        if (list.GetArrayLength() == 0) throw f.Bad($"has no entry in '{JsonFields.Join(path, "columns")}'");
        var names = new string[list.GetArrayLength()];
        var categories = new string[names.Length][];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int j = 0;
        foreach (JsonElement column in list.EnumerateArray())
        {
            string at = $"{JsonFields.Join(path, "columns")}[{j}]";
            if (column.ValueKind != JsonValueKind.Object) throw f.Bad($"has {at} that is not an object");
            f.OnlyKeys(column, at, "name", "categories");
            names[j] = f.String(column, "name", at);
            if (names[j].Length == 0) throw f.Bad($"has an empty name at {at}.name");
            if (!seen.Add(names[j])) throw f.Bad($"names '{JsonFields.Clip(names[j])}' twice in '{JsonFields.Join(path, "columns")}'");
            string[] cats = f.Names(column, "categories", at, allowEmpty: true);
            for (int c = 1; c < cats.Length; c++)
                if (string.CompareOrdinal(cats[c - 1], cats[c]) >= 0)
                    throw f.Bad($"has {at}.categories out of sorted order at [{c}] ('{JsonFields.Clip(cats[c])}'); an encoder keeps them sorted");
            categories[j++] = cats;
        }
        return new OneHotEncoder(names, categories);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"OneHotEncoder({_columns.Length} columns, {Width} features)");
}

using System.Globalization;
using System.Text.Json;
using FastReg.IO;

namespace FastReg.Nn.Preprocessing;

/// <summary>
/// The preprocessing pipeline a model stores: raw input columns (<see cref="DataColumn"/>: numbers with
/// NaN for missing, or text with null for missing) to the network's input vector, in column order.
/// Each numeric column gives one feature (imputed, then standardized), each text column one feature per
/// training category (imputed, then one-hot). Every statistic is fitted on training rows only, as a
/// scikit-learn Pipeline of SimpleImputer, StandardScaler and OneHotEncoder in a ColumnTransformer.
/// </summary>
/// <example>
/// <code>
/// Preprocessor p = Preprocessor.Fit(columns, trainRows, new PreprocessingOptions { Impute = ImputeStrategy.Median });
/// double[] x = p.Transform(columns);            // [rows, p.FeatureCount], names in p.FeatureNames
/// string json = p.ToJson();                     // stored with the model
/// </code>
/// </example>
public sealed class Preprocessor
{
    private readonly InputColumn[] _inputs;
    private readonly int[] _step;   // per input: its index in the standardizer (numeric) or encoder (text); -1 numeric unscaled
    private readonly int[] _offset; // per input: its first feature
    private readonly string[] _featureNames;

    private Preprocessor(InputColumn[] inputs, Imputer? imputer, Standardizer? standardizer, OneHotEncoder? encoder)
    {
        _inputs = inputs;
        Imputer = imputer;
        Standardizer = standardizer;
        Encoder = encoder;
        _step = new int[inputs.Length];
        _offset = new int[inputs.Length];
        var names = new List<string>();
        int numeric = 0, text = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            _offset[i] = names.Count;
            if (inputs[i].IsText)
            {
                _step[i] = text;
                foreach (string category in encoder!.CategoriesOf(text)) names.Add(inputs[i].Name + "=" + category);
                text++;
            }
            else
            {
                _step[i] = standardizer is null ? -1 : numeric;
                names.Add(inputs[i].Name);
                numeric++;
            }
        }
        _featureNames = [.. names];
    }

    /// <summary>The raw columns the pipeline reads, in order.</summary>
    public IReadOnlyList<InputColumn> Inputs => _inputs;

    /// <summary>The imputer (null: a missing cell is an error).</summary>
    public Imputer? Imputer { get; }

    /// <summary>The standardizer of the numeric columns (null: numbers pass as they are).</summary>
    public Standardizer? Standardizer { get; }

    /// <summary>The one-hot encoder of the text columns (null when there are none).</summary>
    public OneHotEncoder? Encoder { get; }

    /// <summary>The network's input names: a numeric column's name, or "column=category" for each category of a text column.</summary>
    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>The network's input width.</summary>
    public int FeatureCount => _featureNames.Length;

    /// <summary>Whether every input is numeric (then <see cref="TransformRow(ReadOnlySpan{double}, Span{double})"/> applies).</summary>
    public bool IsNumericOnly => Encoder is null;

    /// <summary>Fits the pipeline on the <paramref name="trainingRows"/> of <paramref name="columns"/>.</summary>
    /// <exception cref="ArgumentException">
    /// No columns or rows, columns of different lengths or repeated names, a missing training cell without
    /// <see cref="PreprocessingOptions.Impute"/>, a column with no training value, or too many categories.
    /// </exception>
    public static Preprocessor Fit(IReadOnlyList<DataColumn> columns, ReadOnlySpan<int> trainingRows, PreprocessingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        options ??= new PreprocessingOptions();
        if (columns.Count == 0) throw new ArgumentException("A preprocessor needs at least one input column.", nameof(columns));
        if (trainingRows.IsEmpty) throw new ArgumentException("A preprocessor is fitted on at least one training row.", nameof(trainingRows));
        var inputs = new InputColumn[columns.Count];
        for (int i = 0; i < inputs.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(columns[i], nameof(columns));
            if (columns[i].Length != columns[0].Length)
                throw new ArgumentException($"column '{columns[i].Name}' has {columns[i].Length} rows, '{columns[0].Name}' {columns[0].Length}.", nameof(columns));
            inputs[i] = new InputColumn(columns[i].Name, columns[i].IsText);
        }
        Names.Checked(Array.ConvertAll(inputs, c => c.Name), nameof(columns));
        IReadOnlyList<DataColumn> filled = columns;
        Imputer? imputer = null;
        if (options.Impute is { } strategy)
        {
            imputer = Imputer.Fit(columns, trainingRows, strategy);
            filled = imputer.Transform(columns);
        }
        else
        {
            foreach (DataColumn c in columns)
                foreach (int r in trainingRows)
                    if ((uint)r < (uint)c.Length && (c.IsText ? c.Texts![r] is null : double.IsNaN(c.Numbers![r])))
                        throw Missing(c.Name, r, nameof(trainingRows));
        }
        var numeric = new List<DataColumn>();
        var text = new List<DataColumn>();
        foreach (DataColumn c in filled) (c.IsText ? text : numeric).Add(c);
        Standardizer? standardizer = options.Standardize && numeric.Count > 0 ? Standardizer.Fit(numeric, trainingRows) : null;
        OneHotEncoder? encoder = text.Count > 0 ? OneHotEncoder.Fit(text, trainingRows, options.MaxCategories) : null;
        return new Preprocessor(inputs, imputer, standardizer, encoder);
    }

    /// <summary>The identity on numeric columns: numbers pass unchanged, a missing one is an error.</summary>
    public static Preprocessor Identity(IReadOnlyList<string> numericColumns)
    {
        ArgumentNullException.ThrowIfNull(numericColumns);
        if (numericColumns.Count == 0) throw new ArgumentException("A preprocessor needs at least one input column.", nameof(numericColumns));
        string[] names = Names.Checked(numericColumns, nameof(numericColumns));
        return new Preprocessor(Array.ConvertAll(names, n => new InputColumn(n, false)), null, null, null);
    }

    /// <summary>
    /// A pipeline from its parts, checked to fit together: the imputer covers every input in order, the
    /// standardizer every numeric input in order, the encoder every text input in order.
    /// </summary>
    /// <exception cref="ArgumentException">The parts do not fit the inputs.</exception>
    public static Preprocessor Create(IReadOnlyList<InputColumn> inputs, Imputer? imputer, Standardizer? standardizer, OneHotEncoder? encoder)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) throw new ArgumentException("A preprocessor needs at least one input column.", nameof(inputs));
        InputColumn[] copy = [.. inputs];
        Names.Checked(Array.ConvertAll(copy, c => c.Name), nameof(inputs));
        string? problem = Mismatch(copy, imputer, standardizer, encoder);
        if (problem is not null) throw new ArgumentException(problem + ".", nameof(inputs));
        return new Preprocessor(copy, imputer, standardizer, encoder);
    }

    private static string? Mismatch(InputColumn[] inputs, Imputer? imputer, Standardizer? standardizer, OneHotEncoder? encoder)
    {
        string[] numeric = [.. inputs.Where(c => !c.IsText).Select(c => c.Name)];
        string[] text = [.. inputs.Where(c => c.IsText).Select(c => c.Name)];
        if (imputer is not null)
        {
            if (!imputer.Columns.SequenceEqual(inputs.Select(c => c.Name))) return "the imputer's columns are not the input columns in order";
            for (int i = 0; i < inputs.Length; i++)
                if (imputer.IsText(i) != inputs[i].IsText) return $"the imputer fills column '{inputs[i].Name}' with {(imputer.IsText(i) ? "text" : "a number")} but the column is {(inputs[i].IsText ? "text" : "numeric")}";
        }
        if (standardizer is not null && !standardizer.Columns.SequenceEqual(numeric)) return "the standardizer's columns are not the numeric input columns in order";
        if (encoder is null ? text.Length > 0 : !encoder.Columns.SequenceEqual(text)) return "the one-hot encoder's columns are not the text input columns in order";
        return null;
    }

    /// <summary>The features of every row: [rows, <see cref="FeatureCount"/>]. Columns are matched by name; extra columns are ignored.</summary>
    public double[] Transform(IReadOnlyList<DataColumn> columns) => Transform(columns, out _);

    /// <summary>As <see cref="Transform(IReadOnlyList{DataColumn})"/>, with the count of cells whose category was not seen in training (encoded as all zeros).</summary>
    public double[] Transform(IReadOnlyList<DataColumn> columns, out int unseenCategories)
    {
        DataColumn[] matched = Match(columns);
        var features = new double[(long)matched[0].Length * FeatureCount];
        unseenCategories = Transform(columns, features);
        return features;
    }

    /// <summary>
    /// Writes the features of every row into <paramref name="features"/> [rows, <see cref="FeatureCount"/>] and
    /// returns the number of cells whose category was unseen in training; <paramref name="unseenByInput"/>, if
    /// given (one entry per input), receives the count per column.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A column is absent or of the other kind, columns differ in length, <paramref name="features"/> is too short,
    /// a numeric cell is missing and nothing imputes it.
    /// </exception>
    public int Transform(IReadOnlyList<DataColumn> columns, Span<double> features, Span<int> unseenByInput = default)
    {
        DataColumn[] matched = Match(columns);
        int rows = matched[0].Length, width = FeatureCount;
        if ((long)rows * width > features.Length) throw new ArgumentException($"'features' has {features.Length} entries; {rows} rows × {width} features are needed.", nameof(features));
        CheckCounts(unseenByInput);
        int unseen = 0;
        for (int r = 0; r < rows; r++)
        {
            Span<double> row = features.Slice(r * width, width);
            for (int i = 0; i < _inputs.Length; i++)
            {
                DataColumn c = matched[i];
                bool known = _inputs[i].IsText
                    ? PutText(i, c.Texts is { } t ? t[r] : NumberAsText(c.Numbers![r]), row, r)
                    : PutNumber(i, c.Numbers![r], row, r);
                if (!known)
                {
                    unseen++;
                    if (!unseenByInput.IsEmpty) unseenByInput[i]++;
                }
            }
        }
        return unseen;
    }

    /// <summary>
    /// One raw row as text cells, one per <see cref="Inputs"/> in order (numbers in invariant culture; null or
    /// empty = missing), into <paramref name="features"/> [<see cref="FeatureCount"/>]. Returns the number of
    /// cells whose category was unseen in training.
    /// </summary>
    public int TransformRow(ReadOnlySpan<string?> cells, Span<double> features)
    {
        if (cells.Length != _inputs.Length) throw new ArgumentException($"the row has {cells.Length} cells; the inputs are {_inputs.Length} ({string.Join(", ", _inputs.Select(c => c.Name))}).", nameof(cells));
        if (features.Length < FeatureCount) throw new ArgumentException($"'features' has {features.Length} entries; {FeatureCount} are needed.", nameof(features));
        int unseen = 0;
        for (int i = 0; i < _inputs.Length; i++)
        {
            string? cell = string.IsNullOrEmpty(cells[i]) ? null : cells[i];
            if (_inputs[i].IsText)
            {
                if (!PutText(i, cell, features, 0)) unseen++;
                continue;
            }
            double v = double.NaN;
            if (cell is not null && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out v))
                throw new ArgumentException($"column '{_inputs[i].Name}': '{JsonFields.Clip(cell)}' is not a number.", nameof(cells));
            PutNumber(i, v, features, 0);
        }
        return unseen;
    }

    /// <summary>One raw row of numbers (NaN = missing), one per <see cref="Inputs"/>, into <paramref name="features"/>; every input must be numeric.</summary>
    public void TransformRow(ReadOnlySpan<double> values, Span<double> features)
    {
        if (!IsNumericOnly) throw new ArgumentException($"the inputs include text columns ({string.Join(", ", _inputs.Where(c => c.IsText).Select(c => c.Name))}); give the row as text cells.", nameof(values));
        if (values.Length != _inputs.Length) throw new ArgumentException($"the row has {values.Length} values; the inputs are {_inputs.Length}.", nameof(values));
        if (features.Length < FeatureCount) throw new ArgumentException($"'features' has {features.Length} entries; {FeatureCount} are needed.", nameof(features));
        for (int i = 0; i < values.Length; i++) PutNumber(i, values[i], features, 0);
    }

    private bool PutNumber(int input, double v, Span<double> row, int r)
    {
        if (double.IsNaN(v)) v = Imputer is not null ? Imputer.NumberFill(input) : throw Missing(_inputs[input].Name, r, "columns");
        int s = _step[input];
        row[_offset[input]] = s < 0 ? v : Standardizer!.Transform(v, s);
        return true;
    }

    private bool PutText(int input, string? cell, Span<double> row, int r)
    {
        if (cell is null) cell = Imputer is not null ? Imputer.TextFill(input) : throw Missing(_inputs[input].Name, r, "columns");
        int s = _step[input];
        return Encoder!.Encode(s, cell, row.Slice(_offset[input], Encoder.CategoriesOf(s).Count));
    }

    // A text column read as numbers (every cell looked numeric) still names its categories by their text.
    private static string? NumberAsText(double v) => double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture);

    private DataColumn[] Match(IReadOnlyList<DataColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var matched = new DataColumn[_inputs.Length];
        for (int i = 0; i < _inputs.Length; i++)
        {
            foreach (DataColumn c in columns)
                if (c is not null && c.Name == _inputs[i].Name) { matched[i] = c; break; }
            if (matched[i] is null)
                throw new ArgumentException($"no column '{_inputs[i].Name}' among the columns given ({string.Join(", ", columns.Select(c => c?.Name))}); the model reads {string.Join(", ", _inputs.Select(c => c.Name))}.", nameof(columns));
            if (!_inputs[i].IsText && matched[i].IsText)
                throw new ArgumentException($"column '{_inputs[i].Name}' holds text here but was numeric in training.", nameof(columns));
            if (matched[i].Length != matched[0].Length)
                throw new ArgumentException($"column '{matched[i].Name}' has {matched[i].Length} rows, '{matched[0].Name}' {matched[0].Length}.", nameof(columns));
        }
        return matched;
    }

    private void CheckCounts(Span<int> unseenByInput)
    {
        if (!unseenByInput.IsEmpty && unseenByInput.Length != _inputs.Length)
            throw new ArgumentException($"'unseenByInput' has {unseenByInput.Length} entries; one per input ({_inputs.Length}) is needed.", nameof(unseenByInput));
    }

    private static ArgumentException Missing(string column, int row, string parameter) =>
        new($"column '{column}' has a missing value at row {row} and nothing imputes it (fit with PreprocessingOptions.Impute, or drop the row).", parameter);

    /// <summary>The pipeline as JSON: <c>{"columns":[{"name":"age","kind":"numeric"},...],"imputer":{...},"standardizer":{...},"oneHot":{...}}</c>.</summary>
    public string ToJson() => JsonFields.Write(Write);

    /// <summary>Reads <see cref="ToJson"/>'s form; every problem, including parts that do not fit together, is one <see cref="DataFormatException"/> naming the key.</summary>
    public static Preprocessor FromJson(string json, string source = "preprocessing.json") =>
        JsonFields.Parse(json, "the preprocessing description", source, (e, f) => Read(e, f, ""));

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("columns");
        foreach (InputColumn c in _inputs)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("kind", c.IsText ? "text" : "numeric");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (Imputer is not null)
        {
            w.WritePropertyName("imputer");
            Imputer.Write(w);
        }
        if (Standardizer is not null)
        {
            w.WritePropertyName("standardizer");
            Standardizer.Write(w, "columns");
        }
        if (Encoder is not null)
        {
            w.WritePropertyName("oneHot");
            Encoder.Write(w);
        }
        w.WriteEndObject();
    }

    internal static Preprocessor Read(JsonElement e, JsonFields f, string path)
    {
        f.OnlyKeys(e, path, "columns", "imputer", "standardizer", "oneHot");
        JsonElement list = f.Array(e, "columns", path);
        string at = JsonFields.Join(path, "columns");
        if (list.GetArrayLength() == 0) throw f.Bad($"has no entry in '{at}'");
        var inputs = new InputColumn[list.GetArrayLength()];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (JsonElement c in list.EnumerateArray())
        {
            string here = $"{at}[{i}]";
            if (c.ValueKind != JsonValueKind.Object) throw f.Bad($"has {here} that is not an object");
            f.OnlyKeys(c, here, "name", "kind");
            string name = f.String(c, "name", here), kind = f.String(c, "kind", here);
            if (name.Length == 0) throw f.Bad($"has an empty name at {here}.name");
            if (!seen.Add(name)) throw f.Bad($"names '{JsonFields.Clip(name)}' twice in '{at}'");
            if (kind is not ("numeric" or "text")) throw f.Bad($"has {here}.kind '{JsonFields.Clip(kind)}' (expected numeric or text)");
            inputs[i++] = new InputColumn(name, kind == "text");
        }
        Imputer? imputer = f.OptionalObject(e, "imputer", path) is { } im ? Imputer.Read(im, f, JsonFields.Join(path, "imputer")) : null;
        Standardizer? standardizer = f.OptionalObject(e, "standardizer", path) is { } st ? Standardizer.Read(st, f, JsonFields.Join(path, "standardizer"), "columns") : null;
        OneHotEncoder? encoder = f.OptionalObject(e, "oneHot", path) is { } oh ? OneHotEncoder.Read(oh, f, JsonFields.Join(path, "oneHot")) : null;
        string? problem = Mismatch(inputs, imputer, standardizer, encoder);
        if (problem is not null) throw f.Bad($"has '{path}' whose parts do not fit: {problem}");
        return new Preprocessor(inputs, imputer, standardizer, encoder);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Preprocessor({_inputs.Length} columns -> {FeatureCount} features{(Imputer is null ? "" : ", impute " + Imputer.StrategyName(Imputer.Strategy))}{(Standardizer is null ? "" : ", standardize")}{(Encoder is null ? "" : ", one-hot")})");
}

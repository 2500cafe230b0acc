using System.Globalization;
using FastReg.IO;
using FastReg.Nn.Preprocessing;

namespace FastReg.Cli.Data;

/// <summary>
/// Turns a <see cref="DataSource"/> into <see cref="LabeledData"/>: picks the feature and target columns
/// (--features, --drop, --id), applies the missing-value policy (--impute), guards text columns, decides the
/// task by one rule for CSV and .npy (<see cref="DataFlags.TaskRule"/>), encodes class labels (sorted, as
/// scikit-learn's LabelEncoder), and rejects infinities with the place they occur.
/// </summary>
internal static class DataLoader
{
    /// <summary>Classification is chosen automatically for text targets or integer targets with at most this many values.</summary>
    public const int MaxAutoClasses = 20;

    /// <summary>What a missing-cell error adds: how to get past it.</summary>
    public const string ImputeHint = "--impute drop leaves rows with a missing cell out, --impute mean|median|most-frequent fills them (--na-values sets what counts as missing)";

    public static LabeledData Load(DataSource source)
    {
        source.Validate(needTargets: true);
        return source.Csv is not null ? FromCsv(source) : FromNpy(source);
    }

    /// <summary>
    /// The raw input columns a trained model reads, with the --id column's cells: by name from a CSV (text columns as
    /// text, a missing cell null or NaN when the model imputes, refused otherwise), by position from .npy; with
    /// <paramref name="targets"/>, the true values of those columns where the data carry them (<see cref="TrueTargets"/>).
    /// </summary>
    public static ModelInputs LoadColumns(DataSource source, IReadOnlyList<InputColumn> inputs, bool imputes, IReadOnlyList<string>? targets = null)
    {
        source.Validate(needTargets: false);
        var columns = new DataColumn[inputs.Count];
        if (source.Csv is not null)
        {
            string path = source.Csv;
            CsvTable table = TableFiles.ReadCsv(path, source.CsvOptions);
            foreach (InputColumn input in inputs) ColumnNames.Require(table.Columns, input.Name, "the model's feature", path);
            if (source.Id is not null) ColumnNames.Require(table.Columns, source.Id, "--id", path);
            var names = new string[inputs.Count];
            for (int j = 0; j < names.Length; j++) names[j] = inputs[j].Name;
            if (!imputes) RefuseMissing(table, names, path, "the model was trained without --impute: fill or remove those rows");
            for (int j = 0; j < columns.Length; j++)
                columns[j] = inputs[j].IsText ? TextFeature(table, inputs[j].Name) : DataColumn.Numeric(inputs[j].Name, table.NumericColumn(inputs[j].Name, allowMissing: imputes));
            return new ModelInputs(columns, table.Rows, source.Id is null ? null : table.TextColumn(source.Id), source.Id)
            {
                Truth = targets is null ? null : TrueTargets.FromCsv(table, targets, path),
            };
        }
        foreach (InputColumn input in inputs)
            if (input.IsText) throw new CliException($"{source.FeaturesNpy}: the model reads text column '{input.Name}'; give its data as a CSV.");
        NpyArray x = Npy.Read(source.FeaturesNpy!);
        (int rows, int cols) = Shape(x, source.FeaturesNpy!);
        if (cols != inputs.Count)
            throw new CliException($"{source.FeaturesNpy}: {cols} features per row, the model expects {inputs.Count}.");
        RequireFinite(x.Data, cols, source.FeaturesNpy!, allowNaN: imputes);
        for (int j = 0; j < cols; j++)
        {
            var values = new double[rows];
            for (int r = 0; r < rows; r++) values[r] = x.Data[r * cols + j];
            columns[j] = DataColumn.Numeric(inputs[j].Name, values);
        }
        return new ModelInputs(columns, rows, null, null)
        {
            Truth = targets is not null && source.TargetsNpy is { } y ? TrueTargets.FromNpy(y, rows, targets) : null,
        };
    }

    /// <summary>A feature column as text categories: cells trimmed, a missing cell null; a column read as numbers in its shortest form.</summary>
    internal static DataColumn TextFeature(CsvTable table, string name)
    {
        DataColumn column = table.Column(name);
        var cells = new string?[column.Length];
        if (column.Texts is { } texts)
            for (int r = 0; r < cells.Length; r++) cells[r] = texts[r]?.Trim() is { Length: > 0 } v ? v : null;
        else
            for (int r = 0; r < cells.Length; r++)
                cells[r] = double.IsNaN(column.Numbers![r]) ? null : column.Numbers[r].ToString("R", CultureInfo.InvariantCulture);
        return DataColumn.Text(name, cells);
    }

    private static LabeledData FromCsv(DataSource source)
    {
        string path = source.Csv!;
        CsvTable table = TableFiles.ReadCsv(path, source.CsvOptions);
        IReadOnlyList<string> columns = table.Columns;
        if (columns.Count < 2)
            throw new CliException($"{path}: needs at least one feature column and one target column (found 1 column, reading with {table.Dialect}); " +
                "if the file is separated by another character, give --delimiter.");
        foreach (string t in source.TargetColumns) ColumnNames.Require(columns, t, "--target", path);
        foreach (string f in source.Features ?? []) ColumnNames.Require(columns, f, "--features", path);
        foreach (string d in source.Drop) ColumnNames.Require(columns, d, "--drop", path);
        if (source.Id is not null) ColumnNames.Require(columns, source.Id, "--id", path);

        bool Excluded(string c) => c == source.Id || source.Drop.Contains(c);
        string[] targets = source.TargetColumns.Count > 0 ? [.. source.TargetColumns] : [columns.Last(c => !Excluded(c) && !(source.Features?.Contains(c) ?? false))];
        foreach (string t in targets)
            if (Excluded(t) || (source.Features?.Contains(t) ?? false))
                throw new CliException($"{path}: column '{t}' is the target; it cannot also be {(t == source.Id ? "--id" : source.Drop.Contains(t) ? "dropped" : "a feature")}.");
        var features = new List<string>();
        foreach (string c in source.Features ?? columns)
        {
            if (Array.IndexOf(targets, c) >= 0) continue;
            if (Excluded(c))
            {
                if (source.Features is not null) throw new CliException($"{path}: column '{c}' is named by --features and by {(c == source.Id ? "--id" : "--drop")}.");
                continue;
            }
            if (!features.Contains(c)) features.Add(c);
        }
        if (features.Count == 0) throw new CliException($"{path}: no feature columns left (every column is a target, --id or dropped).");

        string[] used = [.. features, .. targets];
        int[] rows = AllRows(table.Rows);
        var notes = new List<string>();
        if (source.Impute is null) RefuseMissing(table, used, path, ImputeHint);
        else if (source.Impute != "drop")
        {
            // Features are imputed by the model (fitted on the training rows); a row without its target cannot be used.
            rows = RowsWithoutMissing(table, targets);
            int dropped = table.Rows - rows.Length;
            if (rows.Length == 0) throw new CliException($"{path}: every one of the {table.Rows} rows is missing its target.");
            if (dropped > 0) notes.Add(string.Create(CultureInfo.InvariantCulture, $"--impute {source.Impute}: left out {dropped:N0} of {table.Rows:N0} rows without a target ({rows.Length:N0} rows remain)."));
        }
        else
        {
            rows = RowsWithoutMissing(table, used);
            int dropped = table.Rows - rows.Length;
            if (rows.Length == 0) throw new CliException($"{path}: every one of the {table.Rows} rows has a missing cell in the used columns; --impute drop leaves none.");
            if (dropped > 0) notes.Add(string.Create(CultureInfo.InvariantCulture, $"--impute drop: left out {dropped:N0} of {table.Rows:N0} rows with a missing cell ({rows.Length:N0} rows remain)."));
        }
        foreach (string f in features) GuardCategories(table, f, path, source.MaxCategories);
        // The raw feature columns (text as text, missing as NaN or null) for the model's preprocessing; the numeric matrix when there is no text.
        var featureColumns = new DataColumn[features.Count];
        bool anyText = false;
        for (int j = 0; j < featureColumns.Length; j++)
        {
            DataColumn column = table.Column(features[j]);
            anyText |= column.IsText;
            featureColumns[j] = column.IsText ? PickText(TextFeature(table, features[j]), rows) : DataColumn.Numeric(features[j], Pick(column.Numbers!, rows));
        }
        double[] x = anyText ? [] : Matrix(table, features, rows);
        long[] lines = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++) lines[i] = table.LineOf(rows[i]);

        TaskKind task = source.Task;
        DataColumn target = table.Column(targets[0]);
        if (task == TaskKind.Auto)
            task = targets.Length == 1 && (target.IsText || IsFewIntegers(Pick(target.Numbers!, rows))) ? TaskKind.Classification : TaskKind.Regression;
        if (task == TaskKind.Classification)
        {
            if (targets.Length != 1) throw new CliException($"classification needs exactly one target column (got {targets.Length}: {string.Join(", ", targets)}).");
            (int[] labels, string[] classes) = target.IsText ? EncodeClasses(target.Texts!, rows, path, targets[0]) : EncodeClasses(Pick(target.Numbers!, rows), path, targets[0]);
            return new LabeledData { X = x, Rows = rows.Length, FeatureNames = [.. features], TargetNames = targets, Task = task, FeaturesSource = path, TargetsSource = path, Lines = lines, Notes = notes, FeatureColumns = featureColumns, Impute = ImputeStrategyOf(source.Impute), MaxCategories = source.MaxCategories, Labels = labels, Classes = classes };
        }
        foreach (string t in targets)
            if (table.Column(t).IsText) table.NumericColumn(t, allowMissing: true); // throws the first text cell with its line
        return new LabeledData { X = x, Rows = rows.Length, FeatureNames = [.. features], TargetNames = targets, Task = task, FeaturesSource = path, TargetsSource = path, Lines = lines, Notes = notes, FeatureColumns = featureColumns, Impute = ImputeStrategyOf(source.Impute), MaxCategories = source.MaxCategories, Targets = Matrix(table, targets, rows) };
    }

    private static LabeledData FromNpy(DataSource source)
    {
        NpyArray x = Npy.Read(source.FeaturesNpy!);
        NpyArray y = Npy.Read(source.TargetsNpy!);
        (int rows, int cols) = Shape(x, source.FeaturesNpy!);
        (int yRows, int yCols) = Shape(y, source.TargetsNpy!);
        if (yRows != rows) throw new CliException($"{source.FeaturesNpy} has {rows} rows but {source.TargetsNpy} has {yRows}.");
        bool drop = source.Impute == "drop";
        RequireFinite(x.Data, cols, source.FeaturesNpy!, allowNaN: source.Impute is not null);
        RequireFinite(y.Data, yCols, source.TargetsNpy!, allowNaN: source.Impute is not null);
        double[] xData = x.Data, yData = y.Data;
        var notes = new List<string>();
        if (source.Impute is not null)
        {
            // drop leaves out every row holding a NaN; imputing fills NaN features, but a row whose target is NaN cannot be used.
            var kept = new List<int>(rows);
            for (int r = 0; r < rows; r++)
                if (!HasNaN(yData.AsSpan(r * yCols, yCols)) && !(drop && HasNaN(xData.AsSpan(r * cols, cols)))) kept.Add(r);
            if (kept.Count == 0)
                throw new CliException(drop ? $"{source.FeaturesNpy}, {source.TargetsNpy}: every row holds a NaN; --impute drop leaves none." : $"{source.TargetsNpy}: every target is NaN.");
            if (kept.Count < rows)
            {
                string which = drop ? "with a NaN" : "with a NaN target";
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"--impute {source.Impute}: left out {rows - kept.Count:N0} of {rows:N0} rows {which} ({kept.Count:N0} rows remain)."));
                xData = PickRows(xData, cols, kept);
                yData = PickRows(yData, yCols, kept);
                rows = kept.Count;
            }
        }
        string[] features = Names("x", cols), targets = Names("y", yCols);

        TaskKind task = source.Task;
        if (task == TaskKind.Auto) task = yCols == 1 && IsFewIntegers(yData) ? TaskKind.Classification : TaskKind.Regression;
        if (task == TaskKind.Classification)
        {
            if (yCols != 1) throw new CliException($"{source.TargetsNpy}: classification needs one label per row, not [{rows}, {yCols}].");
            (int[] labels, string[] classes) = EncodeClasses(yData, source.TargetsNpy!, "y");
            return new LabeledData { X = xData, Rows = rows, FeatureNames = features, TargetNames = targets, Task = task, Labels = labels, Classes = classes, FeaturesSource = source.FeaturesNpy!, TargetsSource = source.TargetsNpy!, Notes = notes, Impute = ImputeStrategyOf(source.Impute) };
        }
        return new LabeledData { X = xData, Rows = rows, FeatureNames = features, TargetNames = targets, Task = task, Targets = yData, FeaturesSource = source.FeaturesNpy!, TargetsSource = source.TargetsNpy!, Notes = notes, Impute = ImputeStrategyOf(source.Impute) };
    }

    /// <summary>The task rule for numbers: every value an integer (1 and 1.0 alike) and at most <see cref="MaxAutoClasses"/> distinct values.</summary>
    public static bool IsFewIntegers(ReadOnlySpan<double> values)
    {
        var distinct = new HashSet<double>();
        foreach (double v in values)
        {
            if (!double.IsInteger(v)) return false;
            if (distinct.Add(v) && distinct.Count > MaxAutoClasses) return false;
        }
        return true;
    }

    /// <summary>Numeric class labels: the distinct values sorted, named in their shortest form (1.0 is "1"), and each row's index.</summary>
    private static (int[] Labels, string[] Classes) EncodeClasses(double[] values, string path, string column)
    {
        double[] sorted = [.. values.Distinct().Order()];
        if (sorted.Length < 2) throw new CliException($"{path}: target '{column}' has a single class ('{Name(sorted[0])}'); classification needs at least two.");
        var index = new Dictionary<double, int>();
        for (int c = 0; c < sorted.Length; c++) index[sorted[c]] = c;
        var labels = new int[values.Length];
        for (int i = 0; i < labels.Length; i++) labels[i] = index[values[i]];
        return (labels, [.. sorted.Select(Name)]);

        static string Name(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Text class labels (trimmed): sorted numerically when all are numbers, otherwise ordinally.</summary>
    private static (int[] Labels, string[] Classes) EncodeClasses(string?[] cells, int[] rows, string path, string column)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        bool numeric = true;
        var picked = new string[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            string v = cells[rows[i]]!.Trim();
            numeric &= double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            names.Add(v);
            picked[i] = v;
        }
        string[] classes = [.. names];
        if (numeric) Array.Sort(classes, (a, b) => double.Parse(a, CultureInfo.InvariantCulture).CompareTo(double.Parse(b, CultureInfo.InvariantCulture)));
        if (classes.Length < 2) throw new CliException($"{path}: target '{column}' has a single class ('{classes[0]}'); classification needs at least two.");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < classes.Length; c++) index[classes[c]] = c;
        var labels = new int[picked.Length];
        for (int i = 0; i < labels.Length; i++) labels[i] = index[picked[i]];
        return (labels, classes);
    }

    /// <summary>The first missing cell among <paramref name="columns"/> (row-major order) is an error naming its line and column.</summary>
    private static void RefuseMissing(CsvTable table, IReadOnlyList<string> columns, string path, string hint)
    {
        (int Row, string Cell, string Column)? first = null;
        foreach (string c in columns)
            if (table.FirstMissing(c) is { } m && (first is null || m.Row < first.Value.Row)) first = (m.Row, m.Cell, c);
        if (first is not { } f) return;
        string what = f.Cell.Length == 0 ? "empty cell (a missing value)" : $"'{f.Cell}' is a missing value";
        throw new DataFormatException($"{what}; {hint}", path, table.LineOf(f.Row), f.Column);
    }

    /// <summary>The rows with no missing cell in <paramref name="columns"/>.</summary>
    private static int[] RowsWithoutMissing(CsvTable table, IReadOnlyList<string> columns)
    {
        var missing = new bool[table.Rows];
        foreach (string c in columns)
        {
            DataColumn column = table.Column(c);
            for (int r = 0; r < missing.Length; r++)
                missing[r] |= column.IsText ? column.Texts![r] is null : double.IsNaN(column.Numbers![r]);
        }
        var kept = new List<int>(table.Rows);
        for (int r = 0; r < missing.Length; r++)
            if (!missing[r]) kept.Add(r);
        return [.. kept];
    }

    /// <summary>A text feature column with more than --max-categories distinct values is refused: an id-like column would explode the width.</summary>
    private static void GuardCategories(CsvTable table, string name, string path, int maxCategories)
    {
        DataColumn column = table.Column(name);
        if (!column.IsText) return;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? cell in column.Texts!)
            if (cell is not null) distinct.Add(cell.Trim());
        // Numbers and text in one column are a typo or an unlisted missing-value spelling, not categories: name the first text cell.
        bool decimalComma = table.Dialect.DecimalComma;
        foreach (string v in distinct)
            if (double.TryParse(decimalComma ? v.Replace(',', '.') : v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                try
                {
                    table.NumericColumn(name, allowMissing: true);
                }
                catch (DataFormatException e)
                {
                    throw new DataFormatException(
                        $"{e.Detail}: column '{name}' mixes numbers and text; fix the cell, or add its spelling to --na-values if it marks a missing value",
                        e.Source, e.Line, e.Column, e);
                }
            }
        int present = 0;
        foreach (string? cell in column.Texts!) present += cell is null ? 0 : 1;
        // A different value in every row is an id, not a category: one-hot would give each row its own feature.
        if (distinct.Count == present && present > 20)
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: column '{name}' is text with a different value in each of its {present:N0} rows (an id?); --id {name} or --drop {name} leaves it out."));
        if (distinct.Count > maxCategories)
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: column '{name}' is text with {distinct.Count:N0} distinct values, more than --max-categories {maxCategories:N0} (an id-like column?); --drop {name} or --id {name} leaves it out."));
    }

    /// <summary>A text column over the given rows.</summary>
    private static DataColumn PickText(DataColumn column, int[] rows)
    {
        var cells = new string?[rows.Length];
        for (int i = 0; i < rows.Length; i++) cells[i] = column.Texts![rows[i]];
        return DataColumn.Text(column.Name, cells);
    }

    /// <summary>The library's strategy for an --impute value (null: none, or drop, which leaves rows out instead).</summary>
    private static ImputeStrategy? ImputeStrategyOf(string? impute) => impute switch
    {
        null or "drop" => null,
        "mean" => ImputeStrategy.Mean,
        "median" => ImputeStrategy.Median,
        "most-frequent" => ImputeStrategy.MostFrequent,
        _ => throw new CliException($"--impute must be drop, mean, median or most-frequent (got '{impute}')."),
    };

    /// <summary>The given numeric columns over the given rows, row-major.</summary>
    private static double[] Matrix(CsvTable table, IReadOnlyList<string> columns, int[] rows)
    {
        long size = (long)rows.Length * columns.Count;
        if (size > Array.MaxLength) throw new CliException($"{table.SourceName}: {rows.Length} rows × {columns.Count} columns is too large for one array.");
        var matrix = new double[size];
        for (int j = 0; j < columns.Count; j++)
        {
            double[] values = table.Column(columns[j]).Numbers!;
            for (int i = 0, k = j; i < rows.Length; i++, k += columns.Count) matrix[k] = values[rows[i]];
        }
        return matrix;
    }

    private static double[] Pick(double[] values, int[] rows)
    {
        if (rows.Length == values.Length) return values;
        var picked = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++) picked[i] = values[rows[i]];
        return picked;
    }

    private static double[] PickRows(double[] data, int cols, List<int> rows)
    {
        var picked = new double[rows.Count * cols];
        for (int i = 0; i < rows.Count; i++) data.AsSpan(rows[i] * cols, cols).CopyTo(picked.AsSpan(i * cols));
        return picked;
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (double.IsNaN(v)) return true;
        return false;
    }

    private static int[] AllRows(int count)
    {
        var rows = new int[count];
        for (int i = 0; i < rows.Length; i++) rows[i] = i;
        return rows;
    }

    private static string[] Names(string prefix, int count)
    {
        var names = new string[count];
        for (int j = 0; j < count; j++) names[j] = prefix + j.ToString(CultureInfo.InvariantCulture);
        return names;
    }

    /// <summary>Rows and columns of a 1-D or 2-D array with at least one row (the CSV reader refuses an empty table too).</summary>
    private static (int Rows, int Cols) Shape(NpyArray a, string path)
    {
        (int rows, int cols) = a.Shape.Length switch
        {
            1 => (a.Shape[0], 1),
            2 => (a.Shape[0], a.Shape[1]),
            _ => throw new CliException($"{path}: expected a 1-D or 2-D array, got shape ({string.Join(", ", a.Shape)})."),
        };
        if (rows == 0 || cols == 0) throw new CliException($"{path}: the array of shape ({string.Join(", ", a.Shape)}) holds no data.");
        return (rows, cols);
    }

    /// <summary>Infinities are errors; NaN (a missing value) too unless <paramref name="allowNaN"/>, with the hint at --impute.</summary>
    private static void RequireFinite(double[] data, int cols, string path, bool allowNaN)
    {
        for (int i = 0; i < data.Length; i++)
            if (!double.IsFinite(data[i]) && !(allowNaN && double.IsNaN(data[i])))
                throw new DataFormatException($"{path}: row {i / cols}, column {i % cols} is {data[i].ToString(CultureInfo.InvariantCulture)}; the data must be finite" +
                    (double.IsNaN(data[i]) ? $" (NaN is a missing value: {ImputeHint})" : ""), path);
    }
}

/// <summary>A model's input columns for predict, the --id column's cells when one was named, and the true targets when the data carry them.</summary>
internal sealed record ModelInputs(DataColumn[] Columns, int Rows, string?[]? Ids, string? IdName)
{
    /// <summary>The model's target columns as the data hold them, or null (none in the data, or not asked for).</summary>
    public TrueTargets? Truth { get; init; }
}

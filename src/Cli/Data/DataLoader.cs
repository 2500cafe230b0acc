using System.Globalization;
using FastReg.IO;
using FastReg.Nn.Preprocessing;

namespace FastReg.Cli.Data;

/// <summary>
/// Turns a <see cref="DataSource"/> into <see cref="LabeledData"/>: picks the feature and target
/// columns, decides the task, encodes class labels (sorted, as scikit-learn's LabelEncoder), and
/// rejects NaN and infinity with the place they occur.
/// </summary>
internal static class DataLoader
{
    /// <summary>Classification is chosen automatically for text targets or integer targets with at most this many values.</summary>
    public const int MaxAutoClasses = 20;

    public static LabeledData Load(DataSource source)
    {
        source.Validate(needTargets: true);
        return source.Csv is not null ? FromCsv(source) : FromNpy(source);
    }

    /// <summary>The raw input columns a trained model reads: by name from a CSV (text columns as text), by position from .npy.</summary>
    public static DataColumn[] LoadColumns(DataSource source, IReadOnlyList<InputColumn> inputs)
    {
        source.Validate(needTargets: false);
        var columns = new DataColumn[inputs.Count];
        if (source.Csv is not null)
        {
            CsvTable table = TableFiles.ReadCsv(source.Csv);
            foreach (InputColumn input in inputs) RequireColumn(table, input.Name, source.Csv);
            for (int j = 0; j < columns.Length; j++)
                columns[j] = inputs[j].IsText
                    ? DataColumn.Text(inputs[j].Name, Array.ConvertAll(table.TextColumn(inputs[j].Name), TextCell))
                    : DataColumn.Numeric(inputs[j].Name, table.NumericMatrix([inputs[j].Name]));
            return columns;
        }
        foreach (InputColumn input in inputs)
            if (input.IsText) throw new CliException($"{source.FeaturesNpy}: the model reads text column '{input.Name}'; give its data as a CSV.");
        NpyArray x = Npy.Read(source.FeaturesNpy!);
        (int rows, int cols) = Matrix(x, source.FeaturesNpy!);
        if (cols != inputs.Count)
            throw new CliException($"{source.FeaturesNpy}: {cols} features per row, the model expects {inputs.Count}.");
        RequireFinite(x.Data, cols, source.FeaturesNpy!);
        for (int j = 0; j < cols; j++)
        {
            var values = new double[rows];
            for (int r = 0; r < rows; r++) values[r] = x.Data[r * cols + j];
            columns[j] = DataColumn.Numeric(inputs[j].Name, values);
        }
        return columns;
    }

    // A category cell as the training data spelled it: trimmed, empty = missing.
    private static string? TextCell(string cell)
    {
        string v = cell.Trim();
        return v.Length == 0 ? null : v;
    }

    private static LabeledData FromCsv(DataSource source)
    {
        string path = source.Csv!;
        CsvTable table = TableFiles.ReadCsv(path);
        if (table.Columns.Count < 2) throw new CliException($"{path}: needs at least one feature column and one target column (found {table.Columns.Count} column).");
        string[] targets = source.TargetColumns.Count > 0 ? [.. source.TargetColumns] : [table.Columns[^1]];
        foreach (string t in targets) RequireColumn(table, t, path);
        var features = new List<string>();
        foreach (string c in table.Columns)
            if (Array.IndexOf(targets, c) < 0) features.Add(c);
        if (features.Count == 0) throw new CliException($"{path}: every column is a target; no features left.");
        double[] x = table.NumericMatrix(features);

        TaskKind task = source.Task;
        if (task == TaskKind.Auto) task = DecideTask(table, targets);
        if (task == TaskKind.Classification)
        {
            if (targets.Length != 1) throw new CliException($"classification needs exactly one target column (got {targets.Length}: {string.Join(", ", targets)}).");
            (int[] labels, string[] classes) = EncodeClasses(table.TextColumn(targets[0]), path, targets[0]);
            return new LabeledData { X = x, Rows = table.Rows, FeatureNames = [.. features], TargetNames = targets, Task = task, Labels = labels, Classes = classes, FeaturesSource = path, TargetsSource = path, Lines = Lines(table) };
        }
        return new LabeledData { X = x, Rows = table.Rows, FeatureNames = [.. features], TargetNames = targets, Task = task, Targets = table.NumericMatrix(targets), FeaturesSource = path, TargetsSource = path, Lines = Lines(table) };
    }

    private static LabeledData FromNpy(DataSource source)
    {
        NpyArray x = Npy.Read(source.FeaturesNpy!);
        NpyArray y = Npy.Read(source.TargetsNpy!);
        (int rows, int cols) = Matrix(x, source.FeaturesNpy!);
        (int yRows, int yCols) = Matrix(y, source.TargetsNpy!);
        if (yRows != rows) throw new CliException($"{source.FeaturesNpy} has {rows} rows but {source.TargetsNpy} has {yRows}.");
        RequireFinite(x.Data, cols, source.FeaturesNpy!);
        RequireFinite(y.Data, yCols, source.TargetsNpy!);
        string[] features = new string[cols];
        for (int j = 0; j < cols; j++) features[j] = "x" + j.ToString(CultureInfo.InvariantCulture);
        string[] targets = new string[yCols];
        for (int j = 0; j < yCols; j++) targets[j] = "y" + j.ToString(CultureInfo.InvariantCulture);

        TaskKind task = source.Task;
        bool integral = y.Type is not (NpyType.Float32 or NpyType.Float64);
        if (task == TaskKind.Auto) task = integral && yCols == 1 ? TaskKind.Classification : TaskKind.Regression;
        if (task == TaskKind.Classification)
        {
            if (yCols != 1) throw new CliException($"{source.TargetsNpy}: classification needs one label per row, not [{rows}, {yCols}].");
            var text = new string[rows];
            for (int i = 0; i < rows; i++) text[i] = y.Data[i].ToString("R", CultureInfo.InvariantCulture);
            (int[] labels, string[] classes) = EncodeClasses(text, source.TargetsNpy!, "y");
            return new LabeledData { X = x.Data, Rows = rows, FeatureNames = features, TargetNames = targets, Task = task, Labels = labels, Classes = classes, FeaturesSource = source.FeaturesNpy!, TargetsSource = source.TargetsNpy! };
        }
        return new LabeledData { X = x.Data, Rows = rows, FeatureNames = features, TargetNames = targets, Task = task, Targets = y.Data, FeaturesSource = source.FeaturesNpy!, TargetsSource = source.TargetsNpy! };
    }

    private static long[] Lines(CsvTable table)
    {
        var lines = new long[table.Rows];
        for (int r = 0; r < lines.Length; r++) lines[r] = table.LineOf(r);
        return lines;
    }

    /// <summary>Text targets, or one integer target with few distinct values: classification; otherwise regression.</summary>
    private static TaskKind DecideTask(CsvTable table, string[] targets)
    {
        if (targets.Length != 1) return TaskKind.Regression;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (string cell in table.TextColumn(targets[0]))
        {
            string v = cell.Trim();
            if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return TaskKind.Classification;
            if (d != Math.Floor(d) || double.IsInfinity(d)) return TaskKind.Regression;
            distinct.Add(v);
        }
        return distinct.Count <= MaxAutoClasses ? TaskKind.Classification : TaskKind.Regression;
    }

    /// <summary>Class names sorted (numerically when all are numbers) and each row's index among them.</summary>
    private static (int[] Labels, string[] Classes) EncodeClasses(string[] cells, string path, string column)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        bool numeric = true;
        for (int i = 0; i < cells.Length; i++)
        {
            string v = cells[i].Trim();
            if (v.Length == 0) throw new DataFormatException($"{path}, line {i + 2}, column '{column}': empty class label", path, i + 2, column);
            numeric &= double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            names.Add(v);
        }
        string[] classes = [.. names];
        if (numeric) Array.Sort(classes, (a, b) => double.Parse(a, CultureInfo.InvariantCulture).CompareTo(double.Parse(b, CultureInfo.InvariantCulture)));
        if (classes.Length < 2) throw new CliException($"{path}: target '{column}' has a single class ('{classes[0]}'); classification needs at least two.");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < classes.Length; c++) index[classes[c]] = c;
        var labels = new int[cells.Length];
        for (int i = 0; i < cells.Length; i++) labels[i] = index[cells[i].Trim()];
        return (labels, classes);
    }

    /// <summary>Rows and columns of a 1-D or 2-D array with at least one row (the CSV reader refuses an empty table too).</summary>
    private static (int Rows, int Cols) Matrix(NpyArray a, string path)
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

    private static void RequireFinite(double[] data, int cols, string path)
    {
        for (int i = 0; i < data.Length; i++)
            if (!double.IsFinite(data[i]))
                throw new DataFormatException($"{path}: row {i / cols}, column {i % cols} is {data[i].ToString(CultureInfo.InvariantCulture)}; the data must be finite", path);
    }

    private static void RequireColumn(CsvTable table, string name, string path)
    {
        foreach (string c in table.Columns)
            if (c == name) return;
        string columns = table.Columns.Count <= 12
            ? string.Join(", ", table.Columns)
            : string.Join(", ", table.Columns.Take(10)) + $", ... ({table.Columns.Count} columns)";
        throw new CliException($"{path}: no column '{name}'; columns are {columns}.");
    }
}

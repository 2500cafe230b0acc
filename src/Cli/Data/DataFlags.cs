using System.CommandLine;
using System.Globalization;
using FastReg.IO;

namespace FastReg.Cli.Data;

/// <summary>
/// The input flags every data-reading command shares: a CSV argument or --x/--y .npy files, the target column(s),
/// the task, the CSV dialect, which columns to use, and what a missing cell means.
/// </summary>
internal sealed class DataFlags
{
    /// <summary>The rule <c>--task auto</c> applies, the same for CSV and .npy targets.</summary>
    public const string TaskRule = "auto: text targets, or one target column whose values are all integers (1 and 1.0 alike, any .npy dtype) with at most 20 distinct values, are classification; anything else is regression";

    public Argument<string?> Csv { get; } = new("data") { Description = "CSV file (.csv or .csv.gz) with a header row, unless --no-header.", Arity = ArgumentArity.ZeroOrOne };
    public Option<string?> FeaturesNpy { get; } = new("--x") { Description = "Features as .npy [n, d] (instead of a CSV)." };
    public Option<string?> TargetsNpy { get; } = new("--y") { Description = "Targets as .npy [n] or [n, k]." };
    public Option<string?> Target { get; } = new("--target") { Description = "CSV target column (comma-separated for several regression targets; a 0-based index with --no-header); default: the last column." };
    public Option<string> Task { get; } = new Option<string>("--task") { Description = $"classification, regression, or {TaskRule}.", DefaultValueFactory = _ => "auto" }.AcceptOnlyFromAmong("auto", "classification", "regression");
    public Option<string?> Delimiter { get; } = new("--delimiter") { Description = "CSV delimiter: , ; | tab (or \\t) or any one character; default: detected among , ; tab | from the first lines." };
    public Option<bool> DecimalComma { get; } = new("--decimal-comma") { Description = "Numbers use a decimal comma (1,5); detected by default where the delimiter is not a comma." };
    public Option<bool> NoHeader { get; } = new("--no-header") { Description = "The CSV has no header row: columns are named x0, x1, ..." };
    public Option<string?> Features { get; } = new("--features") { Description = "Comma-separated feature columns to use (default: every column that is not a target, --id or --drop)." };
    public Option<string?> Drop { get; } = new("--drop") { Description = "Comma-separated columns to leave out (ids, dates, leaks)." };
    public Option<string?> Id { get; } = new("--id") { Description = "A column that identifies rows: never a feature; predict copies it into its CSV output." };
    public Option<string?> NaValues { get; } = new("--na-values") { Description = $"Comma-separated cells that mean missing, matched exactly (case-sensitive, as pandas) after trimming spaces; replaces the default: {string.Join(" ", CsvOptions.DefaultMissingValues.Select(v => v.Length == 0 ? "(empty)" : v))}." };
    public Option<string?> Impute { get; } = new Option<string?>("--impute") { Description = "What to do with missing cells in the used columns: drop (leave the row out), or mean, median or most-frequent (fitted on the training rows, stored in the model, applied by predict); default: refuse them." }.AcceptOnlyFromAmong("drop", "mean", "median", "most-frequent");
    public Option<int> MaxCategories { get; } = new("--max-categories") { Description = "Most distinct values a text feature column may have (guards against an id-like column).", DefaultValueFactory = _ => 100 };

    private bool _withTargets = true;

    public void AddTo(Command command, bool withTargets = true)
    {
        _withTargets = withTargets;
        command.Arguments.Add(Csv);
        command.Options.Add(FeaturesNpy);
        foreach (Option o in new Option[] { Delimiter, DecimalComma, NoHeader, NaValues, Id }) command.Options.Add(o);
        if (!withTargets) return;
        command.Options.Add(TargetsNpy);
        command.Options.Add(Target);
        command.Options.Add(Task);
        foreach (Option o in new Option[] { Features, Drop, Impute, MaxCategories }) command.Options.Add(o);
    }

    public DataSource Read(ParseResult parsed)
    {
        CsvOptions options = ReadCsvOptions(parsed);
        string? id = string.IsNullOrWhiteSpace(parsed.GetValue(Id)) ? null : DataFlags.ColumnName(parsed.GetValue(Id)!.Trim(), options.HasHeader);
        if (!_withTargets)
            return new DataSource(parsed.GetValue(Csv), parsed.GetValue(FeaturesNpy), null, [], TaskKind.Auto) { CsvOptions = options, Id = id };
        TaskKind task = parsed.GetValue(Task) switch
        {
            "classification" => TaskKind.Classification,
            "regression" => TaskKind.Regression,
            "auto" => TaskKind.Auto,
            var other => throw new CliException($"--task must be auto, classification or regression (got '{other}')."),
        };
        int maxCategories = parsed.GetValue(MaxCategories);
        if (maxCategories < 1) throw new CliException($"--max-categories must be at least 1 (got {maxCategories}).");
        return new DataSource(parsed.GetValue(Csv), parsed.GetValue(FeaturesNpy), parsed.GetValue(TargetsNpy), Names(parsed.GetValue(Target), options), task)
        {
            CsvOptions = options,
            Features = parsed.GetValue(Features) is { } f ? Names(f, options) : null,
            Drop = Names(parsed.GetValue(Drop), options),
            Id = id,
            Impute = parsed.GetValue(Impute),
            MaxCategories = maxCategories,
        };
    }

    private CsvOptions ReadCsvOptions(ParseResult parsed)
    {
        char? delimiter = parsed.GetValue(Delimiter) switch
        {
            null => null,
            "tab" or "\\t" or "\t" => '\t',
            "comma" => ',',
            "semicolon" => ';',
            "pipe" => '|',
            { Length: 1 } d when d[0] is not ('"' or '\r' or '\n') => d[0],
            string d => throw new CliException($"--delimiter must be one character (, ; | or tab), not '{d}'."),
        };
        bool decimalComma = parsed.GetValue(DecimalComma);
        if (decimalComma && delimiter == ',')
            throw new CliException("--decimal-comma needs a delimiter other than ',' (a file with decimal commas is usually separated by ';').");
        IReadOnlyList<string> missing = parsed.GetValue(NaValues) is { } na ? na.Split(',', StringSplitOptions.TrimEntries) : CsvOptions.DefaultMissingValues;
        return new CsvOptions
        {
            Delimiter = delimiter,
            DecimalComma = decimalComma ? true : null,
            HasHeader = !parsed.GetValue(NoHeader),
            MissingValues = missing,
        };
    }

    private static string[] Names(string? value, CsvOptions options) =>
        string.IsNullOrWhiteSpace(value) ? [] : [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => ColumnName(n, options.HasHeader))];

    /// <summary>The name of a column given as a 0-based index in a file without a header ("3" is x3).</summary>
    public static string ColumnName(string given, bool hasHeader) =>
        !hasHeader && int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? "x" + index.ToString(CultureInfo.InvariantCulture) : given;
}

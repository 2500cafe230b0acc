using FastReg.IO;
using FastReg.Nn;

namespace FastReg.Cli.Data;

/// <summary>Where a command's rows come from: a CSV file with named target columns, or .npy features and targets.</summary>
/// <param name="Csv">CSV path (header row), or null.</param>
/// <param name="FeaturesNpy">.npy features [n, d], or null.</param>
/// <param name="TargetsNpy">.npy targets [n] or [n, k], or null.</param>
/// <param name="TargetColumns">CSV target column names (empty: the last column).</param>
/// <param name="Task">Classification, regression or decide.</param>
internal sealed record DataSource(string? Csv, string? FeaturesNpy, string? TargetsNpy, IReadOnlyList<string> TargetColumns, TaskKind Task)
{
    /// <summary>The CSV dialect and missing-value spellings.</summary>
    public CsvOptions CsvOptions { get; init; } = CsvOptions.Default;

    /// <summary>The feature columns to use (--features), or null for every column left.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Columns left out (--drop).</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];

    /// <summary>The row-id column (--id), or null.</summary>
    public string? Id { get; init; }

    /// <summary>--impute: null (refuse missing cells), drop, mean, median or most-frequent.</summary>
    public string? Impute { get; init; }

    /// <summary>--max-categories: the most distinct values of a text feature column.</summary>
    public int MaxCategories { get; init; } = 100;

    /// <summary>
    /// An explicit loss settles an automatic task, as it would for a PyTorch user: a loss over labels (ce) means
    /// class labels, a loss without classes (mse) real-valued targets (0/1 columns included).
    /// </summary>
    public DataSource WithTaskImpliedBy(string loss)
    {
        if (Task != TaskKind.Auto || loss == Modeling.NetworkFlags.Auto) return this;
        LossEntry entry = Modeling.LossNames.Entry(Modeling.LossNames.Parse(loss, "--loss"));
        // Probabilities (bce): the targets decide, as for auto: 0/1 or two names make a binary classifier, reals in [0, 1] a probability regression.
        return entry.TakesLabels ? this with { Task = TaskKind.Classification }
            : !entry.IsClassifier ? this with { Task = TaskKind.Regression }
            : this;
    }

    /// <summary>The input files by the flag that names them (null where not given), for the output checks.</summary>
    public (string Flag, string? Path)[] InputPaths() => [("data", Csv), ("--x", FeaturesNpy), ("--y", TargetsNpy)];

    /// <summary>Checks that exactly one kind of input was given.</summary>
    public void Validate(bool needTargets)
    {
        if (Csv is not null && (FeaturesNpy is not null || TargetsNpy is not null))
            throw new CliException("give either a CSV file or --x/--y .npy files, not both.");
        if (Csv is null && FeaturesNpy is null)
            throw new CliException("no data: give a CSV file (with a header row) or --x FEATURES.npy" + (needTargets ? " --y TARGETS.npy." : "."));
        if (needTargets && FeaturesNpy is not null && TargetsNpy is null)
            throw new CliException("--x needs --y with the targets.");
        if (Csv is null && (Features is not null || Drop.Count > 0 || Id is not null))
            throw new CliException("--features, --drop and --id name CSV columns; .npy input has none (select the columns in NumPy).");
    }
}

namespace FastReg.Cli.Data;

/// <summary>Where a command's rows come from: a CSV file with named target columns, or .npy features and targets.</summary>
/// <param name="Csv">CSV path (header row), or null.</param>
/// <param name="FeaturesNpy">.npy features [n, d], or null.</param>
/// <param name="TargetsNpy">.npy targets [n] or [n, k], or null.</param>
/// <param name="TargetColumns">CSV target column names (empty: the last column).</param>
/// <param name="Task">Classification, regression or decide.</param>
internal sealed record DataSource(string? Csv, string? FeaturesNpy, string? TargetsNpy, IReadOnlyList<string> TargetColumns, TaskKind Task)
{
    /// <summary>
    /// An explicit loss settles an automatic task, as it would for a PyTorch user: mse or bce means
    /// real-valued targets (0/1 columns included), ce means class labels.
    /// </summary>
    public DataSource WithTaskImpliedBy(string loss) => Task != TaskKind.Auto ? this : loss switch
    {
        "mse" => this with { Task = TaskKind.Regression },
        // bce: the targets decide, as for auto: 0/1 or two names make a binary classifier, reals in [0, 1] a probability regression.
        "ce" => this with { Task = TaskKind.Classification },
        _ => this,
    };

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
    }
}

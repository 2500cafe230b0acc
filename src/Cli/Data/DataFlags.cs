using System.CommandLine;

namespace FastReg.Cli.Data;

/// <summary>The input flags every data-reading command shares: a CSV argument or --x/--y .npy files, the target column(s), the task.</summary>
internal sealed class DataFlags
{
    public Argument<string?> Csv { get; } = new("data") { Description = "CSV file with a header row (.csv or .csv.gz).", Arity = ArgumentArity.ZeroOrOne };
    public Option<string?> FeaturesNpy { get; } = new("--x") { Description = "Features as .npy [n, d] (instead of a CSV)." };
    public Option<string?> TargetsNpy { get; } = new("--y") { Description = "Targets as .npy [n] or [n, k]." };
    public Option<string?> Target { get; } = new("--target") { Description = "CSV target column (comma-separated for several regression targets); default: the last column." };
    public Option<string> Task { get; } = new Option<string>("--task") { Description = "classification, regression, or auto (text or ≤ 20 distinct integer targets: classification).", DefaultValueFactory = _ => "auto" }.AcceptOnlyFromAmong("auto", "classification", "regression");

    public void AddTo(Command command, bool withTargets = true)
    {
        command.Arguments.Add(Csv);
        command.Options.Add(FeaturesNpy);
        if (!withTargets) return;
        command.Options.Add(TargetsNpy);
        command.Options.Add(Target);
        command.Options.Add(Task);
    }

    public DataSource Read(ParseResult parsed)
    {
        string? target = parsed.GetValue(Target);
        string[] targets = string.IsNullOrWhiteSpace(target) ? [] : target.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        TaskKind task = parsed.GetValue(Task) switch
        {
            "classification" => TaskKind.Classification,
            "regression" => TaskKind.Regression,
            _ => TaskKind.Auto,
        };
        return new DataSource(parsed.GetValue(Csv), parsed.GetValue(FeaturesNpy), parsed.GetValue(TargetsNpy), targets, task);
    }
}

using System.CommandLine;
using System.Numerics;
using FastReg.Cli.Data;
using FastReg.Cli.Output;
using FastReg.Nn.Selection;

namespace FastReg.Cli.Modeling;

/// <summary>The flags the λ-search commands (sweep, bias-variance) share: data, network, training, the swept penalty, the plot folder.</summary>
internal sealed class SearchFlags
{
    public DataFlags Data { get; } = new();
    public NetworkFlags Network { get; } = new();
    public TrainingFlags Training { get; } = new();
    public SweptPenalty Swept { get; } = new();
    public Option<string> Output { get; } = new("--out") { Description = "Folder for the SVG plot.", DefaultValueFactory = _ => "fastreg-output" };
    public Option<bool> LogY { get; } = new("--log-y") { Description = "Log scale for the plot's score axis (losses spanning decades)." };
    public Option<bool> Json { get; } = new("--json") { Description = "Print one machine-readable JSON object (the grid, the scores per λ, the choices) instead of the table." };

    public void AddTo(Command command)
    {
        Data.AddTo(command);
        Network.AddTo(command);
        Training.AddTo(command);
        Swept.AddTo(command);
        command.Options.Add(Output);
        command.Options.Add(LogY);
        command.Options.Add(Json);
    }

    /// <param name="parsed">The command line.</param>
    /// <param name="metric">The held-out score (null: the loss).</param>
    /// <param name="progress">Called after each fit with (done, total), from the fitting thread.</param>
    public SearchSetup<T> Setup<T>(ParseResult parsed, SelectionMetric? metric, Action<int, int>? progress = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        SearchSetup<T>.Create(parsed, Data, Network, Training, Swept, metric, progress);

    /// <summary>
    /// Before the search: the plot's folder can be made and the plot written, and each of <paramref name="more"/>
    /// (a --save file) too, without touching an input or one another.
    /// </summary>
    public void CheckOutput(ParseResult parsed, string fileName, params (string Flag, string? Path)[] more)
    {
        IReadOnlyList<(string Flag, string? Path)> inputs = Data.Read(parsed).InputPaths();
        OutputPaths.CheckFolder("--out", OutputFolder(parsed), [fileName], inputs);
        if (more.Length > 0) OutputPaths.Check(inputs, [("--out", Path.Combine(OutputFolder(parsed), fileName)), .. more]);
    }

    /// <summary>The folder the plot goes to, absolute.</summary>
    public string OutputFolder(ParseResult parsed) => Path.GetFullPath(parsed.GetValue(Output)!);

    /// <summary>
    /// The points with λ &gt; 0 of several series over the grid, for a log λ axis (which has no 0):
    /// [0] is λ, then each series in the order given.
    /// </summary>
    public static List<double>[] OnLogAxis(double[] lambdas, params double[][] series)
    {
        var kept = new List<double>[series.Length + 1];
        for (int s = 0; s < kept.Length; s++) kept[s] = new List<double>(lambdas.Length);
        for (int i = 0; i < lambdas.Length; i++)
        {
            if (lambdas[i] <= 0) continue;
            kept[0].Add(lambdas[i]);
            for (int s = 0; s < series.Length; s++) kept[s + 1].Add(series[s][i]);
        }
        return kept;
    }
}

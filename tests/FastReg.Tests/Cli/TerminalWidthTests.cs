using FastReg.Cli.Output;
using FastReg.Tests.Support;
using Spectre.Console;

namespace FastReg.Tests.Cli;

/// <summary>
/// Output a person can read at any terminal width down to 80 columns: no table row wraps and no number
/// is split, in the table helper, in the main job in-process, and in the real program under a pseudo-terminal.
/// </summary>
public class TerminalWidthTests
{
    private static readonly string[][] Rows =
    [
        ["none", "-", "0.001", "0.359", "0.359", "90.0 %", "91.9 %", "23.0", "0 %", "150", "0.53 s"],
        ["augmentation", "shift ≤ 1 px, noise σ = 0.1", "0.079", "0.289", "0.210", "91.4 %", "95.0 %", "24.9", "0 %", "150", "0.30 s"],
        ["Gaussian dropout", "rate = 0.2", "0.001", "0.334", "0.333", "90.8 %", "91.9 %", "23.5", "0 %", "150", "1.00 s"],
    ];

    private static FittedTable MainJobLike()
    {
        var table = new FittedTable(
            new FittedColumn("regularizer", Numeric: false), new FittedColumn("setting", Numeric: false, Below: true),
            new FittedColumn("train loss", "train", Keep: 3), new FittedColumn("val loss", "val"), new FittedColumn("gap", Keep: 2),
            new FittedColumn("val acc"), new FittedColumn("test acc", "test"), new FittedColumn("‖W‖", Keep: 1),
            new FittedColumn("sparsity", "zeros", Keep: 4), new FittedColumn("epochs", "ep.", Keep: 5), new FittedColumn("time", Keep: 0));
        foreach (string[] row in Rows) table.AddRow(row);
        return table;
    }

    private static string Render(FittedTable table, int width)
    {
        using var text = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(text) });
        console.Profile.Width = width;
        table.Write(console);
        return text.ToString();
    }

    [Theory]
    [InlineData(80)]
    [InlineData(81)]
    [InlineData(95)]
    [InlineData(120)]
    [InlineData(139)]
    [InlineData(160)]
    [InlineData(200)]
    public void No_line_is_wider_than_the_terminal_and_every_shown_number_is_whole(int width)
    {
        string output = Render(MainJobLike(), width);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (string line in lines) Assert.True(line.TrimEnd('\r').Length <= width, $"{line.Length} > {width}: {line}");
        // Each row is one line holding its name and its accuracies whole.
        foreach (string[] row in Rows)
        {
            string? line = Array.Find(lines, l => l.Contains(row[0] + " ", StringComparison.Ordinal) && l.Contains(row[6], StringComparison.Ordinal));
            Assert.True(line is not null, $"no single line holds '{row[0]}' and '{row[6]}' at width {width}:\n{output}");
            Assert.Contains(row[3], line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void At_80_columns_the_settings_move_under_the_table_and_nothing_numeric_is_dropped()
    {
        string output = Render(MainJobLike(), 80);
        Assert.Contains("setting:", output, StringComparison.Ordinal);
        Assert.Contains("  augmentation: shift ≤ 1 px, noise σ = 0.1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Not shown", output, StringComparison.Ordinal);
        Assert.Contains("0.53 s", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wide_terminal_gets_the_full_bordered_table()
    {
        string output = Render(MainJobLike(), 160);
        Assert.Contains("│ train loss │", output, StringComparison.Ordinal);
        Assert.Contains("shift ≤ 1 px, noise σ = 0.1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("setting:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_narrow_for_every_column_drops_the_least_important_and_says_which()
    {
        string output = Render(MainJobLike(), 66);
        string note = Array.Find(output.Split('\n'), l => l.StartsWith("Not shown at 66 columns: ", StringComparison.Ordinal)) ?? "";
        Assert.Contains("time", note, StringComparison.Ordinal); // the first to go
        Assert.DoesNotContain("val acc", note, StringComparison.Ordinal); // never dropped
        foreach (string line in output.Split('\n')) Assert.True(line.Length <= 66, line);
    }

    [Fact]
    public void The_main_job_at_80_columns_wraps_no_line()
    {
        using var cli = new CliRunner();
        CliRun run = cli.RunAt(80, "--epochs", "2", "--out", cli.PathOf("out"));
        Assert.True(run.ExitCode == 0, run.Error);
        foreach (string line in run.Out.Split('\n')) Assert.True(line.Length <= 80, $"{line.Length} columns: {line}");
        Assert.Contains("L0 gates", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8")]
    [InlineData("none")]
    public void Train_l2_auto_at_80_columns_wraps_no_line_and_keeps_each_lambdas_row_whole(string hidden)
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv(rows: 90);
        CliRun run = cli.RunAt(80, "train", csv, "--target", "kind", "--hidden", hidden, "--epochs", "5", "--l2", "auto",
            "--auto-lambdas", "1e-3:10:9", "--auto-folds", "3");
        Assert.True(run.ExitCode == 0, run.Error);
        string[] lines = run.Out.Split('\n');
        foreach (string line in lines) Assert.True(line.Length <= 80, $"{line.Length} columns: {line}");
        // The table of the cross-validation: one line per λ holding its λ, three numbers and the marks.
        string[] rows = Array.FindAll(lines, l => l.Contains("1-SE", StringComparison.Ordinal) || l.Contains("best", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("1-SE", StringComparison.Ordinal) && r.Replace("│", " ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 5);
        Assert.Contains(lines, l => l.TrimStart('│', ' ').StartsWith("0.001 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart('│', ' ').StartsWith("10 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Sweep_with_save_and_bias_variance_at_80_columns_wrap_no_line()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv(rows: 90);
        CliRun sweep = cli.RunAt(80, "sweep", csv, "--target", "kind", "--hidden", "4", "--epochs", "3", "--lambdas", "0.001,0.01", "--cv", "3",
            "--save", cli.PathOf("m.safetensors"), "--out", cli.PathOf("out"));
        CliRun biasVariance = cli.RunAt(80, "bias-variance", csv, "--target", "kind", "--hidden", "4", "--epochs", "3", "--lambdas", "0.001,0.01",
            "--rounds", "2", "--out", cli.PathOf("out"));
        foreach (CliRun run in new[] { sweep, biasVariance })
        {
            Assert.True(run.ExitCode == 0, run.Error);
            foreach (string line in run.Out.Split('\n')) Assert.True(line.Length <= 80, $"{line.Length} columns: {line}");
        }
        // Wrapped, not cut: the words are all there.
        Assert.Contains("refitted on all 90 rows at the one-standard-error λ", System.Text.RegularExpressions.Regex.Replace(sweep.Out, @"\s+", " "), StringComparison.Ordinal);
        Assert.Contains("bootstrap rounds per l2 λ", biasVariance.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_program_in_an_80_column_terminal_wraps_no_line()
    {
        Assert.True(File.Exists("/usr/bin/script"), "util-linux 'script' (Debian's bsdutils, an essential package) runs the program in a pseudo-terminal");
        string folder = Directory.CreateTempSubdirectory("fastreg-tty-").FullName;
        try
        {
            // A real pseudo-terminal 80 columns wide: Spectre reads the width from it. CI=1 keeps the live progress off.
            string command = $"stty cols 80 rows 50; CI=1 {ChildProcess.FastRegCommand("--epochs", "2", "--out", "out")}";
            ChildRun run = ChildProcess.Run("/usr/bin/script", ["-qec", command, "/dev/null"], folder);
            Assert.True(run.ExitCode == 0, run.Out + run.Error);
            string text = System.Text.RegularExpressions.Regex.Replace(run.Out, "\u001b\\[[0-9;?]*[A-Za-z]", "").Replace("\r", "", StringComparison.Ordinal);
            Assert.Contains("regularizer", text, StringComparison.Ordinal);
            foreach (string line in text.Split('\n')) Assert.True(line.Length <= 80, $"{line.Length} columns: {line}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

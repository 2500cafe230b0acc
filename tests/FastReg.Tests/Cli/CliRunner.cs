using FastReg.Cli;

namespace FastReg.Tests.Cli;

/// <summary>What one in-process run of the fastreg command line printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The one-line error contract: a single "fastreg: error:" line on stderr, no stack trace.</summary>
    public void AssertOneLineError(string mustContain)
    {
        Assert.Equal(1, ExitCode);
        string[] lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one error line, got:\n{Error}");
        Assert.StartsWith("fastreg: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(mustContain, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
    }
}

/// <summary>Runs fastreg in-process over string writers, in a fresh temporary folder per test.</summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Folder = Path.Combine(Path.GetTempPath(), "fastreg-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The test's own folder for inputs and outputs.</summary>
    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public CliRun Run(params string[] args) => RunAt(160, args);

    /// <summary>Runs with the console <paramref name="width"/> columns wide (tables and prose fit it).</summary>
    public CliRun RunAt(int width, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = FastRegApp.Run(args, CliConsole.ForWriters(output, error, width));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs with the error writer taken for a terminal's stderr (where a progress line draws); standard output stays a plain writer.</summary>
    public CliRun RunWithTerminalStderr(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = FastRegApp.Run(args, CliConsole.ForWriters(output, error, 160, errorTerminal: true));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Writes a text file into the folder and returns its path.</summary>
    public string Write(string name, string contents)
    {
        string path = PathOf(name);
        File.WriteAllText(path, contents);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A small separable classification CSV: two features, label by the sign of x0 + x1, text class names.</summary>
    public string ClassificationCsv(string name = "blobs.csv", int rows = 120, int seed = 1)
    {
        var rng = new Random(seed);
        var text = new System.Text.StringBuilder("x0,x1,kind\n");
        for (int i = 0; i < rows; i++)
        {
            double a = rng.NextDouble() * 2 - 1, b = rng.NextDouble() * 2 - 1;
            text.Append(FormattableString.Invariant($"{a:R},{b:R},{(a + b > 0 ? "up" : "down")}\n"));
        }
        return Write(name, text.ToString());
    }

    /// <summary>A linear regression CSV: y = 2·x0 − x1 + 0.5 with small noise.</summary>
    public string RegressionCsv(string name = "line.csv", int rows = 100, int seed = 2)
    {
        var rng = new Random(seed);
        var text = new System.Text.StringBuilder("x0,x1,y\n");
        for (int i = 0; i < rows; i++)
        {
            double a = rng.NextDouble() * 2 - 1, b = rng.NextDouble() * 2 - 1;
            text.Append(FormattableString.Invariant($"{a:R},{b:R},{2 * a - b + 0.5 + 0.01 * (rng.NextDouble() - 0.5):R}\n"));
        }
        return Write(name, text.ToString());
    }
}

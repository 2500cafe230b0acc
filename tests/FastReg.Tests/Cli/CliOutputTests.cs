using FastReg.Tests.Support;

namespace FastReg.Tests.Cli;

/// <summary>
/// The CLI's outputs: every one checked before any work, none allowed to be an input or another output, devices
/// written in place; interruption, closed or full standard streams, and file names starting with '@'.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class CliOutputTests
{
    private static readonly string[] Quick = ["--hidden", "4", "--epochs", "1"];

    [Fact]
    public void An_output_that_is_an_input_is_refused_before_any_work_through_hard_and_symbolic_links()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        byte[] data = File.ReadAllBytes(csv);
        string hard = cli.PathOf("hard.csv");
        Assert.Equal(0, ChildProcess.Run("ln", [csv, hard], cli.Folder).ExitCode);
        string soft = cli.PathOf("soft.safetensors");
        File.CreateSymbolicLink(soft, csv);

        foreach (string output in new[] { csv, hard, soft, Path.Combine(cli.Folder, ".", "blobs.csv") })
        {
            foreach (string flag in new[] { "--save", "--plot" })
            {
                CliRun run = cli.Run(["train", csv, .. Quick, flag, output]);
                run.AssertOneLineError($"{flag} '{output}' is the same file as the input data");
                Assert.Equal("", run.Out); // refused before reading or training
            }
        }
        string weights = cli.PathOf("w.safetensors");
        Assert.Equal(0, cli.Run(["train", csv, .. Quick, "--save", weights]).ExitCode);
        cli.Run(["train", csv, .. Quick, "--init", weights, "--save", weights]).AssertOneLineError("is the same file as the input --init");
        cli.Run("predict", csv, "--weights", weights, "--out", csv).AssertOneLineError("is the same file as the input data");
        byte[] model = File.ReadAllBytes(weights);
        string softCsv = cli.PathOf("soft.csv");
        File.CreateSymbolicLink(softCsv, csv);
        cli.Run("predict", csv, "--weights", weights, "--out", softCsv).AssertOneLineError("same file as the input data");
        string npy = cli.PathOf("w.npy");
        File.CreateSymbolicLink(npy, weights);
        cli.Run("predict", csv, "--weights", weights, "--out", npy).AssertOneLineError("is the same file as the input --weights");
        Assert.Equal(data, File.ReadAllBytes(csv));
        Assert.Equal(model, File.ReadAllBytes(weights));
    }

    [Fact]
    public void Two_outputs_of_one_command_may_not_be_the_same_file()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string w = cli.PathOf("w");
        cli.Run(["train", csv, .. Quick, "--save", w, "--plot", w]).AssertOneLineError("--plot '" + w + "' is the same file as --save");
        Assert.False(File.Exists(w));
    }

    [Fact]
    public void Every_output_is_checked_before_training_and_the_error_names_the_users_path()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string missing = Path.Combine(cli.PathOf("no-such-folder"), "w.safetensors");
        string readOnly = cli.Write("frozen.safetensors", "keep");
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead);
        Directory.CreateDirectory(cli.PathOf("a-folder"));
        string sock = cli.PathOf("sock");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(sock));

        (string Path, string Says)[] bad =
        [
            (missing, "does not exist"), (readOnly, "read-only (mode 400)"), (cli.PathOf("a-folder"), "is a folder"), (sock, "is a socket"),
        ];
        foreach ((string path, string says) in bad)
        {
            foreach (string flag in new[] { "--save", "--plot" })
            {
                CliRun run = cli.Run(["train", csv, "--hidden", "4", "--epochs", "100000", flag, path]);
                run.AssertOneLineError($"{flag}: cannot write '{path}'");
                Assert.Contains(says, run.Error, StringComparison.Ordinal);
                Assert.DoesNotContain(".tmp", run.Error, StringComparison.Ordinal);
                Assert.Equal("", run.Out); // not one epoch ran
            }
        }
        Assert.Equal("keep", File.ReadAllText(readOnly));
        Assert.Empty(Directory.GetFiles(cli.Folder, "*.tmp"));

        // The main job and sweep check their folders before training too.
        string file = cli.Write("not-a-folder", "x");
        CliRun main = cli.Run("--epochs", "1000000", "--out", file);
        Assert.Equal(1, main.ExitCode);
        Assert.Contains("--out", main.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Best test accuracy", main.Out, StringComparison.Ordinal);
        CliRun sweep = cli.Run("sweep", csv, "--hidden", "4", "--epochs", "100000", "--out", file);
        sweep.AssertOneLineError("--out: cannot use '" + file + "'");
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void A_character_device_output_is_written_in_place_and_may_be_named_twice()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string device = cli.PathOf("null");
        ChildRun made = ChildProcess.Run("mknod", [device, "c", "1", "3"], cli.Folder);
        Assert.True(made.ExitCode == 0, $"mknod failed (the tests expect to run as root): {made.Error}");
        CliRun run = cli.Run(["train", csv, .. Quick, "--save", device, "--plot", device]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(0, ChildProcess.Run("test", ["-c", device], cli.Folder).ExitCode); // still a character device
        Assert.Empty(Directory.GetFiles(cli.Folder, "*.tmp"));
    }

    [Fact]
    public void A_data_file_named_with_a_leading_at_sign_is_data_not_a_response_file()
    {
        using var cli = new CliRunner();
        cli.ClassificationCsv("@blobs.csv");
        ChildRun run = ChildProcess.Shell(ChildProcess.FastRegCommand(["train", "@blobs.csv", .. Quick, "--json"]), cli.Folder);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("\"task\": \"classification\"", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2>&-")]
    [InlineData("2>/dev/full")]
    public void An_error_with_stderr_closed_or_full_still_exits_with_1(string redirect)
    {
        using var cli = new CliRunner();
        ChildRun run = ChildProcess.Shell($"{ChildProcess.FastRegCommand("train", "no-such.csv")} {redirect}; echo \"exit $?\"", cli.Folder);
        Assert.Equal("exit 1", run.Out.Trim());
    }

    [Theory]
    [InlineData(">/dev/full")]
    [InlineData(">&-")]
    public void A_stdout_that_cannot_be_written_is_one_error_line_naming_stdout(string redirect)
    {
        using var cli = new CliRunner();
        ChildRun run = ChildProcess.Shell($"{ChildProcess.FastRegCommand("info")} {redirect}", cli.Folder);
        Assert.Equal(1, run.ExitCode);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, run.Error);
        Assert.StartsWith("fastreg: error: cannot write to stdout: ", lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task A_signal_during_training_leaves_no_temporary_file_and_prints_one_line(string signal, int exitCode)
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        // Signal once the first line (printed before training) is out; the outcome is the same wherever it lands.
        var start = new System.Diagnostics.ProcessStartInfo(ChildProcess.DotnetHost(),
            [ChildProcess.FastRegDll, "train", csv, "--hidden", "32", "--epochs", "1000000", "--save", "w.safetensors", "--plot", "p.svg"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = cli.Folder,
        };
        start.Environment["CI"] = "1";
        using var process = System.Diagnostics.Process.Start(start)!;
        ChildRun run;
        try
        {
            Task<string> error = process.StandardError.ReadToEndAsync();
            Assert.NotNull(process.StandardOutput.ReadLine());
            Task<string> rest = process.StandardOutput.ReadToEndAsync();
            string pid = process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(0, ChildProcess.Run("kill", [$"-{signal}", pid], cli.Folder).ExitCode);
            if (signal == "INT" && SigIntIgnoredHere())
            {
                // Started from a background job, this process ignores SIGINT and so does the child it starts: the runtime
                // keeps an inherited SIG_IGN, as every Unix program should (Ctrl-C must not reach `cmd &`). Then the
                // interruption to check is SIGTERM's.
                (signal, exitCode) = ("TERM", 143);
                Assert.Equal(0, ChildProcess.Run("kill", ["-TERM", pid], cli.Folder).ExitCode);
            }
            Assert.True(process.WaitForExit(60_000), "fastreg did not end after the signal");
            run = new ChildRun(process.ExitCode, await rest, await error);
        }
        finally
        {
            if (!process.HasExited) process.Kill(); // never leave a million-epoch training behind
        }
        Assert.Equal(exitCode, run.ExitCode);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, run.Error);
        Assert.StartsWith($"fastreg: interrupted by SIG{signal}; ", lines[0], StringComparison.Ordinal);
        Assert.Equal([csv], Directory.GetFileSystemEntries(cli.Folder));
    }

    /// <summary>Whether SIGINT (signal 2, bit 1 of the mask) is ignored by this process, as /proc/self/status says.</summary>
    private static bool SigIntIgnoredHere()
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & 2) != 0;
    }
}

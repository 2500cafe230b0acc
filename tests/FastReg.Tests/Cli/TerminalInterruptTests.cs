using System.Diagnostics;
using System.Globalization;
using System.Text;
using FastReg.Tests.Support;

namespace FastReg.Tests.Cli;

/// <summary>
/// Ctrl-C during a live progress display in a real terminal (a pseudo-terminal from util-linux `script`):
/// the program shows the cursor the display hid (train) or erases its progress line on stderr (sweep), prints
/// one line and exits with 128 + the signal.
/// </summary>
public class TerminalInterruptTests
{
    private const string HideCursor = "\u001b[?25l", ShowCursor = "\u001b[?25h";

    [Fact]
    public async Task An_interrupt_during_the_progress_display_gives_the_terminal_its_cursor_back()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        var (text, signal) = await RunAndInterrupt(cli, HideCursor, "train", csv, "--hidden", "32", "--epochs", "1000000");
        Assert.True(text.LastIndexOf(ShowCursor, StringComparison.Ordinal) > text.LastIndexOf(HideCursor, StringComparison.Ordinal),
            $"the cursor is still hidden at the end:\n{text[Math.Max(0, text.Length - 400)..]}");
        Assert.Contains($"fastreg: interrupted by SIG{signal}; ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupt_during_a_sweep_erases_its_progress_line_before_the_message()
    {
        const string Erase = "\r\u001b[2K";
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        var (text, signal) = await RunAndInterrupt(cli, "sweep l2: ", "sweep", csv, "--hidden", "32", "--epochs", "1000000", "--out", cli.PathOf("out"));
        int message = text.IndexOf($"fastreg: interrupted by SIG{signal}; ", StringComparison.Ordinal);
        Assert.True(message > 0, text);
        // The progress line is erased, and the message begins a line of its own, not the progress line's tail.
        Assert.True(text.LastIndexOf(Erase, message, StringComparison.Ordinal) > text.LastIndexOf("sweep l2: ", message, StringComparison.Ordinal), text);
    }

    /// <summary>
    /// Runs fastreg in a pseudo-terminal (stdout and stderr both the terminal), waits for <paramref name="started"/>
    /// in its output, sends SIGINT (SIGTERM where the test host ignores SIGINT) and returns the terminal's text.
    /// </summary>
    private static async Task<(string Text, string Signal)> RunAndInterrupt(CliRunner cli, string started, params string[] args)
    {
        Assert.True(File.Exists("/usr/bin/script"), "util-linux 'script' (Debian's bsdutils, an essential package) runs the program in a pseudo-terminal");
        string pidFile = cli.PathOf("pid");
        // exec: the pid written is fastreg's own. No CI variable: a terminal gets the live display.
        string command = $"stty cols 80 rows 40; echo $$ > {ChildProcess.Quote(pidFile)}; exec {ChildProcess.FastRegCommand(args)}";
        var start = new ProcessStartInfo("/usr/bin/script", ["-qefc", command, "/dev/null"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = cli.Folder,
        };
        start.Environment.Remove("CI");
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        Task reader = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0)
                lock (output) output.Append(buffer, 0, n);
        });
        Task<string> error = process.StandardError.ReadToEndAsync();
        try
        {
            var waited = Stopwatch.StartNew();
            while (!Contains(output, started) && waited.Elapsed < TimeSpan.FromSeconds(90) && !process.HasExited) await Task.Delay(50);
            Assert.True(Contains(output, started), $"no progress display ('{started}') within 90 s:\n{Text(output)}");
            string pid = File.ReadAllText(pidFile).Trim();
            // SIGINT is what Ctrl-C sends; a test host started as a background job ignores it, and so would fastreg (see CliOutputTests).
            string signal = SigIntIgnored() ? "TERM" : "INT";
            Assert.Equal(0, ChildProcess.Run("kill", [$"-{signal}", pid], cli.Folder).ExitCode);
            Assert.True(process.WaitForExit(60_000), "fastreg did not end after the signal");
            await reader;
            Assert.Equal(signal == "INT" ? 130 : 143, process.ExitCode);
            return (Text(output) + await error, signal);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static bool Contains(StringBuilder output, string s)
    {
        lock (output) return output.ToString().Contains(s, StringComparison.Ordinal);
    }

    private static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static bool SigIntIgnored()
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 2) != 0;
    }
}

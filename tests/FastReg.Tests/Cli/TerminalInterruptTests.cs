using System.Diagnostics;
using System.Globalization;
using System.Text;
using FastReg.Tests.Support;

namespace FastReg.Tests.Cli;

/// <summary>
/// Ctrl-C during a live progress display in a real terminal (a pseudo-terminal from util-linux `script`):
/// the program shows the cursor the display hid, prints one line and exits with 128 + the signal.
/// </summary>
public class TerminalInterruptTests
{
    private const string HideCursor = "\u001b[?25l", ShowCursor = "\u001b[?25h";

    [Fact]
    public async Task An_interrupt_during_the_progress_display_gives_the_terminal_its_cursor_back()
    {
        Assert.True(File.Exists("/usr/bin/script"), "util-linux 'script' (Debian's bsdutils, an essential package) runs the program in a pseudo-terminal");
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string pidFile = cli.PathOf("pid");
        // exec: the pid written is fastreg's own. No CI variable: a terminal gets the live display.
        string command = $"stty cols 80 rows 40; echo $$ > {ChildProcess.Quote(pidFile)}; exec {ChildProcess.FastRegCommand("train", csv, "--hidden", "32", "--epochs", "1000000")}";
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
            while (!Contains(output, HideCursor) && waited.Elapsed < TimeSpan.FromSeconds(90) && !process.HasExited) await Task.Delay(50);
            Assert.True(Contains(output, HideCursor), $"no progress display (cursor hidden) within 90 s:\n{Text(output)}");
            string pid = File.ReadAllText(pidFile).Trim();
            // SIGINT is what Ctrl-C sends; a test host started as a background job ignores it, and so would fastreg (see CliOutputTests).
            string signal = SigIntIgnored() ? "TERM" : "INT";
            Assert.Equal(0, ChildProcess.Run("kill", [$"-{signal}", pid], cli.Folder).ExitCode);
            Assert.True(process.WaitForExit(60_000), "fastreg did not end after the signal");
            await reader;
            string text = Text(output);
            Assert.Equal(signal == "INT" ? 130 : 143, process.ExitCode);
            Assert.True(text.LastIndexOf(ShowCursor, StringComparison.Ordinal) > text.LastIndexOf(HideCursor, StringComparison.Ordinal),
                $"the cursor is still hidden at the end:\n{text[Math.Max(0, text.Length - 400)..]}");
            Assert.Contains($"fastreg: interrupted by SIG{signal}; ", text + await error, StringComparison.Ordinal);
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

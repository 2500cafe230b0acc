using System.Diagnostics;

namespace FastReg.Tests.Support;

/// <summary>What a child process printed and returned.</summary>
public sealed record ChildRun(int ExitCode, string Out, string Error);

/// <summary>Runs programs (the fastreg CLI, the save victim, shell commands) as child processes for the tests that need a real process.</summary>
public static class ChildProcess
{
    /// <summary>`dotnet test` names the host it runs under; elsewhere the test host itself usually is dotnet.</summary>
    public static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        string? self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    /// <summary>The fastreg CLI built beside the tests.</summary>
    public static string FastRegDll => Path.Combine(AppContext.BaseDirectory, "fastreg.dll");

    /// <summary>A shell command line that runs fastreg with <paramref name="args"/> (each quoted).</summary>
    public static string FastRegCommand(params string[] args) =>
        $"{Quote(DotnetHost())} {Quote(FastRegDll)} {string.Join(' ', args.Select(Quote))}";

    /// <summary>Runs <paramref name="script"/> with /bin/sh in <paramref name="folder"/>; fails the test after two minutes.</summary>
    public static ChildRun Shell(string script, string folder) => Run("/bin/sh", ["-c", script], folder);

    public static ChildRun Run(string program, string[] args, string folder)
    {
        var start = new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.Environment["CI"] = "1"; // no live progress display
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not end within two minutes");
        }
        return new ChildRun(process.ExitCode, output.Result, error.Result);
    }

    public static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

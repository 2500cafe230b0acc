using System.Diagnostics;
using System.Globalization;

namespace FastReg.HostBench;

/// <summary>Runs every case in fresh child processes of this app, in both hosts, interleaved, and prints medians.</summary>
internal static class Parent
{
    private static readonly string[] CaseNames = ["train", "infer", "gemm16", "gemm64"];

    // The default host sets nothing; the tuned host is the bench's runtimeconfig (tiered compilation off).
    private static readonly (string Name, string? Variable, string? Value)[] Hosts =
    [
        ("default", null, null),
        ("tuned (TieredCompilation=0)", "DOTNET_TieredCompilation", "0"),
    ];

    public static void Run(int rounds, TextWriter o)
    {
        // results[case][host][checkpoint] = per-round medians
        var results = new List<double>[CaseNames.Length, Hosts.Length, Cases.Checkpoints.Length];
        for (int c = 0; c < CaseNames.Length; c++)
            for (int h = 0; h < Hosts.Length; h++)
                for (int k = 0; k < Cases.Checkpoints.Length; k++)
                    results[c, h, k] = [];
        for (int r = 0; r < rounds; r++)
            for (int c = 0; c < CaseNames.Length; c++)
                for (int h = 0; h < Hosts.Length; h++)
                {
                    string[] lines = Child(CaseNames[c], Hosts[h].Variable, Hosts[h].Value);
                    for (int k = 0; k < Cases.Checkpoints.Length; k++)
                        results[c, h, k].Add(double.Parse(lines[k].Split('\t')[1], CultureInfo.InvariantCulture));
                }

        o.WriteLine();
        o.WriteLine($"| case | host | {string.Join(" | ", Cases.Checkpoints.Select(c => FormattableString.Invariant($"after {c:N0} calls")))} |");
        o.WriteLine($"|---|---|{string.Concat(Enumerable.Repeat("---:|", Cases.Checkpoints.Length))}");
        for (int c = 0; c < CaseNames.Length; c++)
            for (int h = 0; h < Hosts.Length; h++)
            {
                var cells = new string[Cases.Checkpoints.Length];
                for (int k = 0; k < cells.Length; k++) cells[k] = Format(CaseNames[c], Median(results[c, h, k]));
                o.WriteLine($"| {Describe(CaseNames[c])} | {Hosts[h].Name} | {string.Join(" | ", cells)} |");
            }
    }

    private static string Describe(string name) => name switch
    {
        "train" => "MLP 64-128-10 train step (batch 32, SGD momentum+wd)",
        "infer" => "MLP 64-128-10 one-sample inference",
        "gemm16" => "GEMM 16×16×16 (GFLOPS)",
        _ => "GEMM 64×64×64 (GFLOPS)",
    };

    private static string Format(string name, double us) => name switch
    {
        "gemm16" => FormattableString.Invariant($"{2.0 * 16 * 16 * 16 / us / 1e3:F1}"),
        "gemm64" => FormattableString.Invariant($"{2.0 * 64 * 64 * 64 / us / 1e3:F1}"),
        _ => FormattableString.Invariant($"{us:F2} µs"),
    };

    private static double Median(List<double> v)
    {
        v.Sort();
        return v[v.Count / 2];
    }

    private static string[] Child(string name, string? variable, string? value)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet FastReg.HostBench.dll` the process path is dotnet itself: pass the dll again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(Parent).Assembly.Location);
        start.ArgumentList.Add("--child");
        start.ArgumentList.Add(name);
        if (variable is not null) start.Environment[variable] = value;
        using Process p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"child '{name}' exited with {p.ExitCode}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

using System.CommandLine;
using FastReg.Diagnostics;
using FastReg.Simd;
using Spectre.Console;

namespace FastReg.Cli.Commands;

/// <summary><c>fastreg info</c>: the CPU's features as .NET sees them and which kernel each operation uses.</summary>
internal static class InfoCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("info", "CPU features and which kernel each operation uses (FASTREG_ISA=scalar|vector|avx2|avx512 forces a path).");
        command.SetAction(_ =>
        {
            SystemDescription d = SystemInfo.Collect();
            console.Out.WriteLine($"{d.CpuModel}; {d.LogicalCores} logical cores; {d.OperatingSystem}; {d.Runtime} ({d.ProcessArchitecture})");
            var supported = new List<string>();
            var missing = new List<string>();
            foreach (CpuFeature f in d.Features) (f.Supported ? supported : missing).Add(f.Name);
            console.Out.WriteLine($"features: {string.Join(" ", supported)}");
            if (missing.Count > 0) console.Out.WriteLine($"not available: {string.Join(" ", missing)}");
            console.Out.WriteLine($"Vector<float>: {d.VectorFloatCount} lanes; accelerated paths: {string.Join(", ", d.AcceleratedPaths)}; best: {d.BestPath}");
            foreach (KeyValuePair<string, string> e in d.EnvironmentSettings) console.Out.WriteLine($"environment: {e.Key}={e.Value}");
            console.Out.WriteLine(d.ActivePath is { } path ? $"active path: {path}, {Isa.PathInfo(path).DisplayName}" : $"active path: none ({d.IsaError}); showing the best path");
            console.Out.WriteLine(Isa.Degradation is { } why ? $"DEGRADED: {why}" : "multiply-add: fused (hardware FMA)");

            var table = new Table().Border(TableBorder.Rounded).AddColumn("operation").AddColumn("kernel").AddColumn("detail");
            foreach (KernelChoice k in d.Kernels) table.AddRow(Markup.Escape(k.Operation), Markup.Escape(k.Kernel), Markup.Escape(k.Detail));
            console.Ansi.Write(table);
            return d.ActivePath is null ? ExitCodes.Error : ExitCodes.Ok;
        });
        return command;
    }
}

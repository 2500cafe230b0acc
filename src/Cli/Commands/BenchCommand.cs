using System.CommandLine;
using System.Globalization;
using FastReg.Diagnostics;
using Spectre.Console;

namespace FastReg.Cli.Commands;

/// <summary>
/// <c>fastreg bench</c>: the quick per-CPU report (active path, FMA peak and bandwidth probes,
/// kernel GB/s and GEMM GFLOPS as % of those limits), stopwatch medians in a few seconds.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("bench", "Quick per-CPU report: FMA peak and bandwidth probes, kernel GB/s and GEMM GFLOPS as % of the limits (a few seconds; BenchmarkDotNet figures: bench/).");
        var quick = new Option<bool>("--short") { Description = "Smaller sizes and fewer rounds (about a second; noisier)." };
        var text = new Option<bool>("--text") { Description = "Plain aligned text instead of a table." };
        command.Options.Add(quick);
        command.Options.Add(text);
        command.SetAction(parsed =>
        {
            var options = new QuickReportOptions { Short = parsed.GetValue(quick) };
            if (parsed.GetValue(text))
            {
                QuickReport.Run(console.Out, options);
                return ExitCodes.Ok;
            }
            QuickReportResult result = console.Interactive
                ? console.Ansi.Status().Start("measuring this CPU ...", _ => QuickReport.Measure(options))
                : QuickReport.Measure(options);
            Write(console, result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(CliConsole console, QuickReportResult result)
    {
        console.Out.WriteLine($"FastReg quick report: {result.Cores} cores, .NET {result.Runtime}, {result.StartedUtc:yyyy-MM-dd HH:mm} UTC");
        console.Out.WriteLine($"kernel path: {result.KernelPath}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("section").AddColumn("what").AddColumn(new TableColumn("size").RightAligned())
            .AddColumn(new TableColumn("threads").RightAligned()).AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit")
            .AddColumn(new TableColumn("% of limit").RightAligned()).AddColumn("limit");
        foreach (QuickReportRow row in result.Rows)
        {
            table.AddRow(row.Section, Markup.Escape(row.Name), row.Size, row.Threads.ToString(CultureInfo.InvariantCulture),
                row.Value.ToString("F1", CultureInfo.InvariantCulture), row.Unit,
                row.PercentOfLimit is { } p ? p.ToString("F0", CultureInfo.InvariantCulture) + " %" : "",
                row.Section == QuickReportSection.Limits ? "" : Markup.Escape(row.LimitName ?? ""));
        }
        console.Ansi.Write(table);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"measured in {result.Elapsed.TotalSeconds:F1} s on the {result.Path} path; stopwatch medians on a possibly shared machine."));
    }
}

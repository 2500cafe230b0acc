using System.Text;
using System.Text.Json;
using FastReg.IO;

namespace FastReg.Cli.Output;

/// <summary>
/// <c>--log FILE</c>: every epoch of a run as CSV (<c>.csv</c>, one header row) or JSON Lines (<c>.jsonl</c>, one
/// object per epoch), written atomically once training ends so a reader never sees half a log.
/// </summary>
internal static class EpochLog
{
    /// <summary>Refuses a log name whose format is unknown, before any work.</summary>
    public static void CheckName(string path)
    {
        if (!IsCsv(path) && !IsJsonLines(path))
            throw new CliException($"--log must end in .csv or .jsonl (got '{path}').");
    }

    public static void Write(string path, IReadOnlyList<EpochRecord> epochs)
    {
        var text = new StringBuilder();
        if (IsCsv(path))
        {
            text.Append(EpochRecord.CsvHeader).Append('\n');
            foreach (EpochRecord e in epochs) text.Append(e.ToCsv()).Append('\n');
        }
        else
        {
            foreach (EpochRecord e in epochs)
                text.Append(JsonSerializer.Serialize(e, CliJsonLines.Default.EpochRecord)).Append('\n');
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private static bool IsJsonLines(string path) => path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
}

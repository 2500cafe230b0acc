using System.Globalization;
using System.Text.RegularExpressions;
using FastReg.IO;

namespace FastReg.Tests.IO.Fuzzing;

/// <summary>
/// What a fuzz run saw: cases, how many parsed, the kinds of rejection reached (a rough measure of how much of
/// the reader's validation the inputs exercise), the largest input, and the worst allocation ratio and case time.
/// </summary>
internal sealed partial class FuzzReport(string format)
{
    private readonly Dictionary<string, int> _rejections = new(StringComparer.Ordinal);

    public string Format { get; } = format;

    public int Cases { get; private set; }

    public int Parsed { get; private set; }

    public int LargestInput { get; private set; }

    /// <summary>Largest allocation per input byte among inputs of 4 KiB or more (smaller ones are dominated by fixed costs).</summary>
    public double WorstBytesPerInputByte { get; private set; }

    public long WorstAllocation { get; private set; }

    public double SlowestCaseSeconds { get; private set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>Rejection messages with names and numbers masked, and how often each came up.</summary>
    public IReadOnlyDictionary<string, int> Rejections => _rejections;

    public void Record(DataFormatException? rejected, int length, long allocated, double seconds)
    {
        Cases++;
        if (rejected is null) Parsed++;
        else Count(Kind(rejected.Detail));
        LargestInput = Math.Max(LargestInput, length);
        WorstAllocation = Math.Max(WorstAllocation, allocated);
        if (length >= 4096) WorstBytesPerInputByte = Math.Max(WorstBytesPerInputByte, (double)allocated / length);
        SlowestCaseSeconds = Math.Max(SlowestCaseSeconds, seconds);
    }

    private void Count(string kind) => _rejections[kind] = _rejections.GetValueOrDefault(kind) + 1;

    // "tensor 'w': shape [2] needs 8 bytes" and "tensor 'b': shape [3] needs 12 bytes" are one kind of rejection.
    // Quoted text (cells, names, header excerpts) may hold quotes itself, so a quoted stretch runs to the last quote.
    private static string Kind(string detail)
    {
        int excerpt = detail.IndexOf(" (at character", StringComparison.Ordinal);
        string kind = excerpt < 0 ? detail : detail[..excerpt];
        return Digits().Replace(DoubleQuoted().Replace(SingleQuoted().Replace(kind, "'_'"), "\"_\""), "N");
    }

    [GeneratedRegex("'.*'")]
    private static partial Regex SingleQuoted();

    [GeneratedRegex("\".*\"")]
    private static partial Regex DoubleQuoted();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Format}: {Cases} cases in {Elapsed.TotalSeconds:F1} s, {Parsed} parsed, {Cases - Parsed} DataFormatException ({_rejections.Count} kinds), 0 other; " +
        $"largest input {LargestInput} B, worst allocation {WorstAllocation} B, worst {WorstBytesPerInputByte:F1} B per input byte (inputs >= 4 KiB), slowest case {SlowestCaseSeconds * 1000:F0} ms");
}

using System.Globalization;

namespace FastReg.Tests.IO.Fuzzing;

/// <summary>What a fuzz run saw: cases, how many parsed, the largest input, and the worst allocation ratio and case time.</summary>
internal sealed class FuzzReport(string format)
{
    public string Format { get; } = format;

    public int Cases { get; private set; }

    public int Parsed { get; private set; }

    public int LargestInput { get; private set; }

    /// <summary>Largest allocation per input byte among inputs of 4 KiB or more (smaller ones are dominated by fixed costs).</summary>
    public double WorstBytesPerInputByte { get; private set; }

    public long WorstAllocation { get; private set; }

    public double SlowestCaseSeconds { get; private set; }

    public TimeSpan Elapsed { get; set; }

    public void Record(bool parsed, int length, long allocated, double seconds)
    {
        Cases++;
        if (parsed) Parsed++;
        LargestInput = Math.Max(LargestInput, length);
        WorstAllocation = Math.Max(WorstAllocation, allocated);
        if (length >= 4096) WorstBytesPerInputByte = Math.Max(WorstBytesPerInputByte, (double)allocated / length);
        SlowestCaseSeconds = Math.Max(SlowestCaseSeconds, seconds);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Format}: {Cases} cases in {Elapsed.TotalSeconds:F1} s, {Parsed} parsed, {Cases - Parsed} DataFormatException, 0 other; " +
        $"largest input {LargestInput} B, worst allocation {WorstAllocation} B, worst {WorstBytesPerInputByte:F1} B per input byte (inputs >= 4 KiB), slowest case {SlowestCaseSeconds * 1000:F0} ms");
}

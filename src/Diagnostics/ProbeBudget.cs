namespace FastReg.Diagnostics;

/// <summary>How long and how large the probes of <see cref="MachineLimits"/> run.</summary>
/// <param name="Rounds">Timed rounds per probe.</param>
/// <param name="FmaIterations">Iterations of the twelve FMA chains per round.</param>
/// <param name="DramReadBytes">The array the DRAM read streams over.</param>
/// <param name="TriadLength">Floats in each of the triad's three arrays.</param>
/// <param name="Fp64">Whether to measure the FP64 FMA peaks too.</param>
/// <param name="AllWidths">Whether to measure every accelerated FMA width, or only the widest.</param>
internal readonly record struct ProbeBudget(int Rounds, int FmaIterations, long DramReadBytes, int TriadLength, bool Fp64, bool AllWidths)
{
    /// <summary>The bench's <c>limits</c> mode: every probe at full size (several seconds).</summary>
    public static ProbeBudget Full => new(7, FmaPeakProbe.DefaultIterations, BandwidthProbe.DramReadBytes, BandwidthProbe.TriadLength, Fp64: true, AllWidths: true);

    /// <summary>
    /// The quick report: the widest width only, and DRAM arrays of 4x the L3 (at least 64 MiB, at most
    /// the full sizes), which no cache holds but which fill in a fraction of the time of 256 MiB.
    /// </summary>
    public static ProbeBudget Quick
    {
        get
        {
            long dram = Math.Clamp(4 * MachineLimits.L3Bytes, 64L << 20, BandwidthProbe.DramReadBytes);
            return new(5, FmaPeakProbe.DefaultIterations / 2, dram, (int)Math.Min(dram / sizeof(float) / 2, BandwidthProbe.TriadLength), Fp64: true, AllWidths: false);
        }
    }

    /// <summary>Tests: a few milliseconds per probe; the "DRAM" arrays (8 MiB) may well sit in a cache.</summary>
    public static ProbeBudget Short => new(3, 1 << 14, 8L << 20, 1 << 20, Fp64: true, AllWidths: false);
}

using FastReg.Simd;

namespace FastReg.Diagnostics;

/// <summary>
/// Which hand-written probe widths (256- and 512-bit FMA chains, loads, triads) this CPU runs at speed,
/// read from FastReg.Simd's path table (<see cref="Isa.Paths"/>): a width counts when an accelerated
/// path of that width has hardware FMA.
/// </summary>
internal static class ProbeWidths
{
    static readonly int[] s_fmaBits = FmaBits();

    /// <summary>The widest such width in bits: 512, 256, or 0 if none.</summary>
    public static int WidestFma => s_fmaBits.Length == 0 ? 0 : s_fmaBits[^1];

    /// <summary>Whether an accelerated path of <paramref name="bits"/> bits has hardware FMA.</summary>
    public static bool HasFma(int bits) => Array.IndexOf(s_fmaBits, bits) >= 0;

    static int[] FmaBits()
    {
        var bits = new SortedSet<int>();
        foreach (KernelPathInfo p in Isa.Paths)
            if (p.IsAccelerated && p.HardwareFma && p.VectorBits is 256 or 512) bits.Add(p.VectorBits);
        return [.. bits];
    }
}

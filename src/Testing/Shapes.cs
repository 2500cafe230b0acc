using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Testing;

/// <summary>
/// Sizes for tensors and batches, biased to the edges where code breaks: 1, 2, 3, one either side of
/// the vector widths (4, 8, 16 lanes of float and double) and their 4× unrolls, and a few larger ones.
/// Shrinking goes toward 1, so a failure is reported at the smallest size that still fails.
/// </summary>
public static class Shapes
{
    private static readonly int[] s_edges = [1, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65];

    /// <summary>A width or batch in [1, <paramref name="max"/>]: edges half the time, uniform otherwise.</summary>
    public static Gen<int> Size(int max = 65)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        int[] edges = s_edges.Where(e => e <= max).ToArray();
        return Gen.Frequency((1, Gen.Elements(edges)), (1, Gen.Choose(1, max)));
    }

    /// <summary>Smaller sizes, nearest-to-1 first: 1, then halves, then one less.</summary>
    public static IEnumerable<int> ShrinkSize(int size)
    {
        if (size <= 1) yield break;
        yield return 1;
        if (size / 2 > 1) yield return size / 2;
        if (size - 1 > size / 2) yield return size - 1;
    }
}

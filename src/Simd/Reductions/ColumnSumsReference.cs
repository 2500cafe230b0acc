using System.Numerics;

namespace FastReg.Simd;

/// <summary>
/// The scalar reference of <see cref="Reductions.AddColumnSums{T}(ReadOnlySpan{T}, int, int, Span{T})"/>: each
/// column's rows added one after another in T, the order every path keeps (so the tests compare bit for bit).
/// </summary>
public static class ColumnSumsReference
{
    /// <summary>sums[j] += x[0·cols + j], then x[1·cols + j], … in that order.</summary>
    public static void AddColumnSums<T>(ReadOnlySpan<T> x, int rows, int cols, Span<T> sums) where T : IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++) sums[j] += x[r * cols + j];
    }
}

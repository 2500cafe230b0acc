using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

public static partial class Reductions
{
    /// <summary>
    /// sums[j] += Σ_r x[r·cols + j] over the <paramref name="rows"/>×<paramref name="cols"/> row-major x: the
    /// bias gradient of a dense layer (Σ over the batch of dy) in one call. Each column is summed row by
    /// row in order, on every path, so the result equals adding the rows one after another.
    /// </summary>
    /// <exception cref="ArgumentException">x holds fewer than rows·cols values or sums fewer than cols.</exception>
    public static void AddColumnSums<T>(ReadOnlySpan<T> x, int rows, int cols, Span<T> sums) where T : unmanaged, IFloatingPointIeee754<T> =>
        AddColumnSums(x, rows, cols, sums, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddColumnSums<T>(ReadOnlySpan<T> x, int rows, int cols, Span<T> sums, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if ((long)rows * cols > x.Length) throw new ArgumentException($"x has {x.Length} values; {rows}×{cols} needs {(long)rows * cols}.", nameof(x));
        if (sums.Length < cols) throw new ArgumentException($"sums has {sums.Length} values; {cols} columns need {cols}.", nameof(sums));
        ref T x0 = ref MemoryMarshal.GetReference(x);
        ref T s0 = ref MemoryMarshal.GetReference(sums);
        VectorWidth width = PathTable.Width(path);
        int j = 0;
        // Columns in blocks of the path's width, those left over in Vector256 blocks on the 512-bit width.
        if (width == VectorWidth.Bits512) j = ColumnSums.Blocks<T, Width512<T>, Vector512<T>>(ref x0, ref s0, rows, cols, j);
        if (width is VectorWidth.Bits512 or VectorWidth.Bits256) j = ColumnSums.Blocks<T, Width256<T>, Vector256<T>>(ref x0, ref s0, rows, cols, j);
        else if (width == VectorWidth.Vector) j = ColumnSums.Blocks<T, WidthVector<T>, Vector<T>>(ref x0, ref s0, rows, cols, j);
        for (; j < cols; j++)
        {
            T s = Unsafe.Add(ref s0, j);
            for (int r = 0; r < rows; r++) s += Unsafe.Add(ref x0, r * cols + j);
            Unsafe.Add(ref s0, j) = s;
        }
    }
}

/// <summary>Column blocks of <see cref="Reductions.AddColumnSums{T}(ReadOnlySpan{T}, int, int, Span{T})"/>: the sums stay in registers down the rows.</summary>
internal static class ColumnSums
{
    /// <summary>Columns from <paramref name="j"/> on in blocks of two vectors, then one; returns the first column left.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static int Blocks<T, TWidth, TVector>(ref T x, ref T s, int rows, int cols, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        int w = TWidth.Count;
        for (; j + 2 * w <= cols; j += 2 * w)
        {
            nuint o = (nuint)j;
            TVector a = TWidth.Load(ref s, o), b = TWidth.Load(ref s, o + (nuint)w);
            for (int r = 0; r < rows; r++, o += (nuint)cols)
            {
                a = TWidth.Add(a, TWidth.Load(ref x, o));
                b = TWidth.Add(b, TWidth.Load(ref x, o + (nuint)w));
            }
            TWidth.Store(a, ref s, (nuint)j);
            TWidth.Store(b, ref s, (nuint)(j + w));
        }
        for (; j + w <= cols; j += w)
        {
            nuint o = (nuint)j;
            TVector a = TWidth.Load(ref s, o);
            for (int r = 0; r < rows; r++, o += (nuint)cols) a = TWidth.Add(a, TWidth.Load(ref x, o));
            TWidth.Store(a, ref s, (nuint)j);
        }
        return j;
    }
}

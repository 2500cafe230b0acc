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
        int j = 0;
        switch (path)
        {
            case SimdPath.Avx512:
                for (; j + 2 * Vector512<T>.Count <= cols; j += 2 * Vector512<T>.Count) ColumnSums.Block512x2(ref x0, ref s0, rows, cols, j);
                for (; j + Vector512<T>.Count <= cols; j += Vector512<T>.Count) ColumnSums.Block512(ref x0, ref s0, rows, cols, j);
                goto case SimdPath.Avx2;
            case SimdPath.Avx2:
                for (; j + 2 * Vector256<T>.Count <= cols; j += 2 * Vector256<T>.Count) ColumnSums.Block256x2(ref x0, ref s0, rows, cols, j);
                for (; j + Vector256<T>.Count <= cols; j += Vector256<T>.Count) ColumnSums.Block256(ref x0, ref s0, rows, cols, j);
                break;
            case SimdPath.Vector:
                for (; j + Vector<T>.Count <= cols; j += Vector<T>.Count) ColumnSums.BlockVector(ref x0, ref s0, rows, cols, j);
                break;
        }
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block512x2<T>(ref T x, ref T s, int rows, int cols, int j) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint w = (nuint)Vector512<T>.Count, o = (nuint)j;
        Vector512<T> a = Vector512.LoadUnsafe(ref s, o), b = Vector512.LoadUnsafe(ref s, o + w);
        for (int r = 0; r < rows; r++, o += (nuint)cols)
        {
            a += Vector512.LoadUnsafe(ref x, o);
            b += Vector512.LoadUnsafe(ref x, o + w);
        }
        a.StoreUnsafe(ref s, (nuint)j);
        b.StoreUnsafe(ref s, (nuint)j + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block512<T>(ref T x, ref T s, int rows, int cols, int j) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint o = (nuint)j;
        Vector512<T> a = Vector512.LoadUnsafe(ref s, o);
        for (int r = 0; r < rows; r++, o += (nuint)cols) a += Vector512.LoadUnsafe(ref x, o);
        a.StoreUnsafe(ref s, (nuint)j);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block256x2<T>(ref T x, ref T s, int rows, int cols, int j) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint w = (nuint)Vector256<T>.Count, o = (nuint)j;
        Vector256<T> a = Vector256.LoadUnsafe(ref s, o), b = Vector256.LoadUnsafe(ref s, o + w);
        for (int r = 0; r < rows; r++, o += (nuint)cols)
        {
            a += Vector256.LoadUnsafe(ref x, o);
            b += Vector256.LoadUnsafe(ref x, o + w);
        }
        a.StoreUnsafe(ref s, (nuint)j);
        b.StoreUnsafe(ref s, (nuint)j + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block256<T>(ref T x, ref T s, int rows, int cols, int j) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint o = (nuint)j;
        Vector256<T> a = Vector256.LoadUnsafe(ref s, o);
        for (int r = 0; r < rows; r++, o += (nuint)cols) a += Vector256.LoadUnsafe(ref x, o);
        a.StoreUnsafe(ref s, (nuint)j);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BlockVector<T>(ref T x, ref T s, int rows, int cols, int j) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint o = (nuint)j;
        Vector<T> a = Vector.LoadUnsafe(ref s, o);
        for (int r = 0; r < rows; r++, o += (nuint)cols) a += Vector.LoadUnsafe(ref x, o);
        a.StoreUnsafe(ref s, (nuint)j);
    }
}

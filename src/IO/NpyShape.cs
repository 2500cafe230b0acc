namespace FastReg.IO;

/// <summary>Shape arithmetic shared by the .npy reader and writer, overflow-checked.</summary>
internal static class NpyShape
{
    /// <summary>Product of the dimensions; throws <see cref="ArgumentException"/> for a negative one or an overflow.</summary>
    public static long ElementCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"dimension {d} is negative", nameof(shape));
            if (d != 0 && count > long.MaxValue / d) throw new ArgumentException("the product of the dimensions overflows", nameof(shape));
            count *= d;
        }
        return count;
    }

    /// <summary>Rearranges Fortran-order (column-major) values into C order.</summary>
    public static double[] FortranToC(double[] fortran, int[] shape)
    {
        if (shape.Length < 2) return fortran;
        var c = new double[fortran.Length];
        // Walk C order with a multi-index and keep the Fortran offset of that index up to date.
        var index = new int[shape.Length];
        var fortranStride = new long[shape.Length];
        long stride = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            fortranStride[d] = stride;
            stride *= shape[d];
        }
        long offset = 0;
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = fortran[offset];
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d])
                {
                    offset += fortranStride[d];
                    break;
                }
                offset -= fortranStride[d] * (shape[d] - 1);
                index[d] = 0;
            }
        }
        return c;
    }
}

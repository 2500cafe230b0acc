namespace FastReg.IO;

/// <summary>An array read from a .npy file: its stored element type, its shape, and its values in C order as doubles.</summary>
public sealed class NpyArray
{
    /// <summary>Creates an array; <paramref name="data"/> must hold exactly the product of <paramref name="shape"/> values.</summary>
    /// <exception cref="ArgumentException">A negative dimension, or a data length that does not match the shape.</exception>
    public NpyArray(NpyType type, int[] shape, double[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long length = NpyShape.ElementCount(shape);
        if (length != data.LongLength)
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {length} values but data has {data.Length}", nameof(data));
        Type = type;
        Shape = shape;
        Data = data;
        Length = length;
    }

    /// <summary>The element type stored in the file (the values themselves are converted to double).</summary>
    public NpyType Type { get; }

    /// <summary>Dimensions, outermost first; empty for a 0-d (scalar) array.</summary>
    public int[] Shape { get; }

    /// <summary>The values in C (row-major) order, whatever order the file stored them in.</summary>
    public double[] Data { get; }

    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long Length { get; }
}

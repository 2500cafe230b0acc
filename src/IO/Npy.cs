using System.Buffers.Binary;

namespace FastReg.IO;

/// <summary>
/// Reads and writes NumPy .npy files (format versions 1.0, 2.0 and 3.0). Every size the file declares is
/// checked against the bytes present before it is allocated; every malformed file raises <see cref="DataFormatException"/>.
/// </summary>
public static class Npy
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Reads the .npy file at <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">The file is malformed, truncated, has trailing bytes, or holds an unsupported dtype.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static NpyArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads one .npy array from <paramref name="stream"/>'s position to its end; <paramref name="sourceName"/>
    /// names it in error messages. A stream that cannot seek (a pipe) is read only as far as the header declares,
    /// plus one byte to confirm it ends there.
    /// </summary>
    /// <exception cref="DataFormatException">The content is malformed, truncated, has trailing bytes, or holds an unsupported dtype.</exception>
    public static NpyArray Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(stream);
        Stream input = stream.CanSeek ? stream : PipeInput.Npy(stream, sourceName);
        NpyHeader header = NpyHeader.Read(input, sourceName);

        long count = 1;
        foreach (int d in header.Shape)
        {
            if (d != 0 && count > long.MaxValue / d)
                throw new DataFormatException($"shape ({string.Join(", ", header.Shape)}) has more elements than fit in 64 bits", sourceName);
            count *= d;
        }
        int size = NpyDescr.Size(header.Type);
        long remaining = BoundedInput.Remaining(input);
        // Compare in element counts so that count × size cannot overflow.
        if (count > remaining / size)
            throw new DataFormatException(
                $"truncated data: shape ({string.Join(", ", header.Shape)}) needs {Describe(count, size)} but only {remaining} bytes follow the header",
                sourceName);
        if (count * size != remaining)
            throw new DataFormatException($"{remaining - count * size} unexpected bytes after the {count * size} bytes of data", sourceName);
        if (count > Array.MaxLength)
            throw new DataFormatException($"{count} elements is more than FastReg holds in one array ({Array.MaxLength})", sourceName);

        var data = new double[count];
        ReadValues(input, header, data, sourceName);
        if (header.FortranOrder) data = NpyShape.FortranToC(data, header.Shape);
        return new NpyArray(header.Type, header.Shape, data);
    }

    /// <summary>
    /// Writes <paramref name="data"/> (C order) as a .npy file of the given shape and element type, atomically
    /// (see <see cref="AtomicFile"/>): format 1.0 (2.0 for a very long header), little-endian, data 64-byte aligned.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The shape does not match the data length, or a value cannot be stored exactly in an integer or bool type
    /// (a fraction, out of range, NaN). Float32 rounds to nearest.
    /// </exception>
    public static void Write(string path, ReadOnlySpan<double> data, ReadOnlySpan<int> shape, NpyType type)
    {
        long count = NpyShape.ElementCount(shape);
        if (count != data.Length)
            throw new ArgumentException($"shape ({string.Join(", ", shape.ToArray())}) holds {count} values but {data.Length} were given", nameof(data));
        NpyDescr.Size(type); // rejects an undefined enum value before any file is touched
        for (int i = 0; i < data.Length; i++)
        {
            if (!Representable(data[i], type))
                throw new ArgumentException($"value {data[i]} at index {i} cannot be stored exactly as {type}", nameof(data));
        }

        byte[] header = NpyHeader.Format(type, shape);
        double[] values = data.ToArray();
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            WriteValues(stream, values, type);
        });
    }

    private static string Describe(long count, int size) =>
        count > long.MaxValue / size ? $"{count} elements of {size} bytes" : $"{count * size} bytes";

    private static void ReadValues(Stream input, NpyHeader header, double[] data, string source)
    {
        int size = NpyDescr.Size(header.Type);
        var buffer = new byte[(int)Math.Min(ChunkBytes, Math.Max(size, (long)data.Length * size))];
        int perChunk = buffer.Length / size;
        for (int start = 0; start < data.Length; start += perChunk)
        {
            int n = Math.Min(perChunk, data.Length - start);
            Span<byte> bytes = buffer.AsSpan(0, n * size);
            BoundedInput.ReadExactly(input, bytes, source, "data");
            for (int i = 0; i < n; i++) data[start + i] = Decode(bytes.Slice(i * size, size), header.Type, header.BigEndian);
        }
    }

    private static double Decode(ReadOnlySpan<byte> b, NpyType type, bool big) => type switch
    {
        NpyType.Bool => b[0] != 0 ? 1 : 0,
        NpyType.Int8 => (sbyte)b[0],
        NpyType.UInt8 => b[0],
        NpyType.Int16 => big ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
        NpyType.UInt16 => big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
        NpyType.Int32 => big ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
        NpyType.UInt32 => big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
        NpyType.Int64 => big ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
        NpyType.UInt64 => big ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
        NpyType.Float32 => big ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
        NpyType.Float64 => big ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static bool Representable(double v, NpyType type) => type switch
    {
        NpyType.Float32 or NpyType.Float64 => true,
        NpyType.Bool => v is 0 or 1,
        NpyType.Int8 => IsInteger(v, sbyte.MinValue, sbyte.MaxValue),
        NpyType.UInt8 => IsInteger(v, 0, byte.MaxValue),
        NpyType.Int16 => IsInteger(v, short.MinValue, short.MaxValue),
        NpyType.UInt16 => IsInteger(v, 0, ushort.MaxValue),
        NpyType.Int32 => IsInteger(v, int.MinValue, int.MaxValue),
        NpyType.UInt32 => IsInteger(v, 0, uint.MaxValue),
        // 2^63 and 2^64 are exact doubles; the upper bounds are exclusive.
        NpyType.Int64 => double.IsInteger(v) && v >= -9223372036854775808.0 && v < 9223372036854775808.0,
        NpyType.UInt64 => double.IsInteger(v) && v >= 0 && v < 18446744073709551616.0,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown NpyType"),
    };

    private static bool IsInteger(double v, double min, double max) => double.IsInteger(v) && v >= min && v <= max;

    private static void WriteValues(Stream stream, double[] values, NpyType type)
    {
        int size = NpyDescr.Size(type);
        var buffer = new byte[ChunkBytes];
        int perChunk = ChunkBytes / size;
        for (int start = 0; start < values.Length; start += perChunk)
        {
            int n = Math.Min(perChunk, values.Length - start);
            for (int i = 0; i < n; i++) Encode(buffer.AsSpan(i * size, size), values[start + i], type);
            stream.Write(buffer, 0, n * size);
        }
    }

    private static void Encode(Span<byte> b, double v, NpyType type)
    {
        switch (type)
        {
            case NpyType.Bool: b[0] = v != 0 ? (byte)1 : (byte)0; break;
            case NpyType.Int8: b[0] = (byte)(sbyte)v; break;
            case NpyType.UInt8: b[0] = (byte)v; break;
            case NpyType.Int16: BinaryPrimitives.WriteInt16LittleEndian(b, (short)v); break;
            case NpyType.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v); break;
            case NpyType.Int32: BinaryPrimitives.WriteInt32LittleEndian(b, (int)v); break;
            case NpyType.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)v); break;
            case NpyType.Int64: BinaryPrimitives.WriteInt64LittleEndian(b, (long)v); break;
            case NpyType.UInt64: BinaryPrimitives.WriteUInt64LittleEndian(b, (ulong)v); break;
            case NpyType.Float32: BinaryPrimitives.WriteSingleLittleEndian(b, (float)v); break;
            case NpyType.Float64: BinaryPrimitives.WriteDoubleLittleEndian(b, v); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "unknown NpyType");
        }
    }
}

using System.Buffers.Binary;
using System.Text.Json;

namespace FastReg.IO;

/// <summary>
/// Reads and writes safetensors files: an 8-byte little-endian header size, a JSON header, then one data buffer
/// that the tensors tile contiguously. FastReg reads and writes F32 and F64 tensors.
/// </summary>
public static class SafeTensors
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Reads the safetensors file at <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">The file is malformed, truncated, or holds a dtype other than F32 and F64.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads a safetensors file from <paramref name="stream"/>'s position to its end; <paramref name="sourceName"/>
    /// names it in error messages. A stream that cannot seek (a pipe) is read only as far as the header declares,
    /// plus one byte to confirm it ends there.
    /// </summary>
    /// <exception cref="DataFormatException">The content is malformed, truncated, or holds a dtype other than F32 and F64.</exception>
    public static SafeTensorsFile Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(stream);
        Stream input = stream.CanSeek ? stream : PipeInput.SafeTensors(stream, sourceName);
        Span<byte> prefix = stackalloc byte[8];
        BoundedInput.ReadExactly(input, prefix, sourceName, "8-byte header size");
        ulong headerSize = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        long remaining = BoundedInput.Remaining(input);
        if (headerSize > SafeTensorsHeader.MaxHeaderBytes)
            throw new DataFormatException(
                $"header size {headerSize} is over the format's limit of {SafeTensorsHeader.MaxHeaderBytes:N0} bytes (not a safetensors file?)", sourceName);
        if (headerSize > (ulong)remaining)
            throw new DataFormatException($"header size {headerSize} is larger than the {remaining} bytes after it (truncated file?)", sourceName);

        var json = new byte[headerSize];
        BoundedInput.ReadExactly(input, json, sourceName, "header");
        long bufferStart = input.Position;
        long bufferLength = remaining - (long)headerSize;
        SafeTensorsHeader header = SafeTensorsHeader.Parse(json, bufferLength, sourceName);

        var tensors = new List<NamedTensor>(header.Entries.Count);
        byte[]? chunk = null;
        foreach (SafeTensorsHeader.Entry e in header.Entries)
        {
            int size = SafeTensorsDtype.Size(e.Type);
            long count = (e.End - e.Begin) / size;
            if (count > Array.MaxLength)
                throw new DataFormatException($"tensor '{e.Name}' has {count} elements, more than FastReg holds in one array", sourceName);
            var data = new double[count];
            if (count > 0)
            {
                chunk ??= new byte[ChunkBytes];
                input.Position = bufferStart + e.Begin;
                ReadValues(input, data, e.Type, chunk, sourceName);
            }
            tensors.Add(new NamedTensor(e.Name, e.Type, e.Shape, data));
        }
        return new SafeTensorsFile(tensors, header.Metadata);
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> in the given order, atomically (see <see cref="AtomicFile"/>), with the
    /// header padded with spaces to a multiple of 8 bytes and the data little-endian. F32 rounds to nearest.
    /// </summary>
    /// <exception cref="ArgumentException">An empty, duplicate or reserved name, a name or metadata string with an unpaired surrogate, a negative dimension, data whose length does not match its shape, or an F32 tensor holding a finite value beyond float's range.</exception>
    public static void Write(string path, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        byte[] header = FormatHeader(tensors, metadata);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> size = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)header.Length);
            stream.Write(size);
            stream.Write(header);
            var chunk = new byte[ChunkBytes];
            foreach (NamedTensor t in tensors) WriteValues(stream, t.Data, t.Type, chunk);
        });
    }

    private static byte[] FormatHeader(IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            // The reference implementation writes the metadata first.
            if (metadata is not null && metadata.Count > 0)
            {
                writer.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach (KeyValuePair<string, string> kv in metadata)
                {
                    if (!IsValidUtf16(kv.Key) || !IsValidUtf16(kv.Value))
                        throw new ArgumentException($"metadata entry '{kv.Key}' holds an unpaired UTF-16 surrogate; it has no UTF-8 form", nameof(metadata));
                    writer.WriteString(kv.Key, kv.Value);
                }
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach (NamedTensor t in tensors)
            {
                ArgumentNullException.ThrowIfNull(t, nameof(tensors));
                if (string.IsNullOrEmpty(t.Name) || t.Name == SafeTensorsHeader.MetadataKey)
                    throw new ArgumentException($"tensor name '{t.Name}' is empty or reserved", nameof(tensors));
                // A lone surrogate would be encoded lossily, so two different names could collide in the file (and the reader refuses them).
                if (!IsValidUtf16(t.Name)) throw new ArgumentException($"tensor name '{t.Name}' holds an unpaired UTF-16 surrogate; it has no UTF-8 form", nameof(tensors));
                if (!names.Add(t.Name)) throw new ArgumentException($"tensor name '{t.Name}' appears twice", nameof(tensors));
                if (t.Type == TensorType.F32) RequireFloat32(t, nameof(tensors));
                long count = NpyShape.ElementCount(t.Shape);
                if (count != t.Data.Length)
                    throw new ArgumentException(
                        $"tensor '{t.Name}': shape [{string.Join(", ", t.Shape)}] holds {count} values but Data has {t.Data.Length}", nameof(tensors));
                long end = offset + count * SafeTensorsDtype.Size(t.Type);
                writer.WriteStartObject(t.Name);
                writer.WriteString("dtype", SafeTensorsDtype.Name(t.Type));
                writer.WriteStartArray("shape");
                foreach (int d in t.Shape) writer.WriteNumberValue(d);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(end);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset = end;
            }
            writer.WriteEndObject();
        }
        // Padding to a multiple of 8 keeps the data buffer aligned for readers that map it directly.
        int padded = (int)((json.Length + 7) / 8 * 8);
        while (json.Length < padded) json.WriteByte((byte)' ');
        return json.ToArray();
    }

    /// <summary>A finite value beyond float32's range would be written as infinity: refused, naming where it is.</summary>
    private static void RequireFloat32(NamedTensor t, string paramName)
    {
        for (int i = 0; i < t.Data.Length; i++)
        {
            double v = t.Data[i];
            if (double.IsFinite(v) && !float.IsFinite((float)v))
                throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"tensor '{t.Name}': value {v:R} at index {i} is beyond the range of F32 (±3.4e38); write it as F64"), paramName);
        }
    }

    private static bool IsValidUtf16(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return false;
        }
        return true;
    }

    private static void ReadValues(Stream input, double[] data, TensorType type, byte[] chunk, string source)
    {
        int size = SafeTensorsDtype.Size(type);
        int perChunk = chunk.Length / size;
        for (int start = 0; start < data.Length; start += perChunk)
        {
            int n = Math.Min(perChunk, data.Length - start);
            Span<byte> bytes = chunk.AsSpan(0, n * size);
            BoundedInput.ReadExactly(input, bytes, source, "data buffer");
            if (type == TensorType.F32)
                for (int i = 0; i < n; i++) data[start + i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
            else
                for (int i = 0; i < n; i++) data[start + i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]);
        }
    }

    private static void WriteValues(Stream output, double[] data, TensorType type, byte[] chunk)
    {
        int size = SafeTensorsDtype.Size(type);
        int perChunk = chunk.Length / size;
        for (int start = 0; start < data.Length; start += perChunk)
        {
            int n = Math.Min(perChunk, data.Length - start);
            Span<byte> bytes = chunk.AsSpan(0, n * size);
            if (type == TensorType.F32)
                for (int i = 0; i < n; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes[(i * 4)..], (float)data[start + i]);
            else
                for (int i = 0; i < n; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes[(i * 8)..], data[start + i]);
            output.Write(bytes);
        }
    }
}

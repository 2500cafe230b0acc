using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace FastReg.IO;

/// <summary>
/// The JSON header of a safetensors file, parsed and validated the way the format's reference implementation
/// does: each entry has exactly dtype, shape and data_offsets; the tensors tile the data buffer contiguously,
/// with no gaps or overlaps; and each tensor's byte span equals its element count times its dtype size.
/// </summary>
internal sealed class SafeTensorsHeader
{
    /// <summary>The format's own limit on the header size.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    public const string MetadataKey = "__metadata__";

    // A real header nests three levels (root, entry, shape); the margin only allows for odd metadata.
    private const int MaxDepth = 8;

    /// <summary>One tensor's header entry; offsets are relative to the start of the data buffer.</summary>
    public sealed record Entry(string Name, TensorType Type, int[] Shape, long Begin, long End);

    private SafeTensorsHeader(List<Entry> entries, Dictionary<string, string> metadata)
    {
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>The bytes of data the tensors cover: the end of the last one.</summary>
    public long DataLength => Entries.Count == 0 ? 0 : Entries.Max(e => e.End);

    /// <summary>Tensors in header order.</summary>
    public List<Entry> Entries { get; }

    public Dictionary<string, string> Metadata { get; }

    /// <summary>
    /// Parses <paramref name="json"/> and checks it against a data buffer of <paramref name="bufferLength"/> bytes;
    /// null when the length is not known yet (a pipe): every check but the buffer's end.
    /// </summary>
    public static SafeTensorsHeader Parse(ReadOnlyMemory<byte> json, long? bufferLength, string source)
    {
        if (json.Length == 0 || json.Span[0] != (byte)'{')
            throw new DataFormatException("the header does not start with '{'", source);
        // JsonDocument checks UTF-8 only when a string is read; checking up front keeps every failure here.
        if (!Utf8.IsValid(json.Span))
            throw new DataFormatException("the header is not valid UTF-8", source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new DataFormatException($"the header is not valid JSON: {e.Message}", source, inner: e);
        }
        RejectUnpairedSurrogates(json.Span, source);
        using (document)
        {
            var entries = new List<Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                    throw new DataFormatException($"the header names '{property.Name}' twice", source);
                if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata, source);
                else entries.Add(ReadEntry(property.Name, property.Value, bufferLength ?? long.MaxValue, source));
            }
            CheckLayout(entries, bufferLength, source);
            return new SafeTensorsHeader(entries, metadata);
        }
    }

    /// <summary>
    /// Refuses a string escape such as <c>"\ud800"</c> that leaves a UTF-16 surrogate unpaired. The JSON parser
    /// accepts it and only fails (with <see cref="InvalidOperationException"/>) when the string is read; the
    /// format's reference implementation rejects the header, and so does FastReg, up front.
    /// </summary>
    private static void RejectUnpairedSurrogates(ReadOnlySpan<byte> json, string source)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped) continue;
            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException e)
            {
                string excerpt = Encoding.UTF8.GetString(reader.ValueSpan.Length <= 60 ? reader.ValueSpan : reader.ValueSpan[..60]);
                throw new DataFormatException($"the header string \"{excerpt}\" escapes an unpaired UTF-16 surrogate", source, inner: e);
            }
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Object)
            throw new DataFormatException($"{MetadataKey} is not an object of strings", source);
        foreach (JsonProperty p in value.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
                throw new DataFormatException($"{MetadataKey} value '{p.Name}' is not a string", source);
            if (!metadata.TryAdd(p.Name, p.Value.GetString()!))
                throw new DataFormatException($"{MetadataKey} names '{p.Name}' twice", source);
        }
    }

    private static Entry ReadEntry(string name, JsonElement value, long bufferLength, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new DataFormatException($"tensor '{name}': the entry is not an object", source);
        JsonElement? dtype = null, shape = null, offsets = null;
        foreach (JsonProperty p in value.EnumerateObject())
        {
            ref JsonElement? slot = ref dtype;
            if (p.Name == "shape") slot = ref shape;
            else if (p.Name == "data_offsets") slot = ref offsets;
            else if (p.Name != "dtype")
                throw new DataFormatException($"tensor '{name}': unexpected field '{p.Name}' (expected dtype, shape, data_offsets)", source);
            if (slot is not null) throw new DataFormatException($"tensor '{name}': field '{p.Name}' appears twice", source);
            slot = p.Value;
        }
        if (dtype is null || shape is null || offsets is null)
        {
            string missing = dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets";
            throw new DataFormatException($"tensor '{name}': field '{missing}' is missing", source);
        }
        if (dtype.Value.ValueKind != JsonValueKind.String)
            throw new DataFormatException($"tensor '{name}': dtype is not a string", source);
        TensorType type = SafeTensorsDtype.Parse(dtype.Value.GetString()!, name, source);

        ulong[] dims = Unsigned(shape.Value, name, "shape", source);
        ulong[] span = Unsigned(offsets.Value, name, "data_offsets", source);
        if (span.Length != 2)
            throw new DataFormatException($"tensor '{name}': data_offsets has {span.Length} entries, expected [begin, end]", source);
        (ulong begin, ulong end) = (span[0], span[1]);
        if (begin > end)
            throw new DataFormatException($"tensor '{name}': data_offsets [{begin}, {end}] end before they begin", source);
        if (end > (ulong)bufferLength)
            throw new DataFormatException(
                $"tensor '{name}': data_offsets [{begin}, {end}] run past the end of the {bufferLength}-byte data buffer", source);

        // Element count × dtype size must be exactly the byte span, computed without overflow.
        ulong bytes = (ulong)SafeTensorsDtype.Size(type);
        foreach (ulong d in dims)
        {
            if (d != 0 && bytes > ulong.MaxValue / d)
                throw new DataFormatException($"tensor '{name}': shape [{string.Join(", ", dims)}] overflows 64 bits", source);
            bytes *= d;
        }
        if (bytes != end - begin)
            throw new DataFormatException(
                $"tensor '{name}': shape [{string.Join(", ", dims)}] of {SafeTensorsDtype.Name(type)} needs {bytes} bytes but data_offsets [{begin}, {end}] hold {end - begin}",
                source);
        var intDims = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            // Unreachable for a non-empty tensor (its bytes are bounded by the file), but a zero dim lets others be huge.
            if (dims[i] > int.MaxValue)
                throw new DataFormatException($"tensor '{name}': dimension {dims[i]} is larger than {int.MaxValue}", source);
            intDims[i] = (int)dims[i];
        }
        return new Entry(name, type, intDims, (long)begin, (long)end);
    }

    private static ulong[] Unsigned(JsonElement array, string name, string field, string source)
    {
        if (array.ValueKind != JsonValueKind.Array)
            throw new DataFormatException($"tensor '{name}': {field} is not an array", source);
        var values = new ulong[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetUInt64(out values[i++]))
                throw new DataFormatException($"tensor '{name}': {field} holds {item.GetRawText()}, not a non-negative integer", source);
        }
        return values;
    }

    // Sorted by offsets, the tensors must tile [0, bufferLength) exactly.
    private static void CheckLayout(List<Entry> entries, long? bufferLength, string source)
    {
        var sorted = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        long position = 0;
        Entry? previous = null;
        foreach (Entry e in sorted)
        {
            if (e.Begin != position)
            {
                string after = previous is null ? "the data buffer starts at 0" : $"the previous tensor '{previous.Name}' ends at {position}";
                string what = e.Begin > position ? "leaving a gap" : "overlapping";
                throw new DataFormatException($"tensor '{e.Name}' begins at byte {e.Begin} but {after} ({what})", source);
            }
            position = e.End;
            previous = e;
        }
        if (bufferLength is not null && position != bufferLength)
            throw new DataFormatException(
                $"the tensors cover {position} bytes but the data buffer holds {bufferLength} (unused bytes at the end)", source);
    }
}

namespace FastReg.IO;

/// <summary>
/// NumPy's type strings ('&lt;f4', '&gt;i8', '|u1', ...) to and from <see cref="NpyType"/>, with an explanation
/// for each kind FastReg does not read (complex, object, strings, float16, datetimes, structured types).
/// </summary>
internal static class NpyDescr
{
    public const string Supported = "FastReg reads bool, int8-int64, uint8-uint64, float32 and float64";

    /// <summary>Decodes a descr string into its type and byte order.</summary>
    public static (NpyType Type, bool BigEndian) Parse(string descr, string source)
    {
        if (descr.Length < 1) throw Unsupported(descr, "not a NumPy type string", source);
        char order = descr[0];
        string body = order is '<' or '>' or '|' or '=' ? descr[1..] : descr;
        if (body.Length < 1) throw Unsupported(descr, "not a NumPy type string", source);
        char kind = body[0];
        string size = body[1..];
        NpyType? type = (kind, size) switch
        {
            ('b', "1") => NpyType.Bool,
            ('i', "1") => NpyType.Int8,
            ('u', "1") => NpyType.UInt8,
            ('i', "2") => NpyType.Int16,
            ('u', "2") => NpyType.UInt16,
            ('i', "4") => NpyType.Int32,
            ('u', "4") => NpyType.UInt32,
            ('i', "8") => NpyType.Int64,
            ('u', "8") => NpyType.UInt64,
            ('f', "4") => NpyType.Float32,
            ('f', "8") => NpyType.Float64,
            _ => null,
        };
        if (type is null) throw Unsupported(descr, KindName(kind, size), source);
        if (order == '|' && Size(type.Value) > 1)
            throw new DataFormatException($"dtype '{descr}': byte order '|' is only valid for 1-byte types", source);
        // '=' is the writer's native order; every platform .NET runs FastReg on is little-endian.
        return (type.Value, order == '>');
    }

    /// <summary>The little-endian descr numpy itself writes for <paramref name="type"/>.</summary>
    public static string Format(NpyType type) => type switch
    {
        NpyType.Bool => "|b1",
        NpyType.Int8 => "|i1",
        NpyType.UInt8 => "|u1",
        NpyType.Int16 => "<i2",
        NpyType.UInt16 => "<u2",
        NpyType.Int32 => "<i4",
        NpyType.UInt32 => "<u4",
        NpyType.Int64 => "<i8",
        NpyType.UInt64 => "<u8",
        NpyType.Float32 => "<f4",
        NpyType.Float64 => "<f8",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown NpyType"),
    };

    /// <summary>Bytes per element.</summary>
    public static int Size(NpyType type) => type switch
    {
        NpyType.Bool or NpyType.Int8 or NpyType.UInt8 => 1,
        NpyType.Int16 or NpyType.UInt16 => 2,
        NpyType.Int32 or NpyType.UInt32 or NpyType.Float32 => 4,
        NpyType.Int64 or NpyType.UInt64 or NpyType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown NpyType"),
    };

    private static string KindName(char kind, string size) => kind switch
    {
        'f' when size == "2" => "float16",
        'f' => "extended-precision float",
        'c' => "complex",
        'O' => "Python object",
        'U' or 'S' or 'a' => "string",
        'V' => "raw bytes or structured",
        'M' => "datetime64",
        'm' => "timedelta64",
        'b' or 'i' or 'u' => "integer of an unusual size",
        _ => "unknown type",
    };

    private static DataFormatException Unsupported(string descr, string what, string source) =>
        new($"dtype '{descr}' ({what}) is not supported; {Supported}", source);
}

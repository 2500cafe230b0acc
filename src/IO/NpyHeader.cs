using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FastReg.IO;

/// <summary>
/// The preamble of a .npy file: magic, version, and the header dict giving dtype, memory order and shape.
/// Versions 1.0 (2-byte header length), 2.0 (4-byte) and 3.0 (4-byte, UTF-8 header) are read.
/// </summary>
internal sealed record NpyHeader(NpyType Type, bool BigEndian, bool FortranOrder, int[] Shape)
{
    /// <summary>"\x93NUMPY".</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Headers longer than this are refused: real ones are a few hundred bytes.</summary>
    public const int MaxHeaderBytes = 1 << 20;

    /// <summary>Data starts at a multiple of this many bytes, as numpy writes it.</summary>
    public const int Alignment = 64;

    /// <summary>Reads and validates the preamble, leaving the stream at the first data byte.</summary>
    public static NpyHeader Read(Stream stream, string source)
    {
        Span<byte> start = stackalloc byte[8];
        BoundedInput.ReadExactly(stream, start, source, "magic string and version (8 bytes)");
        if (!start[..6].SequenceEqual(Magic))
            throw new DataFormatException("not a .npy file (the magic string \\x93NUMPY is missing)", source);
        byte major = start[6], minor = start[7];
        if (major is not (1 or 2 or 3) || minor != 0)
            throw new DataFormatException($"unsupported .npy version {major}.{minor}; FastReg reads 1.0, 2.0 and 3.0", source);

        Span<byte> lengthBytes = stackalloc byte[major == 1 ? 2 : 4];
        BoundedInput.ReadExactly(stream, lengthBytes, source, "header length");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > BoundedInput.Remaining(stream))
            throw new DataFormatException(
                $"truncated header: it declares {headerLength} bytes but only {BoundedInput.Remaining(stream)} follow", source);
        if (headerLength > MaxHeaderBytes)
            throw new DataFormatException($"header of {headerLength} bytes is larger than the {MaxHeaderBytes}-byte limit", source);

        var bytes = new byte[headerLength];
        BoundedInput.ReadExactly(stream, bytes, source, "header");
        string text;
        try
        {
            text = major == 3 ? new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes) : Encoding.Latin1.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFormatException("the version 3.0 header is not valid UTF-8", source, inner: e);
        }
        return FromDict(PythonLiteral.ParseDict(text, source), source);
    }

    /// <summary>The complete preamble (magic, version, length, padded dict) for writing, version 1.0 unless it needs 2.0.</summary>
    public static byte[] Format(NpyType type, ReadOnlySpan<int> shape)
    {
        var dims = new StringBuilder();
        foreach (int d in shape) dims.Append(d.ToString(CultureInfo.InvariantCulture)).Append(", ");
        if (shape.Length > 1) dims.Length -= 2;
        else if (shape.Length == 1) dims.Length -= 1; // "(3,)": a one-element tuple keeps its comma
        string dict = $"{{'descr': '{NpyDescr.Format(type)}', 'fortran_order': False, 'shape': ({dims}), }}";

        // Version 1.0 has a 2-byte header length; only a header too long for it needs 2.0.
        int major = 1, prefix = 10;
        int total = AlignUp(prefix + dict.Length + 1);
        if (total - prefix > ushort.MaxValue) (major, prefix, total) = (2, 12, AlignUp(12 + dict.Length + 1));
        int headerLength = total - prefix;

        var bytes = new byte[total];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        bytes[7] = 0;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        int written = Encoding.ASCII.GetBytes(dict, bytes.AsSpan(prefix));
        bytes.AsSpan(prefix + written, headerLength - written - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    private static int AlignUp(int n) => (n + Alignment - 1) / Alignment * Alignment;

    private static NpyHeader FromDict(Dictionary<string, object?> dict, string source)
    {
        foreach (string key in dict.Keys)
        {
            if (key is not ("descr" or "fortran_order" or "shape"))
                throw new DataFormatException($"malformed header: unexpected key '{key}' (expected descr, fortran_order, shape)", source);
        }
        object? descr = Required(dict, "descr", source);
        object? fortran = Required(dict, "fortran_order", source);
        object? shape = Required(dict, "shape", source);

        if (descr is PythonLiteral.PythonList)
            throw new DataFormatException($"structured dtype (a list of named fields) is not supported; {NpyDescr.Supported}", source);
        if (descr is not string descrText)
            throw new DataFormatException("malformed header: 'descr' is not a type string", source);
        if (fortran is not bool fortranOrder)
            throw new DataFormatException("malformed header: 'fortran_order' is not True or False", source);
        if (shape is not PythonLiteral.PythonTuple tuple)
            throw new DataFormatException("malformed header: 'shape' is not a tuple", source);

        var dims = new int[tuple.Items.Count];
        for (int i = 0; i < dims.Length; i++)
        {
            if (tuple.Items[i] is not long d)
                throw new DataFormatException($"malformed header: shape entry {i} is not an integer", source);
            if (d < 0) throw new DataFormatException($"shape has a negative dimension ({d})", source);
            if (d > int.MaxValue) throw new DataFormatException($"shape dimension {d} is larger than {int.MaxValue}", source);
            dims[i] = (int)d;
        }
        (NpyType type, bool bigEndian) = NpyDescr.Parse(descrText, source);
        return new NpyHeader(type, bigEndian, fortranOrder, dims);
    }

    private static object? Required(Dictionary<string, object?> dict, string key, string source) =>
        dict.TryGetValue(key, out object? value) ? value : throw new DataFormatException($"malformed header: key '{key}' is missing", source);
}

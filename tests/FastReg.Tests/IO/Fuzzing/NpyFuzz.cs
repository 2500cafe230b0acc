using System.Buffers.Binary;
using System.Text;
using FastReg.IO;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.IO.Fuzzing;

/// <summary>
/// .npy fuzz inputs: valid files (random dtype, shape and bytes, and the numpy-written fixtures) mutated blindly,
/// and files assembled from lying parts: shapes larger than the data, negative dimensions, products that
/// overflow 64 bits, unknown or structured descrs, bad versions, header lengths that are huge or point past the
/// end, non-ASCII and non-UTF-8 header bytes.
/// </summary>
internal static class NpyFuzz
{
    private static readonly string[] Fixtures =
        ["f4_3x4.npy", "f8_big_endian.npy", "f8_fortran_2x3x4.npy", "v2_f8_2x2.npy", "b1_3.npy", "scalar_f8.npy", "i4_big_endian.npy", "u1_2x2.npy", "empty_0x3.npy"];

    // (descr as it appears in the dict, bytes per element or 0 when it is not one FastReg reads)
    private static readonly (string Text, int Size)[] GoodDescrs =
    [
        ("'<f8'", 8), ("'>f8'", 8), ("'<f4'", 4), ("'|u1'", 1), ("'|i1'", 1), ("'|b1'", 1), ("'<i2'", 2), ("'>u2'", 2),
        ("'=i4'", 4), ("'<u4'", 4), ("'>i8'", 8), ("'<u8'", 8), ("\"<f8\"", 8),
    ];

    private static readonly string[] OddDescrs =
    [
        "'<c16'", "'<c8'", "'|O'", "'<U8'", "'|S5'", "'<f2'", "'<f16'", "'<M8[ns]'", "'<m8'", "'|V8'", "''", "'<'", "'f8'", "'|f8'",
        "'>i3'", "'<b2'", "'<f8 '", "'<F8'", "'\\'<f8'", "7", "None", "True", "[('a', '<f4'), ('b', '<i8')]", "('<f8',)",
        "{'x': 1}", "'\u00e9<f8'", "'<f8\u00ff'", "'<\u4e2d8'",
    ];

    // (literal, value when it is an ordinary integer)
    private static readonly (string Text, long? Value)[] OddDims =
    [
        ("-1", -1), ("-2147483648", int.MinValue), ("2147483647", int.MaxValue), ("2147483648", 1L << 31), ("4294967296", 1L << 32),
        ("1099511627776", 1L << 40), ("4611686018427387904", 1L << 62), ("9223372036854775807", long.MaxValue),
        ("9223372036854775808", null), ("99999999999999999999", null), ("3L", 3), ("'3'", null), ("1.5", null), ("None", null),
        ("()", null), ("-0", 0), ("+2", 2), ("1_0", null), ("0x10", null),
    ];

    /// <summary>The fuzz cases for the .npy reader.</summary>
    public static Gen<FuzzInput> Inputs =>
        from input in Gen.Frequency(
            (3, Valid.SelectMany(ByteMutations.Mutated)),
            (4, Lying),
            (2, Lying.SelectMany(ByteMutations.One)),
            (1, Valid))
        from nonSeekable in Gen.Frequency((7, Gen.Constant(false)), (1, Gen.Constant(true)))
        select input with { NonSeekable = nonSeekable };

    /// <summary>Well-formed files: a fixture written by numpy, or a random dtype and shape with random data bytes.</summary>
    public static Gen<FuzzInput> Valid => Gen.Frequency(
        (1, Gen.Elements(Fixtures).Select(f => new FuzzInput($"npy fixture {f}", File.ReadAllBytes(IoTestSupport.Fixture(f))))),
        (3, from type in Gen.Elements(Enum.GetValues<NpyType>())
            from shape in IoGenerators.Shape
            from data in DataBytes((int)NpyShape.ElementCount(shape) * NpyDescr.Size(type))
            select new FuzzInput($"npy {type} ({string.Join(",", shape)})", [.. NpyHeader.Format(type, shape), .. data])));

    /// <summary>Files assembled from a version, a header dict and a header-length field any of which may lie.</summary>
    public static Gen<FuzzInput> Lying =>
        from version in Gen.Frequency((8, Gen.Elements<(byte, byte)>((1, 0), (2, 0), (3, 0))),
            (1, Gen.Elements<(byte, byte)>((0, 0), (1, 1), (4, 0), (255, 255), (2, 1))))
        from descr in Gen.Frequency((3, Gen.Elements(GoodDescrs)), (2, Gen.Elements(OddDescrs).Select(d => (Text: d, Size: 0))))
        from fortran in Gen.Frequency((6, Gen.Elements("False", "True")), (1, Gen.Elements("0", "'False'", "None", "false", "Truee")))
        from dims in Gen.Choose(0, 4).SelectMany(rank => Gen.ArrayOf(Dim, rank))
        from shapeForm in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Choose(1, 4)))
        from keys in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Choose(1, 5)))
        from padding in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        from highBytes in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        from highAt in Gen.ArrayOf(Gen.Choose(0, 1000), highBytes)
        from high in Gen.ArrayOf(Gen.Choose(0x80, 0xFF), highBytes)
        from lengthLie in Gen.Frequency((6, Gen.Constant(-1)), (1, Gen.Choose(0, 9)))
        from dataLie in Gen.Frequency((5, Gen.Constant(0)), (2, Gen.Choose(-16, 16)), (1, Gen.Choose(-100_000, 100_000)))
        from seed in IoGenerators.Seed
        select Assemble(version, descr, fortran, dims, shapeForm, keys, padding, highAt.Zip(high).ToArray(), lengthLie, dataLie, seed);

    private static Gen<(string Text, long? Value)> Dim => Gen.Frequency(
        (6, Gen.Choose(0, 6).Select(d => (d.ToString(System.Globalization.CultureInfo.InvariantCulture), (long?)d))),
        (2, Gen.Elements(OddDims)));

    // Seeded rather than generated byte by byte: a 6x6x6x6 float64 array is 10 KB.
    private static Gen<byte[]> DataBytes(int n) => IoGenerators.Seed.Select(seed =>
    {
        var data = new byte[n];
        new Random(seed).NextBytes(data);
        return data;
    });

    private static FuzzInput Assemble(
        (byte Major, byte Minor) version, (string Text, int Size) descr, string fortran, (string Text, long? Value)[] dims,
        int shapeForm, int keys, int padding, (int At, int Byte)[] high, int lengthLie, int dataLie, int seed)
    {
        string items = string.Join(", ", dims.Select(d => d.Text));
        string shape = shapeForm switch
        {
            1 => $"[{items}]",
            2 => dims.Length > 0 ? dims[0].Text : "()",
            3 => $"(({items}),)",
            4 => "(2147483647, 2147483647, 2147483647)", // each dimension fits; the product overflows 64 bits
            _ => dims.Length == 1 ? $"({items},)" : $"({items})",
        };
        string body = keys switch
        {
            1 => $"'fortran_order': {fortran}, 'shape': {shape}",
            2 => $"'descr': {descr.Text}, 'fortran_order': {fortran}, 'shape': {shape}, 'extra': 1",
            3 => $"'descr': {descr.Text}, 'descr': {descr.Text}, 'fortran_order': {fortran}, 'shape': {shape}",
            4 => $"'descr': {descr.Text}, 'fortran_order': {fortran}, 'shape': {shape}, 'shape': {shape}",
            5 => $"'descr': {descr.Text} 'fortran_order': {fortran}, 'shape': {shape}",
            _ => $"'descr': {descr.Text}, 'fortran_order': {fortran}, 'shape': {shape}, ",
        };
        string dict = "{" + body + "}";
        int prefix = version.Major == 1 ? 10 : 12;
        string text = padding switch
        {
            1 => dict,
            2 => dict + " x\n",
            3 => dict + new string(' ', 70_000) + "\n", // too long for a version 1.0 length field
            _ => dict.PadRight((prefix + dict.Length + 1 + 63) / 64 * 64 - prefix - 1) + "\n",
        };
        byte[] header = version.Major == 3 ? Encoding.UTF8.GetBytes(text) : Encoding.Latin1.GetBytes(text);
        foreach ((int at, int b) in high)
        {
            if (header.Length > 0) header[at % header.Length] = (byte)b;
        }

        long declared = lengthLie switch
        {
            0 => 0,
            1 => header.Length - 1L,
            2 => header.Length + 1L,
            3 => header.Length + 64L,
            4 => ushort.MaxValue,
            5 => uint.MaxValue,
            6 => NpyHeader.MaxHeaderBytes + 1L,
            7 => 1L << 31,
            8 => header.Length / 2,
            9 => header.Length + 100_000L,
            _ => header.Length,
        };

        // The data the dict asks for when its shape is small, give or take the lie.
        long wanted = 1;
        foreach ((_, long? v) in dims) wanted = v is >= 0 and <= 64 && wanted <= 1 << 16 ? wanted * v.Value : 16;
        long dataLength = Math.Clamp(wanted * Math.Max(descr.Size, 1) + dataLie, 0, 200_000);
        var data = new byte[dataLength];
        new Random(seed).NextBytes(data);

        var bytes = new byte[prefix + header.Length + data.Length];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        (bytes[6], bytes[7]) = (version.Major, version.Minor);
        if (version.Major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)declared);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)declared);
        header.CopyTo(bytes, prefix);
        data.CopyTo(bytes, prefix + header.Length);
        string recipe = $"npy lie: v{version.Major}.{version.Minor} {{{body}}} pad {padding} high {high.Length} length {lengthLie} data {dataLength}";
        return new FuzzInput(recipe, bytes);
    }
}

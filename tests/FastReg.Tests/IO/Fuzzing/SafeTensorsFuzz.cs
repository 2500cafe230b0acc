using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.IO.Fuzzing;

/// <summary>
/// Safetensors fuzz inputs: valid files (random F32/F64 tensors, and the torch-written fixtures) mutated blindly,
/// and files assembled from lying parts: header sizes of 2^40, 2^63 or past the end, non-UTF-8 header bytes,
/// JSON that is not an object or is nested deeply, overlapping, gapped, reversed or out-of-range offsets,
/// shapes whose size disagrees with the offsets or overflows, negative shape entries, unknown dtypes, duplicate
/// keys, lone surrogates in names, and metadata with non-string values.
/// </summary>
internal static class SafeTensorsFuzz
{
    private static readonly string[] Fixtures = ["mlp_3_4_2.safetensors", "f64_and_bf16.safetensors"];

    private static readonly string[] OddNames =
        ["", "__metadata__", "\\ud800", "a\\udc00b", "\\u0000", "a\\nb", "\u00e9", "\u4e2d\u6587", "\\\"", "w"];

    private static readonly string[] OddDtypes =
        ["\"BF16\"", "\"I64\"", "\"F16\"", "\"C64\"", "\"F33\"", "\"f32\"", "\"\"", "7", "null", "[\"F32\"]", "{}", "\"F3\\u0032\""];

    private static readonly string[] OddDims =
    [
        "-1", "1.5", "1e3", "2.0", "18446744073709551615", "18446744073709551616", "9223372036854775808", "1099511627776",
        "4294967296", "2147483648", "\"3\"", "null", "[]", "-0", "99999999999999999999999999999",
    ];

    private static readonly string[] OddMetadata =
    [
        "{\"k\":1}", "{\"k\":{\"a\":\"b\"}}", "{\"k\":[\"v\"]}", "{\"k\":null}", "null", "[]", "\"x\"", "{\"k\":\"a\",\"k\":\"b\"}",
        "{\"k\":\"\\ud800\"}", "{\"\\udfff\":\"v\"}", "{\"k\":true}",
    ];

    private static readonly ulong[] SizeLies =
        [0, 1, 7, 1UL << 40, 1UL << 63, ulong.MaxValue, 100_000_000, 100_000_001, uint.MaxValue, long.MaxValue];

    /// <summary>The fuzz cases for the safetensors reader.</summary>
    public static Gen<FuzzInput> Inputs => BinaryFormatCases.Mix(Valid, Lying);

    /// <summary>Well-formed files: a fixture written by torch, or random F32/F64 tensors with random data bytes.</summary>
    public static Gen<FuzzInput> Valid => Gen.Frequency(
        (1, Gen.Elements(Fixtures).Select(f => new FuzzInput($"safetensors fixture {f}", File.ReadAllBytes(IoTestSupport.Fixture(f))))),
        (3, from n in Gen.Choose(0, 4)
            from shapes in Gen.ArrayOf(IoGenerators.Shape, n)
            from wide in Gen.ArrayOf(Gen.Elements(false, true), n)
            from metadata in Gen.Elements("", "\"__metadata__\":{\"format\":\"pt\"},")
            from seed in IoGenerators.Seed
            select ValidFile(shapes, wide, metadata, seed)));

    /// <summary>Files assembled from tensor entries, metadata, root JSON and a header-size field, any of which may lie.</summary>
    public static Gen<FuzzInput> Lying =>
        from n in Gen.Choose(0, 4)
        from entries in Gen.ArrayOf(Entry, n)
        from order in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from metadata in Gen.Frequency((4, Gen.Constant("")), (1, Gen.Constant("{\"format\":\"pt\"}")), (2, Gen.Elements(OddMetadata)))
        from root in Gen.Frequency((12, Gen.Constant(0)), (1, Gen.Choose(1, 8)))
        from highBytes in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        from highAt in Gen.ArrayOf(Gen.Choose(0, 1000), highBytes)
        from high in Gen.ArrayOf(Gen.Choose(0x80, 0xFF), highBytes)
        from sizeLie in Gen.Frequency((8, Gen.Constant(-1)), (1, Gen.Choose(0, SizeLies.Length + 2)))
        from bufferLie in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Choose(-16, 16)))
        from seed in IoGenerators.Seed
        select Assemble(entries, order, metadata, root, highAt.Zip(high).ToArray(), sizeLie, bufferLie, seed);

    /// <summary>One tensor entry: a name, dtype, shape and offsets, each usually right and sometimes a lie.</summary>
    private static Gen<EntryParts> Entry =>
        from name in Gen.Frequency((6, Gen.Elements("w", "b", "0.weight", "1.bias", "x")), (1, Gen.Elements(OddNames)))
        from wide in Gen.Elements(false, true)
        from dtype in Gen.Frequency((8, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>(OddDtypes)))
        from dims in Gen.Choose(0, 3).SelectMany(rank => Gen.ArrayOf(Gen.Choose(0, 5), rank))
        from oddDim in Gen.Frequency((8, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>(OddDims)))
        from offsets in Gen.Frequency((10, Gen.Constant(0)), (1, Gen.Choose(1, 12)))
        from fields in Gen.Frequency((12, Gen.Constant(0)), (1, Gen.Choose(1, 6)))
        select new EntryParts(name, wide, dtype, dims, oddDim, offsets, fields);

    private sealed record EntryParts(string Name, bool Wide, string? Dtype, int[] Dims, string? OddDim, int OffsetLie, int FieldLie)
    {
        public long Bytes => Dims.Aggregate(Wide ? 8L : 4L, (a, d) => a * d);
    }

    private static FuzzInput ValidFile(int[][] shapes, bool[] wide, string metadata, int seed)
    {
        var json = new StringBuilder("{").Append(metadata);
        long offset = 0;
        for (int i = 0; i < shapes.Length; i++)
        {
            long bytes = shapes[i].Aggregate(wide[i] ? 8L : 4L, (a, d) => a * d);
            json.Append(CultureInfo.InvariantCulture,
                $"\"t{i}\":{{\"dtype\":\"{(wide[i] ? "F64" : "F32")}\",\"shape\":[{string.Join(",", shapes[i])}],\"data_offsets\":[{offset},{offset + bytes}]}},");
            offset += bytes;
        }
        if (json[^1] == ',') json.Length--;
        json.Append('}');
        var buffer = new byte[offset];
        new Random(seed).NextBytes(buffer);
        byte[] header = Encoding.UTF8.GetBytes(json.ToString().PadRight((json.Length + 7) / 8 * 8));
        return new FuzzInput($"safetensors {shapes.Length} tensors", Frame((ulong)header.Length, header, buffer));
    }

    private static FuzzInput Assemble(
        EntryParts[] entries, bool reversed, string metadata, int root, (int At, int Byte)[] high, int sizeLie, int bufferLie, int seed)
    {
        var json = new StringBuilder("{");
        if (metadata.Length > 0) json.Append("\"__metadata__\":").Append(metadata).Append(',');
        long offset = 0, previous = 0;
        var texts = new List<string>();
        foreach (EntryParts e in entries)
        {
            long begin = offset, end = offset + e.Bytes;
            (string b, string en) = e.OffsetLie switch
            {
                1 => (Num(previous), Num(previous + e.Bytes)), // overlaps the previous tensor
                2 => (Num(begin + 4), Num(end + 4)), // leaves a gap
                3 => (Num(end), Num(begin)), // reversed
                4 => (Num(begin), Num(end + 8)), // longer than the shape
                5 => (Num(begin), Num(1L << 40)), // far past the buffer
                6 => ("-4", Num(end)),
                7 => (Num(begin), "18446744073709551615"),
                8 => ("9223372036854775808", "9223372036854775816"),
                9 => (Num(begin) + ".0", Num(end)),
                10 => (Num(begin), Num(end) + "," + Num(end)),
                11 => (Num(begin), "\"x\""),
                12 => ("", Num(end)),
                _ => (Num(begin), Num(end)),
            };
            string offsets = e.OffsetLie == 12 ? $"[{en}]" : $"[{b},{en}]";
            IEnumerable<string> dims = e.Dims.Select(d => Num(d));
            string shape = "[" + string.Join(",", e.OddDim is null ? dims : dims.Append(e.OddDim)) + "]";
            string dtype = e.Dtype ?? (e.Wide ? "\"F64\"" : "\"F32\"");
            string fields = e.FieldLie switch
            {
                1 => $"\"shape\":{shape},\"data_offsets\":{offsets}",
                2 => $"\"dtype\":{dtype},\"shape\":{shape},\"data_offsets\":{offsets},\"extra\":0",
                3 => $"\"dtype\":{dtype},\"dtype\":{dtype},\"shape\":{shape},\"data_offsets\":{offsets}",
                4 => $"\"dtype\":{dtype},\"shape\":{e.Dims.FirstOrDefault()},\"data_offsets\":{offsets}",
                5 => $"\"dtype\":{dtype},\"shape\":{shape},\"data_offsets\":{{\"begin\":0}}",
                6 => "\"x\"",
                _ => $"\"dtype\":{dtype},\"shape\":{shape},\"data_offsets\":{offsets}",
            };
            texts.Add(e.FieldLie == 6 ? $"\"{e.Name}\":{fields}" : $"\"{e.Name}\":{{{fields}}}");
            previous = begin;
            offset = end;
        }
        if (reversed) texts.Reverse();
        json.Append(string.Join(",", texts)).Append('}');
        string text = root switch
        {
            1 => "[" + json + "]",
            2 => "\"" + json.Replace("\"", "\\\"") + "\"",
            3 => "null",
            4 => " " + json,
            5 => new string('[', 5000) + new string(']', 5000),
            6 => string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40),
            7 => json + "x",
            8 => json.ToString()[..(json.Length / 2)],
            _ => json.ToString(),
        };
        byte[] header = Encoding.UTF8.GetBytes(text.PadRight((text.Length + 7) / 8 * 8));
        foreach ((int at, int b) in high)
        {
            if (header.Length > 0) header[at % header.Length] = (byte)b;
        }
        var buffer = new byte[Math.Clamp(offset + bufferLie, 0, 1 << 20)];
        new Random(seed).NextBytes(buffer);
        ulong size = sizeLie switch
        {
            < 0 => (ulong)header.Length,
            var k when k < SizeLies.Length => SizeLies[k],
            var k when k == SizeLies.Length => (ulong)header.Length + 1,
            _ => (ulong)header.Length + (ulong)buffer.Length + 1,
        };
        string recipe = $"safetensors lie: root {root} high {high.Length} size {size} buffer {buffer.Length} header {Shorten(text)}";
        return new FuzzInput(recipe, Frame(size, header, buffer));
    }

    private static byte[] Frame(ulong size, byte[] header, byte[] buffer)
    {
        var bytes = new byte[8 + header.Length + buffer.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, size);
        header.CopyTo(bytes, 8);
        buffer.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    private static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string s) => s.Length <= 300 ? s : string.Concat(s.AsSpan(0, 297), "...");
}

using System.Buffers.Binary;
using System.Text;
using FastReg.IO;
using FsCheck.Fluent;
using static FastReg.Tests.IO.IoTestSupport;

namespace FastReg.Tests.IO;

public class NpyTests
{
    /// <summary>A version 1.0 file with the given header dict (padded as numpy pads it) followed by <paramref name="data"/>.</summary>
    internal static byte[] File10(string dict, byte[] data, byte major = 1)
    {
        int prefix = major == 1 ? 10 : 12;
        int total = (prefix + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(total - prefix - 1) + "\n";
        var bytes = new byte[total + data.Length];
        byte[] magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
        magic.CopyTo(bytes, 0);
        bytes[6] = major;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)header.Length);
        Encoding.Latin1.GetBytes(header).CopyTo(bytes, prefix);
        data.CopyTo(bytes, total);
        return bytes;
    }

    private static string Dict(string descr = "<f8", string fortran = "False", string shape = "(2,)") =>
        $"{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': {shape}, }}";

    private static NpyArray ReadBytes(byte[] bytes) => Npy.Read(Stream(bytes), "x.npy");

    private static DataFormatException RejectsBytes(byte[] bytes) => Rejects(() => ReadBytes(bytes));

    private static DataFormatException RejectsHeader(string dict, int dataBytes = 16) => RejectsBytes(File10(dict, new byte[dataBytes]));

    [Fact]
    public void Reads_numpy_float32_little_endian()
    {
        var a = Npy.Read(Fixture("f4_3x4.npy"));
        Assert.Equal(NpyType.Float32, a.Type);
        Assert.Equal([3, 4], a.Shape);
        Assert.Equal(12, a.Length);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (i - 5.5) / 4), a.Data);
    }

    [Fact]
    public void Reads_numpy_big_endian_float64_including_subnormals()
    {
        var a = Npy.Read(Fixture("f8_big_endian.npy"));
        Assert.Equal(NpyType.Float64, a.Type);
        Assert.Equal([1.5, -2.25, 1e300, 5e-324], a.Data);
        Assert.Equal([1.0, -2, 65536], Npy.Read(Fixture("i4_big_endian.npy")).Data);
    }

    [Fact]
    public void Reorders_fortran_order_into_c_order()
    {
        var a = Npy.Read(Fixture("f8_fortran_2x3x4.npy"));
        Assert.Equal([2, 3, 4], a.Shape);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (double)i), a.Data);
    }

    [Fact]
    public void Reads_numpy_integer_bool_scalar_empty_and_version_2()
    {
        var i8 = Npy.Read(Fixture("i8_5.npy"));
        Assert.Equal(NpyType.Int64, i8.Type);
        Assert.Equal([0, -1, 9007199254740992, -1099511627776, 7], i8.Data);
        var u1 = Npy.Read(Fixture("u1_2x2.npy"));
        Assert.Equal(NpyType.UInt8, u1.Type);
        Assert.Equal([0.0, 255, 17, 128], u1.Data);
        var b = Npy.Read(Fixture("b1_3.npy"));
        Assert.Equal(NpyType.Bool, b.Type);
        Assert.Equal([1.0, 0, 1], b.Data);
        var scalar = Npy.Read(Fixture("scalar_f8.npy"));
        Assert.Empty(scalar.Shape);
        Assert.Equal([3.25], scalar.Data);
        var empty = Npy.Read(Fixture("empty_0x3.npy"));
        Assert.Equal([0, 3], empty.Shape);
        Assert.Empty(empty.Data);
        var v2 = Npy.Read(Fixture("v2_f8_2x2.npy"));
        Assert.Equal([1.0, 2, 3, 4], v2.Data);
    }

    [Fact]
    public void Reads_from_a_non_seekable_stream()
    {
        byte[] bytes = System.IO.File.ReadAllBytes(Fixture("f4_3x4.npy"));
        using var pipe = new NonSeekableStream(bytes);
        Assert.Equal(12, Npy.Read(pipe, "pipe").Length);
    }

    [Fact]
    public void Writes_what_numpy_writes_version_1_with_64_byte_aligned_data()
    {
        using var dir = new TempDirectory();
        string path = dir.File("a.npy");
        Npy.Write(path, [1.0, 2, 3, 4, 5, 6], [2, 3], NpyType.Float64);
        byte[] bytes = System.IO.File.ReadAllBytes(path);
        Assert.Equal(128 + 48, bytes.Length);
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 118, 0], bytes[..10]);
        string header = Encoding.ASCII.GetString(bytes, 10, 118);
        Assert.Equal("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", header.TrimEnd());
        Assert.EndsWith(" \n", header, StringComparison.Ordinal);

        Npy.Write(path, [7.0], [1], NpyType.Int64);
        Assert.Contains("'shape': (1,)", System.IO.File.ReadAllText(path, Encoding.Latin1), StringComparison.Ordinal);
        Npy.Write(path, [7.0], [], NpyType.Float32);
        Assert.Contains("'shape': ()", System.IO.File.ReadAllText(path, Encoding.Latin1), StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_version_2_when_the_header_does_not_fit_version_1()
    {
        using var dir = new TempDirectory();
        string path = dir.File("long.npy");
        int[] shape = Enumerable.Repeat(1, 25_000).ToArray();
        Npy.Write(path, [2.5], shape, NpyType.Float64);
        byte[] bytes = System.IO.File.ReadAllBytes(path);
        Assert.Equal(2, bytes[6]);
        Assert.Equal(0, (bytes.Length - 8) % 64);
        var a = Npy.Read(path);
        Assert.Equal(25_000, a.Shape.Length);
        Assert.Equal([2.5], a.Data);
    }

    [Fact]
    public void Round_trip_float64_keeps_every_bit()
    {
        using var dir = new TempDirectory();
        string path = dir.File("rt.npy");
        IoGenerators.Check(Gen.Zip(IoGenerators.Shape, IoGenerators.Seed), t =>
        {
            (int[] shape, int seed) = t;
            double[] values = IoGenerators.AnyDoubles(Count(shape), seed);
            Npy.Write(path, values, shape, NpyType.Float64);
            var a = Npy.Read(path);
            return a.Type == NpyType.Float64 && a.Shape.SequenceEqual(shape) && Same(a.Data, values);
        });
    }

    [Fact]
    public void Round_trip_float32_keeps_float_values()
    {
        using var dir = new TempDirectory();
        string path = dir.File("rt.npy");
        IoGenerators.Check(Gen.Zip(IoGenerators.Shape, IoGenerators.Seed), t =>
        {
            (int[] shape, int seed) = t;
            double[] values = IoGenerators.FloatValues(Count(shape), seed);
            Npy.Write(path, values, shape, NpyType.Float32);
            var a = Npy.Read(path);
            return a.Type == NpyType.Float32 && a.Shape.SequenceEqual(shape) && Same(a.Data, values);
        });
    }

    [Theory]
    [InlineData(NpyType.Bool, 0.0, 1.0, 2.0)]
    [InlineData(NpyType.Int8, -128.0, 127.0, 128.0)]
    [InlineData(NpyType.UInt8, 0.0, 255.0, 256.0)]
    [InlineData(NpyType.Int16, -32768.0, 32767.0, -32769.0)]
    [InlineData(NpyType.UInt16, 0.0, 65535.0, -1.0)]
    [InlineData(NpyType.Int32, -2147483648.0, 2147483647.0, 2147483648.0)]
    [InlineData(NpyType.UInt32, 0.0, 4294967295.0, 4294967296.0)]
    [InlineData(NpyType.Int64, -9223372036854775808.0, 9007199254740992.0, 9223372036854775808.0)]
    [InlineData(NpyType.UInt64, 0.0, 18446744073709549568.0, 18446744073709551616.0)]
    public void Round_trip_integer_types_at_their_extremes(NpyType type, double min, double max, double outOfRange)
    {
        using var dir = new TempDirectory();
        string path = dir.File("i.npy");
        double[] values = [min, max, Math.Max(min, 0), Math.Min(max, 1)];
        Npy.Write(path, values, [2, 2], type);
        var a = Npy.Read(path);
        Assert.Equal(type, a.Type);
        Assert.Equal(values, a.Data);
        Assert.Throws<ArgumentException>(() => Npy.Write(path, [0.5], [1], type));
        Assert.Throws<ArgumentException>(() => Npy.Write(path, [outOfRange], [1], type));
    }

    [Fact]
    public void Write_checks_the_shape_against_the_data()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => Npy.Write(dir.File("a.npy"), [1.0, 2, 3], [2, 2], NpyType.Float64));
        Assert.Throws<ArgumentException>(() => Npy.Write(dir.File("a.npy"), [], [-1], NpyType.Float64));
        Assert.False(System.IO.File.Exists(dir.File("a.npy")));
    }

    [Fact]
    public void Rejects_a_file_without_the_magic_string()
    {
        Assert.Contains("magic string", RejectsBytes(Ascii("PK\x03\x04 this is a zip file")).Message, StringComparison.Ordinal);
        Assert.Contains("file ends inside the magic", RejectsBytes([0x93, (byte)'N']).Message, StringComparison.Ordinal);
        Assert.Equal("x.npy", RejectsBytes([]).Source);
    }

    [Fact]
    public void Rejects_an_unknown_version()
    {
        byte[] bytes = File10(Dict(), new byte[16]);
        bytes[6] = 4;
        Assert.Contains("unsupported .npy version 4.0", RejectsBytes(bytes).Message, StringComparison.Ordinal);
        bytes[6] = 1;
        bytes[7] = 1;
        Assert.Contains("version 1.1", RejectsBytes(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_version_3_with_a_utf8_header()
    {
        byte[] bytes = File10(Dict(), new byte[16], major: 3);
        Assert.Equal([0.0, 0], ReadBytes(bytes).Data);
    }

    [Fact]
    public void Rejects_a_truncated_header()
    {
        byte[] bytes = File10(Dict(), new byte[16]);
        Assert.Contains("truncated header", RejectsBytes(bytes[..40]).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("['descr', '<f8']", "not a Python dict")]
    [InlineData("{'descr': '<f8', 'fortran_order': False}", "key 'shape' is missing")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "unexpected key 'extra'")]
    [InlineData("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2,)}", "key 'descr' appears twice")]
    [InlineData("{'descr': '<f8, 'fortran_order': False, 'shape': (2,)}", "malformed header")]
    [InlineData("{'descr': '<f8', 'fortran_order': 0, 'shape': (2,)}", "'fortran_order' is not True or False")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': [2]}", "'shape' is not a tuple")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2)}", "'shape' is not a tuple")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': ('2',)}", "shape entry 0 is not an integer")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)} junk", "unexpected text after the header dict")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,", "malformed header")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}", "integer is too large")]
    [InlineData("{'descr': '<f8', 'fortran_order': Falsey, 'shape': (2,)}", "malformed header")]
    [InlineData("{'descr': __import__('os'), 'fortran_order': False, 'shape': (2,)}", "malformed header")]
    public void Rejects_a_malformed_header_dict(string dict, string detail)
    {
        Assert.Contains(detail, RejectsHeader(dict).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_python2_long_suffixes_and_double_quotes()
    {
        var a = ReadBytes(File10("{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (1L, 2L)}", new byte[16]));
        Assert.Equal([1, 2], a.Shape);
    }

    [Theory]
    [InlineData("'<c8'", "dtype '<c8' (complex) is not supported")]
    [InlineData("'|O'", "is not supported")]
    [InlineData("'|O8'", "(Python object) is not supported")]
    [InlineData("'<f2'", "(float16) is not supported")]
    [InlineData("'<U5'", "(string) is not supported")]
    [InlineData("'<M8[ns]'", "(datetime64) is not supported")]
    [InlineData("'<i3'", "dtype '<i3'")]
    [InlineData("'|i4'", "byte order '|' is only valid for 1-byte types")]
    [InlineData("[('a', '<f4'), ('b', '<i4')]", "structured dtype")]
    public void Rejects_unsupported_dtypes_saying_which(string descr, string detail)
    {
        var e = RejectsHeader($"{{'descr': {descr}, 'fortran_order': False, 'shape': (2,), }}");
        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
        if (!detail.StartsWith("byte order", StringComparison.Ordinal))
            Assert.Contains("FastReg reads bool, int8-int64, uint8-uint64, float32 and float64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_negative_dimensions()
    {
        Assert.Contains("negative dimension (-2)", RejectsHeader(Dict(shape: "(3, -2)")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_dimension_products_that_overflow()
    {
        var e = RejectsHeader(Dict(shape: "(2147483647, 2147483647, 2147483647)"));
        Assert.Contains("more elements than fit in 64 bits", e.Message, StringComparison.Ordinal);
        Assert.Contains("larger than", RejectsHeader(Dict(shape: "(4294967296,)")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_data_shorter_than_the_shape_declares()
    {
        var e = RejectsBytes(File10(Dict(shape: "(3,)"), new byte[16]));
        Assert.Contains("truncated data: shape (3) needs 24 bytes but only 16 bytes follow", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_trailing_bytes_after_the_data()
    {
        Assert.Contains("1 unexpected bytes after the 16 bytes of data", RejectsBytes(File10(Dict(), new byte[17])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tiny_file_declaring_2_to_the_40_elements_is_rejected_without_allocating_them()
    {
        byte[] bytes = File10(Dict(shape: "(1048576, 1048576)"), new byte[8]);
        Rejects(() => ReadBytes(bytes)); // warm up the JIT so only the read itself is measured
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Rejects(() => ReadBytes(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("truncated data", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
        Assert.Contains("is larger than 2147483647", RejectsBytes(File10(Dict(shape: "(1099511627776,)"), new byte[8])).Message, StringComparison.Ordinal);

        // Same with a header length field that promises 4 GiB of header in a 20-byte file.
        byte[] twenty = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0, 0xFF, 0xFF, 0xFF, 0xFF, .. new byte[8]];
        Assert.Equal(20, twenty.Length);
        before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("truncated header", RejectsBytes(twenty).Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void Rejects_a_version_3_header_that_is_not_utf8_and_a_header_over_the_limit()
    {
        byte[] v3 = File10(Dict(), new byte[16], major: 3);
        v3[20] = 0xFF; // inside the dict text
        Assert.Contains("the version 3.0 header is not valid UTF-8", RejectsBytes(v3).Message, StringComparison.Ordinal);
        byte[] huge = File10(Dict().PadRight(NpyHeader.MaxHeaderBytes + 1), new byte[16], major: 2);
        Assert.Contains("is larger than the 1048576-byte limit", RejectsBytes(huge).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => Npy.Read(Path.Combine(Path.GetTempPath(), "no-such-fastreg-file.npy")));
    }

    private static int Count(int[] shape) => shape.Aggregate(1, (a, d) => a * d);
}

/// <summary>A read-only stream that cannot seek, like a pipe.</summary>
internal sealed class NonSeekableStream(byte[] bytes) : Stream
{
    private readonly MemoryStream _inner = new(bytes);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7));
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

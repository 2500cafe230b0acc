using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using FastReg.IO;
using FsCheck.Fluent;
using static FastReg.Tests.IO.IoTestSupport;

namespace FastReg.Tests.IO;

public class SafeTensorsTests
{
    /// <summary>A safetensors file from a raw header and data buffer (the header size is computed, not validated).</summary>
    internal static byte[] Build(string json, byte[] buffer)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + buffer.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        buffer.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    private static SafeTensorsFile ReadBytes(byte[] bytes) => SafeTensors.Read(Stream(bytes), "model.safetensors");

    private static DataFormatException RejectsFile(string json, int bufferBytes) => Rejects(() => ReadBytes(Build(json, new byte[bufferBytes])));

    [Fact]
    public void Reads_the_torch_mlp_state_dict_written_by_python()
    {
        var file = SafeTensors.Read(Fixture("mlp_3_4_2.safetensors"));
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture("mlp_3_4_2.expected.json")));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], file.Tensors.Select(t => t.Name));
        foreach (JsonProperty p in expected.RootElement.EnumerateObject())
        {
            NamedTensor t = file.Find(p.Name)!;
            Assert.Equal(TensorType.F32, t.Type);
            Assert.Equal(p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), t.Shape);
            Assert.Equal(p.Value.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()), t.Data);
        }
        Assert.Equal([4, 3], file.Find("0.weight")!.Shape);
        Assert.Null(file.Find("1.weight"));
        Assert.Equal("pt", file.Metadata["format"]);
    }

    [Fact]
    public void Refuses_other_known_dtypes_by_name()
    {
        var e = Rejects(() => SafeTensors.Read(Fixture("f64_and_bf16.safetensors")));
        Assert.EndsWith("tensor '0.weight' has dtype BF16; FastReg reads F32 and F64", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("f64_and_bf16.safetensors", e.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_header_padded_to_8_bytes_metadata_first_tensors_in_order()
    {
        using var dir = new TempDirectory();
        string path = dir.File("m.safetensors");
        SafeTensors.Write(path, [new("b", TensorType.F64, [2], [1, 2]), new("a", TensorType.F32, [1, 1], [0.5])],
            new Dictionary<string, string> { ["format"] = "pt" });
        byte[] bytes = File.ReadAllBytes(path);
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        Assert.Equal(8 + n + 16 + 4, bytes.Length);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.Equal(
            "{\"__metadata__\":{\"format\":\"pt\"},\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[16,20]}}",
            header.TrimEnd(' '));
        var file = SafeTensors.Read(path);
        Assert.Equal(["b", "a"], file.Tensors.Select(t => t.Name));
        Assert.Equal([0.5], file.Find("a")!.Data);
    }

    [Fact]
    public void Round_trip_keeps_names_shapes_metadata_and_values()
    {
        using var dir = new TempDirectory();
        string path = dir.File("rt.safetensors");
        var tensorSpec = Gen.Zip(IoGenerators.Shape, Gen.Elements(TensorType.F32, TensorType.F64));
        var gen = Gen.Zip(Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(tensorSpec, n)), IoGenerators.Seed);
        IoGenerators.Check(gen, t =>
        {
            var (specs, seed) = t;
            var tensors = specs.Select((s, i) =>
            {
                int n = s.Item1.Aggregate(1, (a, d) => a * d);
                double[] data = s.Item2 == TensorType.F32 ? IoGenerators.FloatValues(n, seed + i) : IoGenerators.AnyDoubles(n, seed + i);
                return new NamedTensor($"layer{i}.wéight \"{i}\"", s.Item2, s.Item1, data);
            }).ToList();
            var metadata = new Dictionary<string, string> { ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ü"] = "\"x\"" };
            SafeTensors.Write(path, tensors, seed % 2 == 0 ? metadata : null);
            var file = SafeTensors.Read(path);
            return file.Tensors.Count == tensors.Count
                && file.Tensors.Zip(tensors).All(p => p.First.Name == p.Second.Name && p.First.Type == p.Second.Type
                    && p.First.Shape.SequenceEqual(p.Second.Shape) && Same(p.First.Data, p.Second.Data))
                && (seed % 2 == 0 ? file.Metadata.Count == 2 && file.Metadata["ü"] == "\"x\"" : file.Metadata.Count == 0);
        });
    }

    [Fact]
    public void Write_validates_names_and_shapes_before_touching_the_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.safetensors");
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [new("a", TensorType.F32, [2], [1])]));
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [new("a", TensorType.F32, [1], [1]), new("a", TensorType.F32, [1], [1])]));
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [new("__metadata__", TensorType.F32, [1], [1])]));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Rejects_a_header_size_over_the_limit_or_past_the_end()
    {
        byte[] bytes = Build("{}", []);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 100_000_001);
        Assert.Contains("over the format's limit of 100,000,000 bytes", Rejects(() => ReadBytes(bytes)).Message, StringComparison.Ordinal);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 3);
        Assert.Contains("header size 3 is larger than the 2 bytes after it", Rejects(() => ReadBytes(bytes)).Message, StringComparison.Ordinal);
        Assert.Contains("8-byte header size", Rejects(() => ReadBytes([1, 2, 3])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_20_byte_file_declaring_2_to_the_40_elements_is_rejected_without_allocating_them()
    {
        // Header size 2^40 in a 20-byte file.
        byte[] twenty = new byte[20];
        BinaryPrimitives.WriteUInt64LittleEndian(twenty, 1UL << 40);
        // A well-formed header whose one tensor claims 2^40 floats, followed by 4 bytes of data.
        byte[] tiny = Build("{\"w\":{\"dtype\":\"F32\",\"shape\":[1099511627776],\"data_offsets\":[0,4398046511104]}}", new byte[4]);
        Rejects(() => ReadBytes(twenty));
        Rejects(() => ReadBytes(tiny)); // JIT warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        Rejects(() => ReadBytes(twenty));
        var e = Rejects(() => ReadBytes(tiny));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("run past the end of the 4-byte data buffer", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData(" {}", "does not start with '{'")]
    [InlineData("[1]", "does not start with '{'")]
    [InlineData("{\"a\":", "not valid JSON")]
    [InlineData("{\"a\":1,}", "not valid JSON")]
    [InlineData("{} x", "not valid JSON")]
    [InlineData("{\"a\":1}", "tensor 'a': the entry is not an object")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", "tensor 'a': field 'data_offsets' is missing")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":0}}", "unexpected field 'extra'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "field 'dtype' appears twice")]
    [InlineData("{\"a\":{\"dtype\":7,\"shape\":[1],\"data_offsets\":[0,4]}}", "dtype is not a string")]
    [InlineData("{\"a\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 'a' has unknown dtype 'F33'")]
    [InlineData("{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 'a' has dtype I64; FastReg reads F32 and F64")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "shape holds -1, not a non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}", "shape holds 1.0")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":1,\"data_offsets\":[0,4]}}", "shape is not an array")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", "data_offsets has 3 entries")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", "data_offsets [4, 0] end before they begin")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "data_offsets [0, 8] run past the end of the 4-byte data buffer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", "shape [2] of F32 needs 8 bytes but data_offsets [0, 4] hold 4")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,4294967296],\"data_offsets\":[0,4]}}", "overflows 64 bits")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", "names 'a' twice")]
    [InlineData("{\"__metadata__\":{\"k\":1},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "__metadata__ value 'k' is not a string")]
    [InlineData("{\"__metadata__\":[],\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "__metadata__ is not an object of strings")]
    // Found by the fuzz campaign: System.Text.Json accepts these escapes and throws InvalidOperationException only on reading the string.
    [InlineData("{\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "escapes an unpaired UTF-16 surrogate")]
    [InlineData("{\"__metadata__\":{\"k\":\"a\\udc00\"},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "escapes an unpaired UTF-16 surrogate")]
    [InlineData("{\"a\":{\"dtype\":\"F\\ud83d32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "escapes an unpaired UTF-16 surrogate")]
    public void Rejects_malformed_headers_saying_what_is_wrong(string json, string detail)
    {
        var e = RejectsFile(json, 4);
        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("model.safetensors: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensors_must_tile_the_buffer_without_gaps_or_overlaps()
    {
        const string A = "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":";
        const string B = "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":";
        Assert.Contains("tensor 'a' begins at byte 4 but the data buffer starts at 0 (leaving a gap)",
            RejectsFile($"{{{A}[4,8]}}}}", 8).Message, StringComparison.Ordinal);
        Assert.Contains("tensor 'b' begins at byte 8 but the previous tensor 'a' ends at 4 (leaving a gap)",
            RejectsFile($"{{{A}[0,4]}},{B}[8,12]}}}}", 12).Message, StringComparison.Ordinal);
        Assert.Contains("begins at byte 0 but the previous tensor 'a' ends at 4 (overlapping)",
            RejectsFile($"{{{A}[0,4]}},{B}[0,4]}}}}", 4).Message, StringComparison.Ordinal);
        Assert.Contains("the tensors cover 4 bytes but the data buffer holds 6",
            RejectsFile($"{{{A}[0,4]}}}}", 6).Message, StringComparison.Ordinal);
        Assert.Contains("cover 0 bytes but the data buffer holds 2", RejectsFile("{}", 2).Message, StringComparison.Ordinal);
        // Listed out of order but contiguous once sorted: fine.
        var ok = ReadBytes(Build($"{{{B}[4,8]}},{A}[0,4]}}}}", new byte[8]));
        Assert.Equal(["b", "a"], ok.Tensors.Select(t => t.Name));
    }

    [Fact]
    public void Accepts_empty_files_zero_sized_tensors_and_null_metadata()
    {
        Assert.Empty(ReadBytes(Build("{}", [])).Tensors);
        Assert.Empty(ReadBytes(Build("{\"__metadata__\":null}  ", [])).Metadata);
        var file = ReadBytes(Build("{\"e\":{\"dtype\":\"F64\",\"shape\":[0,3],\"data_offsets\":[0,0]},\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}",
            BitConverter.GetBytes(2.5)));
        Assert.Empty(file.Find("e")!.Data);
        Assert.Equal([0, 3], file.Find("e")!.Shape);
        Assert.Equal([2.5], file.Find("s")!.Data);
    }

    [Fact]
    public void Rejects_a_header_that_is_not_utf8()
    {
        byte[] bytes = Build("{\"a\":{}}", []);
        bytes[10] = 0xFF;
        Assert.Contains("the header is not valid UTF-8", Rejects(() => ReadBytes(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => SafeTensors.Read(Path.Combine(Path.GetTempPath(), "no-such-fastreg-file.safetensors")));
    }
}

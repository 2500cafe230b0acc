using System.IO.Compression;
using System.Text;
using FastReg.IO;

namespace FastReg.Tests.IO;

/// <summary>
/// Strict gzip: a damaged, truncated or extended stream is an error, never fewer rows; the decompressed size is
/// bounded; invalid UTF-8 inside is reported on its own line, as in a plain CSV.
/// </summary>
public class GzipInputTests
{
    private static readonly byte[] Text = Encoding.ASCII.GetBytes("a,b\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},{2 * i}\n")));

    private static byte[] Gzip(byte[] data)
    {
        var memory = new MemoryStream();
        using (var gz = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        return memory.ToArray();
    }

    public static TheoryData<string> Damage => ["truncated", "no trailer", "half a trailer", "wrong crc", "wrong length", "trailing garbage", "trailing zeros", "two members", "not gzip"];

    private static byte[] Damaged(string how)
    {
        byte[] g = Gzip(Text);
        byte[] copy = (byte[])g.Clone();
        switch (how)
        {
            case "truncated": return g[..(g.Length / 2)];
            case "no trailer": return g[..^8];
            case "half a trailer": return g[..^3];
            case "wrong crc": copy[^8] ^= 1; return copy;
            case "wrong length": copy[^1] ^= 1; return copy;
            case "trailing garbage": return [.. g, .. "garbage"u8.ToArray()];
            case "trailing zeros": return [.. g, .. new byte[10]];
            case "two members": return [.. g, .. g];
            default: return Text;
        }
    }

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_damaged_stream_is_a_data_format_error_not_fewer_rows(string how)
    {
        using var dir = new TempDirectory();
        string path = dir.File("data.csv.gz");
        File.WriteAllBytes(path, Damaged(how));
        var e = Assert.Throws<DataFormatException>(() =>
        {
            using Stream s = GzipInput.OpenRead(path);
            Csv.Read(s, path);
        });
        Assert.Equal(path, e.Source);
    }

    [Fact]
    public void An_intact_stream_reads_every_row_and_the_size_limit_is_enforced()
    {
        using var dir = new TempDirectory();
        string path = dir.File("data.csv.gz");
        File.WriteAllBytes(path, Gzip(Text));
        using (Stream s = GzipInput.OpenRead(path)) Assert.Equal(5000, Csv.Read(s, path).Rows);
        var e = Assert.Throws<DataFormatException>(() =>
        {
            using Stream s = GzipInput.OpenRead(path, maxBytes: Text.Length - 1);
            Csv.Read(s, path);
        });
        Assert.Contains("decompresses to more than", e.Message, StringComparison.Ordinal);
        using (Stream s = GzipInput.OpenRead(path, maxBytes: Text.Length)) Assert.Equal(5000, Csv.Read(s, path).Rows);
    }

    [Fact]
    public void A_small_bomb_stops_at_the_limit()
    {
        using var dir = new TempDirectory();
        string path = dir.File("bomb.csv.gz");
        var memory = new MemoryStream();
        using (var gz = new GZipStream(memory, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write("a,b\n"u8);
            var zeros = new byte[1 << 20];
            Array.Fill(zeros, (byte)'0');
            for (int i = 0; i < 64; i++) gz.Write(zeros); // 64 MiB in about 64 KiB
        }
        File.WriteAllBytes(path, memory.ToArray());
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() =>
        {
            using Stream s = GzipInput.OpenRead(path, maxBytes: 4 << 20);
            Csv.Read(s, path);
        });
        Assert.True(e.Message.Contains("decompresses to more than", StringComparison.Ordinal) || e.Message.Contains("longer than", StringComparison.Ordinal), e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L << 20, "the bomb was inflated past the limit");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Invalid_utf8_is_reported_on_the_line_of_the_bad_byte(bool compressed)
    {
        using var dir = new TempDirectory();
        byte[] text = Encoding.ASCII.GetBytes("a,b\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"{i},{i}\n")));
        int line1502 = Encoding.ASCII.GetBytes("a,b\n" + string.Concat(Enumerable.Range(0, 1500).Select(i => $"{i},{i}\n"))).Length;
        byte[] bad = [.. text[..line1502], 0xFF, .. text[line1502..]];
        string path = dir.File(compressed ? "bad.csv.gz" : "bad.csv");
        File.WriteAllBytes(path, compressed ? Gzip(bad) : bad);
        var e = Assert.Throws<DataFormatException>(() =>
        {
            if (!compressed)
            {
                Csv.Read(path);
                return;
            }
            using Stream s = GzipInput.OpenRead(path);
            Csv.Read(s, path);
        });
        Assert.Equal(1502, e.Line);
        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replacement_character_in_valid_text_is_text()
    {
        using var dir = new TempDirectory();
        string path = dir.File("ok.csv");
        File.WriteAllText(path, "name,x\n\uFFFD,1\nb,2\n", new UTF8Encoding(false));
        Assert.Equal("\uFFFD", Csv.Read(path).TextColumn("name")[0]);
    }
}

using System.IO.Compression;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.IO.Fuzzing;

/// <summary>
/// .csv.gz fuzz inputs: the CSV generator's tables compressed, then mutated blindly or cut and extended where gzip
/// is fragile: truncated anywhere, the trailer cut, changed or missing, bytes or a second member appended, a stored
/// length that lies, and small bombs that expand past the campaign's decompression limit.
/// </summary>
internal static class GzipFuzz
{
    /// <summary>The decompression limit the campaign reads with: small, so that bombs reach it quickly.</summary>
    public const long MaxBytes = 64 * 1024;

    public static Gen<FuzzInput> Inputs =>
        from input in Gen.Frequency(
            (3, Compressed.SelectMany(ByteMutations.Mutated)),
            (4, Compressed.SelectMany(Lie)),
            (2, Compressed),
            (1, Gen.Choose(0, 2).Select(Bomb)))
        from nonSeekable in Gen.Frequency((15, Gen.Constant(false)), (1, Gen.Constant(true)))
        select input with { NonSeekable = nonSeekable };

    private static Gen<FuzzInput> Compressed =>
        from csv in Gen.Frequency((1, CsvFuzz.Valid), (1, CsvFuzz.Troubled))
        from level in Gen.Elements(CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.NoCompression)
        select new FuzzInput($"gzip {level} of ({csv.Recipe})", Gzip(csv.Bytes, level));

    private static Gen<FuzzInput> Lie(FuzzInput x) => Gen.Frequency(
        (3, Gen.Choose(0, Math.Max(0, x.Bytes.Length - 1)).Select(p => x.Then($"cut at {p}", x.Bytes[..p]))),
        (2, Gen.Choose(1, 8).Select(n => x.Then($"drop {n} trailer bytes", x.Bytes[..^n]))),
        (2, Gen.Choose(1, 32).SelectMany(n => Gen.ArrayOf(ByteMutations.Byte, n)).Select(b => x.Then($"append {Convert.ToHexString(b)}", [.. x.Bytes, .. b]))),
        (1, Gen.Constant(x.Then("append a second member", [.. x.Bytes, .. x.Bytes]))),
        (1, Gen.Constant(x.Then("append an empty member", [.. x.Bytes, .. Gzip([], CompressionLevel.Fastest)]))),
        (2, Gen.Choose(0, 7).Select(i => Flip(x, x.Bytes.Length - 8 + i))),
        (1, Gen.Choose(3, 9).Select(i => Flip(x, i)))); // flags, mtime, xfl, os

    private static FuzzInput Flip(FuzzInput x, int at)
    {
        byte[] copy = (byte[])x.Bytes.Clone();
        if (at >= 0 && at < copy.Length) copy[at] ^= 0x5A;
        return x.Then($"flip byte {at}", copy);
    }

    // A header then zeros: tiny compressed, far over the limit decompressed.
    private static FuzzInput Bomb(int kind)
    {
        var text = new byte[kind switch { 0 => 200_000, 1 => 2_000_000, _ => (int)MaxBytes }];
        Array.Fill(text, (byte)(kind == 2 ? '1' : '0'));
        "a\n"u8.CopyTo(text);
        if (kind == 2) text[^1] = (byte)'\n';
        return new FuzzInput($"gzip bomb of {text.Length} bytes", Gzip(text, CompressionLevel.SmallestSize));
    }

    private static byte[] Gzip(byte[] data, CompressionLevel level)
    {
        var memory = new MemoryStream();
        using (var gz = new GZipStream(memory, level, leaveOpen: true)) gz.Write(data);
        return memory.ToArray();
    }
}

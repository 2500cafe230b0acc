using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.IO.Fuzzing;

/// <summary>
/// Format-blind mutations of a file: truncation, bit flips, inserted, deleted and duplicated bytes, and
/// little-endian integers that sit on size boundaries (0, 2^31, 2^40, 2^63, all ones) written over any position.
/// </summary>
internal static class ByteMutations
{
    // Values that break size arithmetic: sign bits, widths of the length fields, and the classic 2^40 lie.
    private static readonly ulong[] Boundaries =
    [
        0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
        1UL << 32, 1UL << 40, 1UL << 62, long.MaxValue, 1UL << 63, ulong.MaxValue,
    ];

    /// <summary>One to four mutations stacked on <paramref name="seed"/>.</summary>
    public static Gen<FuzzInput> Mutated(FuzzInput seed) => Gen.Choose(1, 4).SelectMany(n => Stack(seed, n));

    /// <summary>A single mutation of <paramref name="x"/>.</summary>
    public static Gen<FuzzInput> One(FuzzInput x) => x.Bytes.Length == 0
        ? Insert(x)
        : Gen.Frequency(
            (3, Truncate(x)),
            (4, FlipBits(x)),
            (2, Insert(x)),
            (2, Delete(x)),
            (3, OverwriteBoundary(x)),
            (1, Duplicate(x)));

    /// <summary>A byte, biased towards the ones parsers treat specially.</summary>
    public static Gen<byte> Byte => Gen.Frequency(
        (3, Gen.Choose(0, 255).Select(b => (byte)b)),
        (2, Gen.Elements<byte>(0x00, 0xFF, 0x80, 0xC0, 0xED, 0xEF, 0xBB, 0xBF, 0xFE, (byte)'"', (byte)'\'', (byte)',', (byte)'\n',
            (byte)'\r', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)'(', (byte)')', (byte)':', (byte)'\\', (byte)'-', (byte)'9')));

    private static Gen<FuzzInput> Stack(FuzzInput x, int n) => n == 0 ? Gen.Constant(x) : One(x).SelectMany(y => Stack(y, n - 1));

    private static Gen<FuzzInput> Truncate(FuzzInput x) =>
        Gen.Choose(0, x.Bytes.Length - 1).Select(p => x.Then($"truncate to {p}", x.Bytes[..p]));

    private static Gen<FuzzInput> FlipBits(FuzzInput x) =>
        Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, x.Bytes.Length * 8 - 1), n)).Select(bits =>
        {
            byte[] copy = (byte[])x.Bytes.Clone();
            foreach (int bit in bits) copy[bit / 8] ^= (byte)(1 << (bit % 8));
            return x.Then($"flip bits {string.Join(",", bits)}", copy);
        });

    private static Gen<FuzzInput> Insert(FuzzInput x) =>
        from at in Gen.Choose(0, x.Bytes.Length)
        from n in Gen.Choose(1, 16)
        from bytes in Gen.ArrayOf(Byte, n)
        select x.Then($"insert {Convert.ToHexString(bytes)} at {at}", [.. x.Bytes.AsSpan(0, at), .. bytes, .. x.Bytes.AsSpan(at)]);

    private static Gen<FuzzInput> Delete(FuzzInput x) =>
        from at in Gen.Choose(0, x.Bytes.Length - 1)
        from n in Gen.Choose(1, Math.Min(16, x.Bytes.Length - at))
        select x.Then($"delete {n} at {at}", [.. x.Bytes.AsSpan(0, at), .. x.Bytes.AsSpan(at + n)]);

    private static Gen<FuzzInput> OverwriteBoundary(FuzzInput x) =>
        from width in Gen.Elements(1, 2, 4, 8)
        from value in Gen.Elements(Boundaries)
        from at in Gen.Choose(0, x.Bytes.Length - 1)
        select Overwrite(x, at, width, value);

    private static FuzzInput Overwrite(FuzzInput x, int at, int width, ulong value)
    {
        Span<byte> le = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(le, value);
        byte[] copy = (byte[])x.Bytes.Clone();
        int n = Math.Min(width, copy.Length - at);
        le[..n].CopyTo(copy.AsSpan(at));
        return x.Then($"write {value} as {width} bytes at {at}", copy);
    }

    private static Gen<FuzzInput> Duplicate(FuzzInput x) =>
        from from_ in Gen.Choose(0, x.Bytes.Length - 1)
        from n in Gen.Choose(1, Math.Min(64, x.Bytes.Length - from_))
        from to in Gen.Choose(0, x.Bytes.Length)
        select x.Then($"copy {n} bytes from {from_} to {to}",
            [.. x.Bytes.AsSpan(0, to), .. x.Bytes.AsSpan(from_, n), .. x.Bytes.AsSpan(to)]);
}

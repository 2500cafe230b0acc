using System.Security.Cryptography;

namespace FastReg.Tests.IO.Fuzzing;

/// <summary>
/// One fuzz case: the bytes handed to a reader and the recipe that made them. Its text form (what FsCheck prints
/// for a failing case) carries the bytes as base64, or the path of a file holding them when they are large,
/// so a failure can be replayed with <c>Convert.FromBase64String</c> or <c>File.ReadAllBytes</c>.
/// </summary>
/// <param name="Recipe">The generator steps, for example <c>npy lie: shape (-1,) | flip bit 93</c>.</param>
/// <param name="Bytes">The file content.</param>
/// <param name="NonSeekable">Read through a stream that cannot seek, so the reader buffers it first.</param>
internal sealed record FuzzInput(string Recipe, byte[] Bytes, bool NonSeekable = false)
{
    private const int InlineLimit = 16 * 1024;

    /// <summary>Applies one more step to the bytes, extending the recipe.</summary>
    public FuzzInput Then(string step, byte[] bytes) => this with { Recipe = $"{Recipe} | {step}", Bytes = bytes };

    public override string ToString()
    {
        string how = NonSeekable ? "non-seekable stream" : "seekable stream";
        if (Bytes.Length <= InlineLimit) return $"{Recipe} ({Bytes.Length} bytes, {how}) base64:{Convert.ToBase64String(Bytes)}";
        // Megabyte inputs would swamp the test log; keep them next to it instead.
        string file = Path.Combine(Path.GetTempPath(), $"fastreg-fuzz-{Convert.ToHexStringLower(SHA256.HashData(Bytes))[..16]}.bin");
        File.WriteAllBytes(file, Bytes);
        return $"{Recipe} ({Bytes.Length} bytes, {how}) saved to {file}";
    }
}

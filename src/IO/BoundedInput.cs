namespace FastReg.IO;

/// <summary>
/// Stream helpers for the binary readers: every size a file declares is checked against the bytes really
/// present before anything that size is allocated, and short reads become <see cref="DataFormatException"/>.
/// </summary>
internal static class BoundedInput
{
    /// <summary>Bytes left between the stream's position and its end.</summary>
    public static long Remaining(Stream stream) => Math.Max(0, stream.Length - stream.Position);

    /// <summary>Fills <paramref name="buffer"/> or throws a <see cref="DataFormatException"/> naming what was cut short.</summary>
    public static void ReadExactly(Stream stream, Span<byte> buffer, string source, string what)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
            throw new DataFormatException($"file ends inside the {what} ({read} of {buffer.Length} bytes present)", source);
    }
}

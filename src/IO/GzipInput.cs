using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace FastReg.IO;

/// <summary>
/// Reads a gzip file strictly: the decompressed bytes must match the CRC-32 and length in the file's last eight
/// bytes, so a truncated stream, a missing or wrong trailer, or bytes appended after it are errors rather than a
/// silently shorter file; and the decompressed size is bounded, so a small file cannot expand without limit (a
/// gzip bomb). Several gzip members joined together are read as one stream by .NET, but only the last member's
/// trailer is at the end of the file, so such a file is refused: recompress it as one member.
/// </summary>
public static class GzipInput
{
    /// <summary>The default bound on the decompressed size: 1 GiB.</summary>
    public const long DefaultMaxBytes = 1L << 30;

    /// <summary>Opens <paramref name="path"/> for reading its decompressed content.</summary>
    /// <param name="path">A gzip file (not a pipe: the trailer is read from the end first).</param>
    /// <param name="maxBytes">The most decompressed bytes accepted.</param>
    /// <exception cref="DataFormatException">Not a gzip file (at once), or, while reading, corrupt, truncated, trailing bytes, or over <paramref name="maxBytes"/>.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static Stream OpenRead(string path, long maxBytes = DefaultMaxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        try
        {
            return OpenRead(file, path, maxBytes);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads the decompressed content of the gzip bytes in <paramref name="file"/>, which it takes over (disposing it with the result).</summary>
    /// <param name="file">A seekable stream positioned at the gzip data's start.</param>
    /// <param name="sourceName">Names the input in errors.</param>
    /// <param name="maxBytes">The most decompressed bytes accepted.</param>
    /// <exception cref="DataFormatException">The stream cannot seek or is not gzip (at once), or, while reading, corrupt, truncated, extended, or over <paramref name="maxBytes"/>.</exception>
    public static Stream OpenRead(Stream file, string sourceName, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (!file.CanSeek) throw new DataFormatException("a gzip input must be a file, not a pipe (its trailer is read first)", sourceName);
        long start = file.Position;
        Span<byte> head = stackalloc byte[3];
        Span<byte> tail = stackalloc byte[8];
        // 10-byte header, at least 2 bytes of deflate data, 8-byte trailer.
        if (file.Length - start < 20 || file.Read(head) != 3 || head[0] != 0x1f || head[1] != 0x8b || head[2] != 8)
            throw new DataFormatException("not a gzip file (it does not start with the gzip magic bytes 1f 8b 08)", sourceName);
        file.Position = file.Length - 8;
        file.ReadExactly(tail);
        file.Position = start;
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(tail), length = BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        return new CheckedStream(new GZipStream(file, CompressionMode.Decompress), sourceName, maxBytes, crc, length);
    }

    /// <summary>Counts and checksums what the decompressor delivers and checks both against the trailer at the end.</summary>
    private sealed class CheckedStream(GZipStream inner, string source, long maxBytes, uint expectedCrc, uint expectedLength) : Stream
    {
        private uint _crc = 0xFFFFFFFF;
        private long _count;
        private bool _checked;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try
            {
                n = inner.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException("the gzip data is corrupt (a damaged block or a CRC-32 that does not match)", source, inner: e);
            }
            if (n == 0)
            {
                if (!_checked && (~_crc != expectedCrc || (uint)_count != expectedLength))
                    throw new DataFormatException(string.Create(CultureInfo.InvariantCulture,
                        $"the gzip stream does not end with its own trailer ({_count:N0} bytes decompressed; the last 8 bytes say {expectedLength:N0}, or their CRC-32 differs): the file is truncated, has bytes after the end, or joins several gzip members"), source);
                _checked = true;
                return 0;
            }
            _count += n;
            if (_count > maxBytes)
                throw new DataFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"decompresses to more than {maxBytes:N0} bytes, the limit (FASTREG_GZIP_LIMIT raises it)"), source);
            _crc = Crc32.Update(_crc, buffer[..n]);
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

using System.Buffers.Binary;

namespace FastReg.IO;

/// <summary>
/// Reads a binary file from a stream that cannot seek (a pipe, process substitution) only as far as its own
/// headers say: the preamble, the header it declares (within the format's limit), then the data the header
/// declares, and one byte more to confirm the stream ends there. What is read is collected in memory, growing
/// with the bytes really delivered, so a header that lies about its sizes costs no more than the stream gives,
/// and a stream that never ends is refused after the declared end rather than buffered without limit. The
/// result is then read like a file; where the stream is cut short the collected prefix is returned, and the
/// file reader names the truncation.
/// </summary>
internal static class PipeInput
{
    private const int ChunkBytes = 64 * 1024;

    // A declared size is trusted for preallocation only up to this; beyond it the buffer doubles as bytes arrive.
    private const int MaxPreallocation = 64 * 1024;

    /// <summary>The .npy preamble, header and data, as a seekable stream.</summary>
    public static MemoryStream Npy(Stream pipe, string source)
    {
        var copy = new MemoryStream();
        if (!Take(pipe, copy, 8)) return Rewound(copy);
        byte major = copy.GetBuffer()[6];
        if (major is not (1 or 2 or 3)) return Rewound(copy);
        int lengthBytes = major == 1 ? 2 : 4;
        if (!Take(pipe, copy, lengthBytes)) return Rewound(copy);
        ReadOnlySpan<byte> length = copy.GetBuffer().AsSpan(8, lengthBytes);
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(length) : BinaryPrimitives.ReadUInt32LittleEndian(length);
        if (headerLength > NpyHeader.MaxHeaderBytes)
            throw new DataFormatException($"header of {headerLength} bytes is larger than the {NpyHeader.MaxHeaderBytes}-byte limit", source);
        if (!Take(pipe, copy, headerLength)) return Rewound(copy);

        copy.Position = 0;
        NpyHeader header = NpyHeader.Read(copy, source);
        long count = 1;
        foreach (int d in header.Shape)
        {
            if (d != 0 && count > long.MaxValue / d) return Rewound(copy); // the file reader names the overflow
            count *= d;
        }
        int size = NpyDescr.Size(header.Type);
        if (count > long.MaxValue / size) return Rewound(copy);
        copy.Position = copy.Length;
        if (!Take(pipe, copy, count * size)) return Rewound(copy);
        RefuseMore(pipe, count * size, source);
        return Rewound(copy);
    }

    /// <summary>The safetensors header size, header and data buffer, as a seekable stream.</summary>
    public static MemoryStream SafeTensors(Stream pipe, string source)
    {
        var copy = new MemoryStream();
        if (!Take(pipe, copy, 8)) return Rewound(copy);
        ulong headerSize = BinaryPrimitives.ReadUInt64LittleEndian(copy.GetBuffer().AsSpan(0, 8));
        if (headerSize > SafeTensorsHeader.MaxHeaderBytes) return Rewound(copy); // the file reader refuses it by the limit
        if (!Take(pipe, copy, (long)headerSize)) return Rewound(copy);
        SafeTensorsHeader header = SafeTensorsHeader.Parse(copy.GetBuffer().AsMemory(8, (int)headerSize), bufferLength: null, source);
        long data = header.DataLength;
        if (!Take(pipe, copy, data)) return Rewound(copy);
        RefuseMore(pipe, data, source);
        return Rewound(copy);
    }

    /// <summary>Appends up to <paramref name="bytes"/> bytes from <paramref name="pipe"/>; false when it ends first.</summary>
    private static bool Take(Stream pipe, MemoryStream copy, long bytes)
    {
        // A MemoryStream holds at most 2 GiB; a declared size beyond that is read until that, then refused as too large by the file reader.
        bytes = Math.Min(bytes, Array.MaxLength - copy.Length);
        long target = copy.Length + bytes;
        if (copy.Capacity < target) copy.Capacity = (int)Math.Min(copy.Length + Math.Min(bytes, MaxPreallocation), Array.MaxLength);
        var chunk = new byte[(int)Math.Min(ChunkBytes, Math.Max(bytes, 1))];
        while (copy.Length < target)
        {
            int n = pipe.Read(chunk, 0, (int)Math.Min(chunk.Length, target - copy.Length));
            if (n == 0) return false;
            copy.Write(chunk, 0, n);
        }
        return true;
    }

    private static void RefuseMore(Stream pipe, long dataBytes, string source)
    {
        if (pipe.ReadByte() >= 0)
            throw new DataFormatException(
                $"unexpected bytes after the {dataBytes} bytes of data the header declares (a stream that cannot seek is read only that far)", source);
    }

    private static MemoryStream Rewound(MemoryStream copy)
    {
        copy.Position = 0;
        return copy;
    }
}

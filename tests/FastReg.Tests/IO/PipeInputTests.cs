using System.Buffers.Binary;
using System.Text;
using FastReg.IO;
using FastReg.Tests.Support;
using static FastReg.Tests.IO.IoTestSupport;

namespace FastReg.Tests.IO;

/// <summary>
/// .npy and safetensors from streams that cannot seek (issue 13): read only as far as the headers say (plus one byte
/// to see the end), a lying header costs no more memory than the stream delivers, and an endless stream is refused.
/// The FIFOs are made in a temp folder, never under /dev.
/// </summary>
public class PipeInputTests
{
    /// <summary>A pipe-like stream: its bytes, then (if asked) 64 MiB of zeros, as good as endless here; counts what the reader took.</summary>
    private sealed class CountingPipe(byte[] bytes, bool endless = false) : Stream
    {
        public long Delivered { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            if (Delivered < bytes.Length)
            {
                n = (int)Math.Min(buffer.Length, bytes.Length - Delivered);
                bytes.AsSpan((int)Delivered, n).CopyTo(buffer);
            }
            else if (endless && Delivered < bytes.Length + (64L << 20))
            {
                n = (int)Math.Min(buffer.Length, bytes.Length + (64L << 20) - Delivered);
                buffer.Clear();
            }
            else n = 0;
            Delivered += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static byte[] NpyBytes(int n)
    {
        using var dir = new TempDirectory();
        string path = dir.File("a.npy");
        Npy.Write(path, Enumerable.Range(0, n).Select(i => i * 0.5).ToArray(), [n], NpyType.Float64);
        return File.ReadAllBytes(path);
    }

    private static byte[] SafeTensorsBytes(int n)
    {
        using var dir = new TempDirectory();
        string path = dir.File("a.safetensors");
        SafeTensors.Write(path, [new NamedTensor("w", TensorType.F64, [n], Enumerable.Range(0, n).Select(i => (double)i).ToArray())]);
        return File.ReadAllBytes(path);
    }

    private static byte[] SafeTensorsWithHeader(string json, int dataBytes)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        return bytes;
    }

    [Fact]
    public void A_valid_file_through_a_pipe_is_read_taking_only_its_bytes_and_one_more()
    {
        byte[] npy = NpyBytes(1000);
        var pipe = new CountingPipe(npy);
        Assert.Equal(499.5, Npy.Read(pipe, "pipe.npy").Data[999]);
        Assert.Equal(npy.Length, pipe.Delivered); // the one byte more found the end

        byte[] st = SafeTensorsBytes(1000);
        var stPipe = new CountingPipe(st);
        Assert.Equal(999, SafeTensors.Read(stPipe, "pipe.safetensors").Find("w")!.Data[999]);
        Assert.Equal(st.Length, stPipe.Delivered);
    }

    [Fact]
    public void An_endless_stream_after_the_declared_data_is_refused_after_one_byte()
    {
        byte[] npy = NpyBytes(100);
        var pipe = new CountingPipe(npy, endless: true);
        var e = Rejects(() => Npy.Read(pipe, "pipe.npy"));
        Assert.Contains("unexpected bytes after the 800 bytes of data the header declares", e.Message, StringComparison.Ordinal);
        Assert.Equal(npy.Length + 1, pipe.Delivered);

        byte[] st = SafeTensorsBytes(100);
        var stPipe = new CountingPipe(st, endless: true);
        Assert.Contains("unexpected bytes after the 800 bytes", Rejects(() => SafeTensors.Read(stPipe, "pipe.safetensors")).Message, StringComparison.Ordinal);
        Assert.Equal(st.Length + 1, stPipe.Delivered);
    }

    [Fact]
    public void Headers_claiming_absurd_sizes_through_a_pipe_allocate_only_what_arrives()
    {
        // 2^40 float64 elements declared, 8 bytes delivered; a 4 GiB .npy header; a 100 MB safetensors header; a
        // safetensors tensor of 2^37 bytes: each is refused with well under 1 MiB allocated.
        byte[] npyHuge = NpyTests.File10("{'descr': '<f8', 'fortran_order': False, 'shape': (1048576, 1048576), }", new byte[8]);
        byte[] npyHeader = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0, 0xFF, 0xFF, 0xFF, 0xFF, .. new byte[8]];
        byte[] stHeader = new byte[20];
        BinaryPrimitives.WriteUInt64LittleEndian(stHeader, 100_000_000);
        byte[] stTensor = SafeTensorsWithHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[16,1073741824],\"data_offsets\":[0,137438953472]}}", 8);
        (byte[] Bytes, bool Npy, string Detail)[] cases =
        [
            (npyHuge, true, "truncated data"),
            (npyHeader, true, "larger than the 1048576-byte limit"),
            (stHeader, false, "is larger than the 12 bytes after it"),
            (stTensor, false, "run past the end of the 8-byte data buffer"),
        ];
        foreach ((byte[] bytes, bool npy, string detail) in cases)
        {
            void Read()
            {
                if (npy) Npy.Read(new CountingPipe(bytes), "pipe");
                else SafeTensors.Read(new CountingPipe(bytes), "pipe");
            }
            Rejects(Read); // warm up
            (long allocated, string message) = DedicatedThread.Run(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                string m = Rejects(Read).Message;
                return (GC.GetAllocatedBytesForCurrentThread() - before, m);
            });
            Assert.Contains(detail, message, StringComparison.Ordinal);
            Assert.True(allocated < 1 << 20, $"{detail}: allocated {allocated:N0} bytes");
        }
    }

    [Fact]
    public async Task A_fifo_in_a_temp_folder_is_read_by_path()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDirectory();
        foreach ((string name, byte[] bytes) in new[] { ("x.npy", NpyBytes(5000)), ("w.safetensors", SafeTensorsBytes(5000)) })
        {
            string fifo = dir.File(name);
            Assert.Equal(0, ChildProcess.Run("mkfifo", [fifo], dir.Path).ExitCode);
            // The writer blocks until the reader opens the FIFO; it ends when the reader closes it.
            var writer = Task.Run(() =>
            {
                using var w = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                w.Write(bytes);
            });
            if (name.EndsWith(".npy", StringComparison.Ordinal)) Assert.Equal(2499.5, Npy.Read(fifo).Data[4999]);
            else Assert.Equal(4999, SafeTensors.Read(fifo).Find("w")!.Data[4999]);
            await writer.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }
}

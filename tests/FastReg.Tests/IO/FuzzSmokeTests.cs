using System.Text;
using FastReg.IO;
using static FastReg.Tests.IO.IoTestSupport;

namespace FastReg.Tests.IO;

/// <summary>
/// Every truncation and a few hundred random bit flips of valid files: a reader may succeed or throw
/// <see cref="DataFormatException"/>, nothing else.
/// </summary>
public class FuzzSmokeTests
{
    // FASTREG_IO_FUZZ_FLIPS raises the count for a longer local run.
    private static readonly int Flips = int.TryParse(Environment.GetEnvironmentVariable("FASTREG_IO_FUZZ_FLIPS"), out int n) ? n : 300;

    public static TheoryData<string> BinaryFixtures => new()
    {
        "f4_3x4.npy", "f8_big_endian.npy", "f8_fortran_2x3x4.npy", "v2_f8_2x2.npy", "b1_3.npy", "scalar_f8.npy", "mlp_3_4_2.safetensors",
    };

    [Theory]
    [MemberData(nameof(BinaryFixtures))]
    public void Binary_readers_only_throw_DataFormatException(string fixture)
    {
        byte[] valid = File.ReadAllBytes(Fixture(fixture));
        Action<byte[]> read = fixture.EndsWith(".npy", StringComparison.Ordinal)
            ? b => Npy.Read(Stream(b), "fuzz")
            : b => SafeTensors.Read(Stream(b), "fuzz");
        Fuzz(valid, read);
    }

    [Fact]
    public void Csv_reader_only_throws_DataFormatException()
    {
        byte[] valid = Encoding.UTF8.GetBytes("\uFEFFname,\"x,1\",y\r\n\"a\"\"b\",2.5,1\n\"multi\nline\",-1e-3,\"2\"\nü,4,5E+3\n\n");
        Fuzz(valid, b =>
        {
            var t = Csv.Read(Stream(b), "fuzz");
            t.TextColumn(t.Columns[0]);
            t.NumericMatrix(t.Columns.Where(c => c != "name").ToList());
        });
    }

    private static void Fuzz(byte[] valid, Action<byte[]> read)
    {
        read(valid);
        for (int n = 0; n < valid.Length; n++) Survives(valid[..n], read, $"truncated to {n} bytes");
        var rng = new Random(12345 + Flips);
        for (int i = 0; i < Flips; i++)
        {
            byte[] copy = (byte[])valid.Clone();
            int flips = 1 + rng.Next(3);
            var where = new List<string>();
            for (int k = 0; k < flips; k++)
            {
                int bit = rng.Next(copy.Length * 8);
                copy[bit / 8] ^= (byte)(1 << (bit % 8));
                where.Add($"bit {bit}");
            }
            Survives(copy, read, string.Join(", ", where) + " flipped");
        }
    }

    private static void Survives(byte[] bytes, Action<byte[]> read, string what)
    {
        try
        {
            read(bytes);
        }
        catch (DataFormatException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}");
        }
    }
}

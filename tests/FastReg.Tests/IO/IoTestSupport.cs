using System.Text;
using FastReg.IO;

namespace FastReg.Tests.IO;

/// <summary>Fixture paths, temporary directories and value comparisons shared by the IO tests.</summary>
internal static class IoTestSupport
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "IO", "fixtures", name);

    /// <summary>Same double, telling -0 from +0; any NaN equals any NaN.</summary>
    public static bool Same(double a, double b) =>
        double.IsNaN(a) ? double.IsNaN(b) : BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    public static bool Same(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (!Same(a[i], b[i])) return false;
        }
        return true;
    }

    public static DataFormatException Rejects(Action read) => Assert.Throws<DataFormatException>(read);

    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    public static MemoryStream Stream(byte[] bytes) => new(bytes, writable: false);
}

/// <summary>A fresh directory under the temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fastreg-io-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using System.IO.Compression;
using System.Text;

namespace FastReg.Tests.Cli;

/// <summary>Inputs the CLI reads past what the IO readers check: .csv.gz streams, bytes that are not UTF-8, values too large for float32.</summary>
public class CliInputTests
{
    private static readonly string[] Quick = ["--hidden", "4", "--epochs", "1"];

    private static byte[] Gzip(byte[] data)
    {
        var memory = new MemoryStream();
        using (var gz = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        return memory.ToArray();
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("trailing garbage")]
    public void A_damaged_csv_gz_is_one_error_line_not_fewer_rows(string how)
    {
        using var cli = new CliRunner();
        byte[] csv = File.ReadAllBytes(cli.ClassificationCsv(rows: 2000));
        byte[] gz = Gzip(csv);
        byte[] bad = how == "truncated" ? gz[..(gz.Length * 2 / 3)] : [.. gz, .. "junk"u8.ToArray()];
        string path = cli.PathOf("data.csv.gz");
        File.WriteAllBytes(path, bad);
        cli.Run(["train", path, .. Quick]).AssertOneLineError("the gzip stream does not end with its own trailer");
        File.WriteAllBytes(path, gz);
        Assert.Equal(0, cli.Run(["train", path, .. Quick]).ExitCode);
    }

    [Theory]
    [InlineData("data.csv")]
    [InlineData("data.csv.gz")]
    public void A_bad_byte_deep_in_the_file_is_named_by_its_own_line(string name)
    {
        using var cli = new CliRunner();
        byte[] csv = File.ReadAllBytes(cli.ClassificationCsv(rows: 3000));
        int at = 0;
        for (int line = 1; line < 1502; line++) at = Array.IndexOf(csv, (byte)'\n', at) + 1;
        byte[] bad = [.. csv[..at], 0xC3, 0x28, .. csv[at..]]; // a cut two-byte sequence at the start of line 1502
        string path = cli.PathOf(name);
        File.WriteAllBytes(path, name.EndsWith(".gz", StringComparison.Ordinal) ? Gzip(bad) : bad);
        cli.Run(["train", path, .. Quick]).AssertOneLineError("line 1502: text is not valid UTF-8");
    }

    [Fact]
    public void A_value_finite_in_double_but_not_in_float32_is_named_by_file_line_and_column()
    {
        using var cli = new CliRunner();
        string path = cli.Write("big.csv", "a,b,y\n1,2,3\n4,1e39,5\n7,8,9\n1,1,1\n");
        // Standardized (the default), 1e39 becomes a small number; as it is, it does not fit float32.
        Assert.Equal(0, cli.Run(["train", path, .. Quick, "--valid-fraction", "0"]).ExitCode);
        CliRun run = cli.Run(["train", path, .. Quick, "--valid-fraction", "0", "--no-standardize"]);
        run.AssertOneLineError($"{path}, line 3, column 'b'");
        Assert.Contains("does not fit in float32", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, cli.Run(["train", path, .. Quick, "--valid-fraction", "0", "--dtype", "f64"]).ExitCode);
        Assert.Contains("'y'", cli.Run(["train", cli.Write("bigy.csv", "a,y\n1,0.5\n4,-1e39\n7,9.25\n"), .. Quick, "--valid-fraction", "0", "--no-standardize"]).Error, StringComparison.Ordinal);
    }
}

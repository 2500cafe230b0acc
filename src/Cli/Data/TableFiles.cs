using System.Globalization;
using FastReg.IO;

namespace FastReg.Cli.Data;

/// <summary>Opens CSV files, gzip-compressed (.csv.gz) or not.</summary>
internal static class TableFiles
{
    /// <summary>Environment variable that overrides <see cref="GzipInput.DefaultMaxBytes"/> (bytes).</summary>
    public const string GzipLimitVariable = "FASTREG_GZIP_LIMIT";

    public static CsvTable ReadCsv(string path, CsvOptions? options = null)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return Csv.Read(path, options);
        using Stream text = GzipInput.OpenRead(path, GzipLimit());
        return Csv.Read(text, path, options);
    }

    private static long GzipLimit()
    {
        string? value = Environment.GetEnvironmentVariable(GzipLimitVariable);
        if (value is null) return GzipInput.DefaultMaxBytes;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) && bytes > 0) return bytes;
        throw new CliException($"{GzipLimitVariable} must be a positive number of bytes (got '{value}').");
    }
}

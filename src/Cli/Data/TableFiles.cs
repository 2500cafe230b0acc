using System.IO.Compression;
using FastReg.IO;

namespace FastReg.Cli.Data;

/// <summary>Opens CSV files, gzip-compressed (.csv.gz) or not.</summary>
internal static class TableFiles
{
    public static CsvTable ReadCsv(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return Csv.Read(path);
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        try
        {
            return Csv.Read(reader, path);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException($"{path}: not a valid gzip file ({e.Message})", path, inner: e);
        }
    }
}

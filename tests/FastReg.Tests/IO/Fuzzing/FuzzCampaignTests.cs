using FastReg.Cli.Modeling;
using FastReg.IO;
using FastReg.Nn;
using FastReg.Nn.Preprocessing;
using Xunit.Abstractions;

namespace FastReg.Tests.IO.Fuzzing;

/// <summary>
/// Structured fuzzing of the three readers (issue item 1), of .csv.gz and of the CLI's own model description (issue 13). FASTREG_FUZZ_CASES sets the cases per format (default
/// 3,000 for CI; the long campaign runs 100,000 or more, see docs/reliability.md). A reader must return a
/// self-consistent result or throw <see cref="DataFormatException"/>; nothing else, no hang, and no allocation
/// driven by a size the file declares.
/// </summary>
public class FuzzCampaignTests(ITestOutputHelper output)
{
    // A reader holds at most the data as doubles (8 per input byte for one-byte .npy types), a Fortran-order copy,
    // or a CSV cell as a string in a row array; 64 per input byte covers all of that, and 1 MiB of slack covers fixed
    // buffers, while any allocation sized by a length or shape the file declares (2^40 elements in 20 bytes) breaks it.
    private const long BytesPerInputByte = 64;

    [Fact]
    public void Npy_reader_returns_a_consistent_array_or_a_DataFormatException_for_every_input()
    {
        Report(FuzzHarness.Run("npy", NpyFuzz.Inputs, ReadNpy, BytesPerInputByte));
    }

    [Fact]
    public void SafeTensors_reader_returns_consistent_tensors_or_a_DataFormatException_for_every_input()
    {
        Report(FuzzHarness.Run("safetensors", SafeTensorsFuzz.Inputs, ReadSafeTensors, BytesPerInputByte));
    }

    [Fact]
    public void Csv_reader_returns_a_consistent_table_or_a_DataFormatException_for_every_input()
    {
        Report(FuzzHarness.Run("csv", CsvFuzz.Inputs, ReadCsv, BytesPerInputByte));
    }

    [Fact]
    public void Csv_gz_reader_returns_a_consistent_table_or_a_DataFormatException_for_every_input()
    {
        Report(FuzzHarness.Run("csv.gz", GzipFuzz.Inputs, ReadCsvGz, BytesPerInputByte));
    }

    [Fact]
    public void Model_description_is_valid_or_a_one_line_DataFormatException_for_every_input()
    {
        Report(FuzzHarness.Run("fastreg metadata", MetadataFuzz.Inputs, ReadDescription, BytesPerInputByte));
    }

    private void Report(FuzzReport report)
    {
        output.WriteLine(report.ToString());
        foreach ((string kind, int count) in report.Rejections.OrderByDescending(r => r.Value)) output.WriteLine($"{count,8}  {kind}");
    }

    private static void ReadNpy(Stream stream)
    {
        NpyArray a = Npy.Read(stream, "fuzz.npy");
        Consistent(Enum.IsDefined(a.Type), $"type {a.Type} is not an NpyType");
        Consistent(a.Shape.All(d => d >= 0), "a negative dimension");
        Consistent(a.Data.LongLength == a.Length && a.Length == Product(a.Shape), $"{a.Data.Length} values for shape ({string.Join(",", a.Shape)})");
    }

    private static void ReadSafeTensors(Stream stream)
    {
        SafeTensorsFile file = SafeTensors.Read(stream, "fuzz.safetensors");
        Consistent(file.Tensors.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() == file.Tensors.Count, "duplicate names");
        foreach (NamedTensor t in file.Tensors)
        {
            Consistent(Enum.IsDefined(t.Type), $"tensor '{t.Name}': type {t.Type} is not a TensorType");
            Consistent(t.Name != "__metadata__", "__metadata__ read as a tensor");
            Consistent(ReferenceEquals(file.Find(t.Name), t), $"Find('{t.Name}') does not return the tensor");
            Consistent(t.Shape.All(d => d >= 0) && t.Data.LongLength == Product(t.Shape), $"tensor '{t.Name}': {t.Data.Length} values for shape [{string.Join(",", t.Shape)}]");
        }
        Consistent(file.Metadata.All(kv => kv.Key is not null && kv.Value is not null), "null metadata");
    }

    private static void ReadCsv(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        byte[] bytes = copy.ToArray();
        CheckTable(Csv.Read(new MemoryStream(bytes), "fuzz.csv", CsvFuzz.OptionsFor(bytes)));
    }

    private static void CheckTable(CsvTable table)
    {
        Consistent(table.Columns.Count > 0 && table.Rows > 0, "an empty table was returned");
        Consistent(table.Columns.All(c => !string.IsNullOrWhiteSpace(c)) && table.Columns.Distinct(StringComparer.Ordinal).Count() == table.Columns.Count,
            "empty or duplicate column names");
        foreach (string c in table.Columns) Consistent(table.TextColumn(c).Length == table.Rows, $"column '{c}' has the wrong length");
        Consistent(table.DataColumns.Count == table.Columns.Count, "columns and data columns differ");
        foreach (DataColumn c in table.DataColumns)
        {
            Consistent(c.Length == table.Rows && (c.Numbers is null) == c.IsText, $"column '{c.Name}': {c.Length} rows, text {c.IsText}");
            // A numeric column holds finite numbers or NaN (a missing cell), never an infinity.
            Consistent(c.Numbers is null || c.Numbers.All(v => double.IsFinite(v) || double.IsNaN(v)), $"column '{c.Name}' holds an infinity");
        }
        Consistent(table.Dialect.Delimiter is not ('"' or '\r' or '\n') && (!table.Dialect.DecimalComma || table.Dialect.Delimiter != ','), $"dialect {table.Dialect}");
        double[] matrix = table.NumericMatrix(table.Columns); // a non-numeric cell throws DataFormatException: allowed
        Consistent(matrix.Length == table.Rows * table.Columns.Count && matrix.All(double.IsFinite), "numeric matrix wrong size or not finite");
    }

    private static void ReadCsvGz(Stream stream)
    {
        using Stream text = GzipInput.OpenRead(stream, "fuzz.csv.gz", GzipFuzz.MaxBytes);
        CheckTable(Csv.Read(text, "fuzz.csv.gz"));
    }

    private static void ReadDescription(Stream stream)
    {
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        string json = reader.ReadToEnd();
        ModelDescription d;
        try
        {
            d = ModelDescription.FromJson(json, "fuzz.safetensors");
        }
        catch (DataFormatException e)
        {
            Consistent(!e.Message.Contains('\n', StringComparison.Ordinal) && !e.Message.Contains('\r', StringComparison.Ordinal), $"a message over several lines: {e.Message}");
            throw;
        }
        Consistent(d.Version is 1 or ModelDescription.CurrentVersion && d.Inputs >= 1 && d.Layers.Count > 0, "version, inputs or layers");
        Consistent(NetworkConfig.ParseLayerNames(d.Layers, "fuzz").Length == d.Layers.Count, "layers that do not parse");
        // Classification uses ce (softmax) or bce (one logit between exactly two classes); regression mse or bce.
        Consistent(d.Task is "classification" or "regression" && d.Loss is "ce" or "mse" or "bce"
            && !(d.Task == "classification" && d.Loss == "mse") && !(d.Task == "regression" && d.Loss == "ce")
            && !(d.Task == "classification" && d.Loss == "bce" && d.Classes is not { Count: 2 }), "task and loss");
        Consistent(d.Features.Count is 0 || d.Features.Count == d.Inputs, "features");
        foreach (IReadOnlyList<string>? names in new[] { d.Features, d.Targets, d.Classes })
            Consistent(names is null || (names.All(n => !string.IsNullOrEmpty(n)) && names.Distinct(StringComparer.Ordinal).Count() == names.Count), "names");
        Consistent(d.Task != "classification" || d.Classes is { Count: >= 2 }, "classes");
        Consistent(d.Preprocessing is null || d.Preprocessing.FeatureCount == d.Inputs, "preprocessing width");
        Standardizer? s = d.Preprocessing?.Standardizer;
        Consistent(s is null || (s.Mean.All(double.IsFinite) && s.Std.All(v => double.IsNormal(v) && v > 0)), "scaler");
        Consistent(d.TargetScaler is null || (d.Loss == "mse" && d.TargetScaler.Std.All(v => double.IsNormal(v) && v > 0)), "target scaler");
    }

    private static long Product(int[] shape) => shape.Aggregate(1L, (p, d) => p * d);

    private static void Consistent(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"inconsistent result: {what}");
    }
}

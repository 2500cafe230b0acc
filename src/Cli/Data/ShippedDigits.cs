using System.IO.Compression;
using FastReg.IO;
using FastReg.Nn.Training;

namespace FastReg.Cli.Data;

/// <summary>
/// The 8x8 handwritten digits shipped in data/digits.csv.gz (1,797 images, pixels 0..16, label
/// column "target") and the fixed split the main job uses, written so any tool can rebuild it from
/// row numbers alone: row i (0-based, file order) is a test row when i mod 5 = 4, a validation row
/// when i mod 5 = 3, and the first <c>trainRows</c> of the other rows are the training rows.
/// </summary>
internal sealed record ShippedDigits(Dataset<float> Train, Dataset<float> Validation, Dataset<float> Test)
{
    /// <summary>Pixels of one image side.</summary>
    public const int Side = 8;

    /// <summary>Rows with i mod 5 in {0, 1, 2}: the pool the training rows are taken from.</summary>
    public const int TrainPool = 1079;

    /// <summary>Loads the file and splits it; pixels are scaled by 1/16 into [0, 1].</summary>
    public static ShippedDigits Load(int trainRows)
    {
        if (trainRows < 10 || trainRows > TrainPool)
            throw new CliException($"--train-size must lie in [10, {TrainPool}] (got {trainRows}).");
        string path = Locate();
        CsvTable table = TableFiles.ReadCsv(path);
        var features = new string[Side * Side];
        for (int r = 0; r < Side; r++)
            for (int c = 0; c < Side; c++) features[r * Side + c] = $"pixel_{r}_{c}";
        double[] pixels = table.NumericMatrix(features);
        double[] target = table.NumericColumn("target");

        var x = new float[pixels.Length];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(pixels[i] / 16);
        var labels = new int[target.Length];
        for (int i = 0; i < labels.Length; i++) labels[i] = (int)target[i];
        var all = Dataset<float>.Classification(x, features.Length, labels);

        var train = new List<int>(trainRows);
        var validation = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < all.Count; i++)
        {
            switch (i % 5)
            {
                case 4: test.Add(i); break;
                case 3: validation.Add(i); break;
                default: if (train.Count < trainRows) train.Add(i); break;
            }
        }
        return new ShippedDigits(all.Subset([.. train]), all.Subset([.. validation]), all.Subset([.. test]));
    }

    /// <summary>data/digits.csv.gz beside the program (the tool package carries it) or above it (a source checkout).</summary>
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", "digits.csv.gz");
            if (File.Exists(candidate)) return candidate;
        }
        throw new CliException($"the shipped digits (data/digits.csv.gz) were not found beside or above {AppContext.BaseDirectory}");
    }
}

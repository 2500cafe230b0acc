using System.Globalization;
using System.IO.Compression;
using FastReg.Nn.Training;

namespace FastReg.Bench.Selection;

/// <summary>Loads the shipped 8x8 digits (data/digits.csv.gz), pixels scaled to [0, 1].</summary>
public static class DigitsData
{
    public static Dataset<float> Load(int rows = 1797, int seed = 0)
    {
        string path = Locate();
        var x = new List<float>(1797 * 64);
        var y = new List<int>(1797);
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress)))
        {
            reader.ReadLine(); // header row
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                string[] cells = line.Split(',');
                for (int j = 0; j < 64; j++) x.Add(float.Parse(cells[j], CultureInfo.InvariantCulture) / 16f);
                y.Add(int.Parse(cells[64], CultureInfo.InvariantCulture));
            }
        }
        var all = Dataset<float>.Classification(x.ToArray(), 64, y.ToArray());
        int[] order = new int[all.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        new Random(seed).Shuffle(order);
        return all.Subset(order.AsSpan(0, Math.Min(rows, all.Count)));
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", "digits.csv.gz");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("data/digits.csv.gz not found above " + AppContext.BaseDirectory);
    }
}

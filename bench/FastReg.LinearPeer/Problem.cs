using System.Globalization;

namespace FastReg.LinearPeer;

/// <summary>
/// One classification problem as both libraries get it: float features already standardized with the
/// training rows' mean and deviation, labels 0..k−1, and the test rows.
/// </summary>
internal sealed record Problem(string Name, int Features, int Classes, float[] TrainX, int[] TrainY, float[] TestX, int[] TestY)
{
    public int TrainRows => TrainY.Length;

    /// <summary>A shipped CSV (last column the integer label); every 4th row is a test row, as bench/linear_vs_sklearn.py splits.</summary>
    public static Problem FromCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        int d = lines[0].Split(',').Length - 1;
        var x = new List<double[]>();
        var y = new List<int>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            string[] cells = lines[i].Split(',');
            x.Add(cells[..d].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray());
            y.Add((int)double.Parse(cells[d], CultureInfo.InvariantCulture));
        }
        var train = Enumerable.Range(0, y.Count).Where(i => i % 4 != 0).ToArray();
        var test = Enumerable.Range(0, y.Count).Where(i => i % 4 == 0).ToArray();
        var mean = new double[d];
        var std = new double[d];
        foreach (int i in train) for (int j = 0; j < d; j++) mean[j] += x[i][j] / train.Length;
        foreach (int i in train) for (int j = 0; j < d; j++) std[j] += (x[i][j] - mean[j]) * (x[i][j] - mean[j]) / train.Length;
        for (int j = 0; j < d; j++) std[j] = std[j] > 0 ? Math.Sqrt(std[j]) : 1;
        float[] Rows(int[] idx) => idx.SelectMany(i => Enumerable.Range(0, d).Select(j => (float)((x[i][j] - mean[j]) / std[j]))).ToArray();
        return new Problem(Path.GetFileNameWithoutExtension(path), d, y.Max() + 1, Rows(train), train.Select(i => y[i]).ToArray(), Rows(test), test.Select(i => y[i]).ToArray());
    }

    /// <summary>
    /// Seeded binary logistic data: x ~ N(0, 1)^d, a fixed weight vector with every 5th entry 0, y ~ Bernoulli(σ(x·w + 0.3)).
    /// </summary>
    public static Problem Synthetic(int rows, int d, int seed)
    {
        var rng = new Random(seed);
        var w = new double[d];
        for (int j = 0; j < d; j++) w[j] = j % 5 == 0 ? 0 : (rng.NextDouble() * 2 - 1) * 0.5;
        var x = new float[rows * d];
        var y = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            double z = 0.3;
            for (int j = 0; j < d; j++)
            {
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                float v = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
                x[i * d + j] = v;
                z += w[j] * v;
            }
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }
        return new Problem($"synthetic {rows}x{d}", d, 2, x, y, [], []);
    }
}

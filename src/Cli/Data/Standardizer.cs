using System.Globalization;

namespace FastReg.Cli.Data;

/// <summary>
/// Per-feature (x − mean) / std, fitted on training rows only (as scikit-learn's StandardScaler in
/// a pipeline); a constant feature gets std 1 so that it maps to 0 rather than NaN.
/// </summary>
internal sealed class Standardizer
{
    public Standardizer(double[] mean, double[] std)
    {
        if (mean.Length != std.Length) throw new ArgumentException("mean and std differ in length.", nameof(std));
        Mean = mean;
        Std = std;
    }

    public double[] Mean { get; }

    public double[] Std { get; }

    public double Apply(double x, int feature) => (x - Mean[feature]) / Std[feature];

    /// <summary>Population mean and standard deviation (ddof 0, as StandardScaler) of the given rows.</summary>
    public static Standardizer Fit(double[] x, int features, ReadOnlySpan<int> rows)
    {
        var mean = new double[features];
        var std = new double[features];
        foreach (int r in rows)
            for (int j = 0; j < features; j++) mean[j] += x[r * features + j];
        for (int j = 0; j < features; j++) mean[j] /= Math.Max(rows.Length, 1);
        foreach (int r in rows)
            for (int j = 0; j < features; j++)
            {
                double d = x[r * features + j] - mean[j];
                std[j] += d * d;
            }
        for (int j = 0; j < features; j++)
        {
            double s = Math.Sqrt(std[j] / Math.Max(rows.Length, 1));
            std[j] = s > 0 ? s : 1;
        }
        return new Standardizer(mean, std);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"standardize {Mean.Length} features");
}

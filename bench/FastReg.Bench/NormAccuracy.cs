using System.Globalization;
using System.Numerics.Tensors;
using FastReg.Simd;

namespace FastReg.Bench;

/// <summary>
/// The accuracy half of the norm target: the max relative error of <see cref="Reductions.Norm{T}(ReadOnlySpan{T})"/>
/// (float, each accelerated path) and of TensorPrimitives.Norm against a double reference that scales by
/// max |x| first (so it can neither overflow nor underflow), on random data and on badly scaled data.
/// Prints a markdown table. Deterministic (fixed seeds).
/// </summary>
public static class NormAccuracy
{
    const int Seeds = 5;
    static readonly int[] Lengths = [1000, 4096, 1 << 20, 16 << 20];

    /// <summary>The data sets: name and a generator of n values from a seed.</summary>
    static readonly (string Name, Func<int, int, float[]> Make)[] DataSets =
    [
        ("random [-1, 1)", (n, seed) => BenchSizes.Uniform(n, seed)),
        ("huge (x ~ ±1e30)", (n, seed) => Scaled(n, seed, 1e30f)),
        ("tiny (x ~ ±1e-30)", (n, seed) => Scaled(n, seed, 1e-30f)),
        ("mixed (magnitudes log-uniform in 1e-30..1e30)", LogUniform),
    ];

    /// <summary>Writes the table.</summary>
    public static void Run(TextWriter o)
    {
        List<SimdPath> paths = BenchSizes.Paths.ToList();
        o.WriteLine($"Max relative error of the float norm vs a scaled double reference, over {Seeds} seeds per row (2 at 16M) (lower is better; float epsilon is 1.19e-7, 'inf' = overflowed to infinity, 1 = underflowed to 0).");
        o.WriteLine();
        o.Write("| data | n |");
        foreach (SimdPath p in paths) o.Write($" Reductions.Norm ({p}) |");
        o.WriteLine(" TensorPrimitives.Norm |");
        o.Write("|---|---:|");
        foreach (SimdPath _ in paths) o.Write("---:|");
        o.WriteLine("---:|");

        foreach ((string name, Func<int, int, float[]> make) in DataSets)
        {
            foreach (int n in Lengths)
            {
                var ours = new double[paths.Count];
                double tp = 0;
                int seeds = n > 1 << 20 ? 2 : Seeds; // the 16M rows: fewer seeds, same sums
                for (int seed = 1; seed <= seeds; seed++)
                {
                    float[] x = make(n, seed);
                    double exact = ScaledDoubleNorm(x);
                    for (int k = 0; k < paths.Count; k++)
                        ours[k] = Math.Max(ours[k], RelativeError(Reductions.Norm<float>(x, paths[k]), exact));
                    tp = Math.Max(tp, RelativeError(TensorPrimitives.Norm<float>(x), exact));
                }
                o.Write($"| {name} | {n} |");
                foreach (double e in ours) o.Write($" {Format(e)} |");
                o.WriteLine($" {Format(tp)} |");
            }
        }
    }

    /// <summary>√Σ (x/s)² · s with s = max |x|, summed in double: no overflow or underflow for any float input.</summary>
    public static double ScaledDoubleNorm(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (float v in x) s = Math.Max(s, Math.Abs((double)v));
        if (s == 0 || double.IsInfinity(s)) return s;
        double sum = 0, c = 0; // Kahan-compensated, so the reference's own error is ~1e-16
        foreach (float v in x)
        {
            double t = v / s;
            double yk = t * t - c;
            double next = sum + yk;
            c = next - sum - yk;
            sum = next;
        }
        return s * Math.Sqrt(sum);
    }

    static double RelativeError(float got, double exact) =>
        float.IsInfinity(got) || float.IsNaN(got) ? double.PositiveInfinity : Math.Abs(got - exact) / exact;

    static string Format(double e) => double.IsInfinity(e) ? "inf" : e.ToString("0.00e+00", CultureInfo.InvariantCulture);

    static float[] Scaled(int n, int seed, float scale)
    {
        float[] x = BenchSizes.Uniform(n, seed);
        for (int i = 0; i < n; i++) x[i] *= scale;
        return x;
    }

    static float[] LogUniform(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            float mag = MathF.Pow(10f, -30f + 60f * rng.NextSingle());
            x[i] = rng.Next(2) == 0 ? mag : -mag;
        }
        return x;
    }
}

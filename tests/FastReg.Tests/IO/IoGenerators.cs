using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.IO;

/// <summary>FsCheck generators for the file-format round trips: small shapes and values biased to IEEE edge cases.</summary>
internal static class IoGenerators
{
    private static readonly double[] EdgeDoubles =
    [
        0.0, -0.0, 1.0, -1.0, double.Epsilon, -double.Epsilon, 2.2250738585072009e-308 /* largest subnormal */,
        2.2250738585072014e-308 /* smallest normal */, double.MaxValue, double.MinValue, 0.1, 1.0 / 3, 1e-300, 9007199254740993.0,
    ];

    private static readonly float[] EdgeFloats =
    [
        0f, -0f, 1f, -1f, float.Epsilon, -float.Epsilon, 1.1754942e-38f /* largest subnormal */, 1.17549435e-38f,
        float.MaxValue, float.MinValue, 0.1f, 1f / 3, 16777217f,
    ];

    /// <summary>Rank 0 to 4, dimensions 0 to 6, so empty and scalar arrays come up often.</summary>
    public static Gen<int[]> Shape =>
        Gen.Choose(0, 4).SelectMany(rank => Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Constant(1)), (4, Gen.Choose(2, 6))), rank));

    public static Gen<int> Seed => Gen.Choose(0, int.MaxValue);

    /// <summary>Finite doubles: a third edge cases, a third arbitrary bit patterns, a third ordinary magnitudes.</summary>
    public static double[] FiniteDoubles(int n, int seed)
    {
        var rng = new Random(seed);
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rng.Next(3) switch
            {
                0 => EdgeDoubles[rng.Next(EdgeDoubles.Length)],
                1 => RandomFinite(rng),
                _ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-10, 10)),
            };
        }
        return a;
    }

    /// <summary>Doubles that are exactly floats, NaN and infinities included.</summary>
    public static double[] FloatValues(int n, int seed)
    {
        var rng = new Random(seed);
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rng.Next(4) switch
            {
                0 => EdgeFloats[rng.Next(EdgeFloats.Length)],
                1 => BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue)),
                2 => rng.Next(3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity },
                _ => (float)(rng.NextDouble() - 0.5),
            };
        }
        return a;
    }

    /// <summary>Any doubles, NaN and infinities included.</summary>
    public static double[] AnyDoubles(int n, int seed)
    {
        double[] a = FiniteDoubles(n, seed);
        var rng = new Random(~seed);
        for (int i = 0; i < n; i++)
        {
            if (rng.Next(8) == 0) a[i] = rng.Next(3) switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => double.NegativeInfinity };
        }
        return a;
    }

    public static void Check<T>(Gen<T> gen, Func<T, bool> property, int maxTest = 100) =>
        Prop.ForAll(Arb.From(gen), property).Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));

    private static double RandomFinite(Random rng)
    {
        while (true)
        {
            double d = BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue));
            if (double.IsFinite(d)) return d;
        }
    }
}

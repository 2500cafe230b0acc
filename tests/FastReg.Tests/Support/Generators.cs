using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.Support;

/// <summary>FsCheck generators in one place, biased to the lengths where remainders bite.</summary>
public static class Generators
{
    /// <summary>Lengths around vector widths (4, 8, 16, 32, 64 lanes and 4x unrolls) and some large ones.</summary>
    public static Gen<int> Length =>
        Gen.Frequency(
            (6, Gen.Choose(0, 300)),
            (3, Gen.Elements(0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257)),
            (1, Gen.Choose(301, 5000)));

    /// <summary>A seed for System.Random, so each case's data is reproducible from the printed counterexample.</summary>
    public static Gen<int> Seed => Gen.Choose(0, int.MaxValue);

    /// <summary>n values uniform in [-scale, scale).</summary>
    public static T[] Uniform<T>(int n, int seed, double scale = 1.0) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        var a = new T[n];
        for (int i = 0; i < n; i++) a[i] = T.CreateTruncating((rng.NextDouble() * 2 - 1) * scale);
        return a;
    }

    /// <summary>Runs a property over (length, seed) pairs and throws with the counterexample on failure.</summary>
    public static void CheckLengths(Func<int, int, bool> property, int maxTest = 200)
    {
        var arb = Arb.From(Gen.Zip(Length, Seed));
        Prop.ForAll(arb, t => property(t.Item1, t.Item2))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));
    }
}

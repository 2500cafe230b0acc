using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Testing;

/// <summary>
/// Well-scaled tensors: entries uniform in ±scale, drawn from a seed so a counterexample replays,
/// optionally kept at least <c>kinkMargin</c> from 0 (where ReLU, |x| and clamps have their corners).
/// </summary>
public static class Tensors
{
    /// <summary>A generator of <paramref name="length"/> entries.</summary>
    public static Gen<double[]> Gen(int length, double scale = 1, double kinkMargin = 0) =>
        FsCheck.Fluent.Gen.Choose(0, int.MaxValue).Select(seed => Draw(length, seed, scale, kinkMargin));

    /// <summary>
    /// Seeds of tensors as an arbitrary: each case is the seed of <see cref="Draw"/>, so a failing
    /// tensor prints as a number that replays it; shrinking tries seed 0 (a fixed, ordinary tensor).
    /// </summary>
    public static Arbitrary<int> Seeds() => Arb.From(FsCheck.Fluent.Gen.Choose(0, int.MaxValue), seed => seed == 0 ? [] : [0]);

    /// <summary>The tensor <see cref="Gen"/> draws for <paramref name="seed"/>: uniform in ±scale, |v| ≥ kinkMargin.</summary>
    public static double[] Draw(int length, int seed, double scale = 1, double kinkMargin = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!(scale > 0) || !(kinkMargin >= 0 && kinkMargin < scale))
            throw new ArgumentOutOfRangeException(nameof(kinkMargin), "Need scale > 0 and 0 ≤ kinkMargin < scale.");
        var rng = new Random(seed);
        var a = new double[length];
        for (int i = 0; i < length; i++)
        {
            double magnitude = kinkMargin + (scale - kinkMargin) * rng.NextDouble();
            a[i] = rng.Next(2) == 0 ? magnitude : -magnitude;
        }
        return a;
    }
}

using System.Numerics;

namespace FastReg.Tests.Simd;

/// <summary>Data and measures shared by the reduction tests: special-value mixes, badly scaled data, ulp distance.</summary>
public static class ReductionTestData
{
    /// <summary>
    /// Uniform values with about a third replaced by +0, −0, and (if <paramref name="nans"/>) a rare NaN
    /// or ±∞, at positions that land in vector bodies and scalar tails alike.
    /// </summary>
    public static T[] WithZeros<T>(int n, int seed, bool nans = false) where T : IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        var a = new T[n];
        for (int i = 0; i < n; i++)
        {
            int r = rng.Next(30);
            a[i] = r switch
            {
                < 5 => T.Zero,
                < 10 => T.NegativeZero,
                10 when nans => rng.Next(3) switch { 0 => T.NaN, 1 => T.PositiveInfinity, _ => T.NegativeInfinity },
                _ => T.CreateTruncating((rng.NextDouble() * 2 - 1) * Math.Pow(2, rng.Next(-20, 20))),
            };
        }
        return a;
    }

    /// <summary>n values with random signs and magnitudes 10^U(lo, hi): log-uniform between 10^lo and 10^hi.</summary>
    public static T[] LogUniform<T>(int n, int seed, double lo, double hi) where T : IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        var a = new T[n];
        for (int i = 0; i < n; i++)
        {
            double mag = Math.Pow(10, lo + (hi - lo) * rng.NextDouble());
            a[i] = T.CreateTruncating(rng.Next(2) == 0 ? mag : -mag);
        }
        return a;
    }

    /// <summary>Distance in units in the last place: how many representable floats lie between a and b (0 if both NaN).</summary>
    public static long Ulps(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b)) return float.IsNaN(a) && float.IsNaN(b) ? 0 : long.MaxValue;
        return Math.Abs(Ordered(BitConverter.SingleToInt32Bits(a)) - Ordered(BitConverter.SingleToInt32Bits(b)));
        static long Ordered(int bits) => bits < 0 ? -(long)(bits & int.MaxValue) : bits;
    }

    /// <summary>Distance in units in the last place between doubles (0 if both NaN).</summary>
    public static long Ulps(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) && double.IsNaN(b) ? 0 : long.MaxValue;
        long d = Ordered(BitConverter.DoubleToInt64Bits(a)) - Ordered(BitConverter.DoubleToInt64Bits(b));
        return d == long.MinValue ? long.MaxValue : Math.Abs(d);
        static long Ordered(long bits) => bits < 0 ? -(bits & long.MaxValue) : bits;
    }

    /// <summary>Bitwise equality, so NaN equals NaN and −0 differs from +0 only where that matters to the caller.</summary>
    public static bool SameValue<T>(T a, T b) where T : IFloatingPointIeee754<T> =>
        (T.IsNaN(a) && T.IsNaN(b)) || a == b;
}

using System.Numerics;
using FastReg.Tests.Support;

namespace FastReg.Tests.Simd;

/// <summary>
/// Inputs and error bounds shared by the activation tests. Bounds are in units of the unit
/// roundoff u of T (2^-24 float, 2^-53 double), derived in docs/kernels.md (Activations).
/// </summary>
public static class ActivationTestData
{
    /// <summary>
    /// Documented bound of the exp-based element-wise kernels (tanh, sigmoid) against the double
    /// reference: 6 eps = 12 u relative (measured: ≤ 2.3 ulp float, ≤ 4 ulp double vs Math.Tanh/Exp).
    /// </summary>
    public const double ExpKernelBoundInU = 12;

    /// <summary>Relative bound of one exp evaluation in the vector paths: 2 eps = 4 u (measured ≤ 1 ulp).</summary>
    public const double ExpBoundInU = 4;

    public static double U<T>() where T : IFloatingPointIeee754<T> => Tolerance.UnitRoundoff<T>();

    /// <summary>Smallest positive subnormal of T, for results in the subnormal range.</summary>
    public static double DenormMin<T>() where T : IFloatingPointIeee754<T> => double.CreateTruncating(T.Epsilon);

    /// <summary>
    /// n values spread over magnitudes 1e-6 … 10^maxExp with random signs, plus exact zeros,
    /// so that small-|x| (cancellation) and saturation ranges both appear.
    /// </summary>
    public static T[] Mixed<T>(int n, int seed, double maxExp = 1.5) where T : IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        var a = new T[n];
        for (int i = 0; i < n; i++)
        {
            double mag = Math.Pow(10, -6 + (maxExp + 6) * rng.NextDouble());
            double v = rng.Next(16) == 0 ? 0 : (rng.Next(2) == 0 ? -mag : mag);
            a[i] = T.CreateTruncating(v);
        }
        return a;
    }

    /// <summary>Values at the edges: ±0, subnormals, ±1e4, ±∞, NaN, the exp overflow/underflow thresholds.</summary>
    public static T[] Extremes<T>() where T : IFloatingPointIeee754<T> =>
    [
        T.Zero, T.NegativeZero, T.Epsilon, -T.Epsilon, T.CreateTruncating(1e-40), T.CreateTruncating(-1e-40),
        T.CreateTruncating(1e4), T.CreateTruncating(-1e4), T.PositiveInfinity, T.NegativeInfinity, T.NaN,
        T.CreateTruncating(88.7), T.CreateTruncating(-88.7), T.CreateTruncating(-100), T.CreateTruncating(100),
        T.CreateTruncating(-103.9), T.CreateTruncating(709.7), T.CreateTruncating(-745), T.CreateTruncating(20), T.CreateTruncating(-9.1),
        T.One, -T.One, T.CreateSaturating(double.MaxValue), T.CreateSaturating(double.MinValue),
    ];

    /// <summary>|got − exact| ≤ k·u·|exact| + 4 subnormals, and NaN exactly where the reference is NaN.</summary>
    public static bool Close<T>(T got, double exact, double kU, out string why) where T : IFloatingPointIeee754<T>
    {
        double g = double.CreateTruncating(got);
        why = "";
        if (double.IsNaN(exact) || double.IsNaN(g))
        {
            if (double.IsNaN(exact) && double.IsNaN(g)) return true;
            why = $"got {g:R}, expected {exact:R}";
            return false;
        }
        if (double.IsInfinity(exact) || double.IsInfinity(g))
        {
            if (g == exact) return true;
            why = $"got {g:R}, expected {exact:R}";
            return false;
        }
        double tol = kU * U<T>() * Math.Abs(exact) + 4 * DenormMin<T>();
        if (Math.Abs(g - exact) <= tol) return true;
        why = $"got {g:R}, expected {exact:R}, error {Math.Abs(g - exact):E3} > tolerance {tol:E3}";
        return false;
    }
}

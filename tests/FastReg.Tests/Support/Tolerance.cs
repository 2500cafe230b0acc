using System.Numerics;

namespace FastReg.Tests.Support;

/// <summary>Error bounds derived from the length and the type's epsilon, not tuned by hand.</summary>
public static class Tolerance
{
    /// <summary>Unit roundoff of T (half an ulp of 1).</summary>
    public static double UnitRoundoff<T>() where T : IFloatingPointIeee754<T> => double.CreateTruncating(T.Epsilon) switch
    {
        _ when typeof(T) == typeof(float) => Math.Pow(2, -24),
        _ => Math.Pow(2, -53),
    };

    /// <summary>
    /// Bound on |computed − exact| for a sum of n terms in T in any order:
    /// (n − 1)·u·Σ|terms| (Higham, Accuracy and Stability, 4.2), plus one rounding of the result.
    /// </summary>
    public static double Summation<T>(int n, double sumOfAbs) where T : IFloatingPointIeee754<T>
    {
        double u = UnitRoundoff<T>();
        return (Math.Max(n, 1) + 1) * u * sumOfAbs + double.Epsilon;
    }
}

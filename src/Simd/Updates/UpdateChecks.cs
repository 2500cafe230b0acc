using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastReg.Simd;

/// <summary>Hyperparameter checks for the update kernels (ThrowHelper covers lengths and counts).</summary>
internal static class UpdateChecks
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 0 ≤ value (NaN fails, as PyTorch's `not 0.0 &lt;= x`).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireNonNegative<T>(T value, string paramName, string? member = null) where T : IFloatingPointIeee754<T>
    {
        if (!(value >= T.Zero)) ThrowOutOfRange(value, paramName, member, "must be >= 0");
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 0 ≤ value &lt; 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireUnitInterval<T>(T value, string paramName, string member) where T : IFloatingPointIeee754<T>
    {
        if (!(value >= T.Zero && value < T.One)) ThrowOutOfRange(value, paramName, member, "must be in [0, 1)");
    }

    [DoesNotReturn]
    private static void ThrowOutOfRange<T>(T value, string paramName, string? member, string rule) =>
        throw new ArgumentOutOfRangeException(paramName, value,
            $"'{(member is null ? paramName : paramName + "." + member)}' {rule}.");
}

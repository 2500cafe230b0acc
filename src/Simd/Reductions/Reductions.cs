using System.Runtime.CompilerServices;
using System.Numerics;

namespace FastReg.Simd;

/// <summary>
/// Reductions over spans of float or double: sum, dot, sum of squares, norms, max-abs,
/// count of non-zeros. Each public method runs on <see cref="Isa.Active"/>; the internal
/// overloads taking a <see cref="SimdPath"/> let tests and benchmarks pick a path.
/// </summary>
public static partial class Reductions
{
    /// <summary>Σ x[i]. Returns 0 for an empty span.</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Sum(x, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static T Sum<T>(ReadOnlySpan<T> x, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        return AggregateDriver.Run<T, SumOperator<T>>(x, path);
    }
}

using System.Runtime.CompilerServices;
using System.Numerics;

namespace FastReg.Simd;

/// <summary>
/// Element-wise helpers the network's penalties and masks need: axpy, product, and the L1
/// subgradient step. In place is allowed where the output is exactly one of the inputs; an output
/// that partially overlaps an input is refused (the vector loop would read values it already wrote).
/// Each public method runs on <see cref="Isa.Active"/>; internal overloads take a path.
/// </summary>
public static class Elementwise
{
    /// <summary>y += alpha·x, one rounding per element (fused multiply-add).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy<T>(T alpha, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        Axpy(alpha, x, y, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Axpy<T>(T alpha, ReadOnlySpan<T> x, Span<T> y, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        ThrowHelper.RequireSameLength(x.Length, y.Length, nameof(y));
        ThrowHelper.RequireSameOrDisjoint(x, y, nameof(y));
        BinaryDriver.Run(x, y, y, new AxpyOperator<T>(alpha), path);
    }

    /// <summary>z = x·m element by element (dropout masks, gates).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> m, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T> =>
        Multiply(x, m, z, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> m, Span<T> z, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        ThrowHelper.RequireSameLength(x.Length, m.Length, nameof(m));
        ThrowHelper.RequireSameLength(x.Length, z.Length, nameof(z));
        ThrowHelper.RequireSameOrDisjoint(x, z, nameof(z));
        ThrowHelper.RequireSameOrDisjoint(m, z, nameof(z));
        BinaryDriver.Run(x, m, z, default(MultiplyOperator<T>), path);
    }

    /// <summary>g += c·sign(w), with sign(0) = 0 and NaN in w leaving g unchanged (the L1 subgradient).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaledSign<T>(T c, ReadOnlySpan<T> w, Span<T> g) where T : unmanaged, IFloatingPointIeee754<T> =>
        AddScaledSign(c, w, g, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddScaledSign<T>(T c, ReadOnlySpan<T> w, Span<T> g, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        ThrowHelper.RequireSameLength(w.Length, g.Length, nameof(g));
        ThrowHelper.RequireSameOrDisjoint(w, g, nameof(g));
        BinaryDriver.Run(w, g, g, new AddScaledSignOperator<T>(c), path);
    }
}

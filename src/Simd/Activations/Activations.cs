using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastReg.Simd;

/// <summary>
/// Activation functions and their backward kernels over spans of float or double: ReLU, tanh,
/// sigmoid (element-wise) and softmax, log-softmax (row-wise over a row-major matrix).
/// <para>
/// Forward kernels write y[..x.Length]; y may be x itself (in place). Backward kernels
/// OVERWRITE dx[..dy.Length] (they do not accumulate); dx may be dy or the saved x/y itself.
/// Spans that partially overlap (same memory, different start) are rejected with
/// <see cref="ArgumentException"/>. Each public method runs on <see cref="Isa.Active"/>; the
/// internal overloads taking a <see cref="SimdPath"/> let tests and benchmarks pick a path.
/// Error bounds and edge-case behaviour: docs/kernels.md (Activations).
/// </para>
/// </summary>
public static partial class Activations
{
    // ---------------- ReLU ----------------

    /// <summary>y = max(x, 0) (NaN stays NaN). <paramref name="y"/> needs at least x.Length elements.</summary>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Relu(x, y, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Relu<T>(ReadOnlySpan<T> x, Span<T> y, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        CheckUnary(x, y, nameof(y));
        UnaryDriver.Run(x, y, default(ReluOperator<T>), path);
    }

    /// <summary>
    /// dx = x &gt; 0 ? dy : 0, from the pre-activation input <paramref name="x"/> (the derivative
    /// at 0 is taken as 0, as in PyTorch). Overwrites dx[..x.Length].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T> =>
        ReluBackward(x, dy, dx, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        CheckBinary(x, dy, dx, nameof(x), nameof(dy), nameof(dx));
        BinaryDriver.Run(x, dy, dx, default(ReluBackwardOperator<T>), path);
    }

    // ---------------- tanh ----------------

    /// <summary>y = tanh(x); ±1 for large |x|, NaN stays NaN. <paramref name="y"/> needs at least x.Length elements.</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Tanh(x, y, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        CheckUnary(x, y, nameof(y));
        UnaryDriver.Run(x, y, default(TanhOperator<T>), path);
    }

    /// <summary>dx = dy·(1 − y²), from the forward output <paramref name="y"/>. Overwrites dx[..y.Length].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T> =>
        TanhBackward(y, dy, dx, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        CheckBinary(y, dy, dx, nameof(y), nameof(dy), nameof(dx));
        BinaryDriver.Run(y, dy, dx, default(TanhBackwardOperator<T>), path);
    }

    // ---------------- sigmoid ----------------

    /// <summary>
    /// y = 1/(1 + e^−x); exactly 0 or 1 far out (never NaN), tiny values down to the subnormal
    /// range for large negative x, NaN stays NaN. <paramref name="y"/> needs at least x.Length elements.
    /// </summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Sigmoid(x, y, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> y, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        CheckUnary(x, y, nameof(y));
        UnaryDriver.Run(x, y, default(SigmoidOperator<T>), path);
    }

    /// <summary>dx = dy·y·(1 − y), from the forward output <paramref name="y"/>. Overwrites dx[..y.Length].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SigmoidBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T> =>
        SigmoidBackward(y, dy, dx, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SigmoidBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        CheckBinary(y, dy, dx, nameof(y), nameof(dy), nameof(dx));
        BinaryDriver.Run(y, dy, dx, default(SigmoidBackwardOperator<T>), path);
    }

    // ---------------- argument checks ----------------

    /// <summary>y at least as long as x, and y either x itself or disjoint from it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckUnary<T>(ReadOnlySpan<T> x, Span<T> y, string yName)
    {
        ThrowHelper.RequireAtLeast(x.Length, y.Length, yName);
        ThrowHelper.RequireSameOrDisjoint(x, y[..x.Length], yName);
    }

    /// <summary>b as long as a, dst at least as long, dst either a/b itself or disjoint from them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckBinary<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> dst, string aName, string bName, string dstName)
    {
        _ = aName;
        ThrowHelper.RequireSameLength(a.Length, b.Length, bName);
        ThrowHelper.RequireAtLeast(a.Length, dst.Length, dstName);
        ThrowHelper.RequireSameOrDisjoint(a, dst[..a.Length], dstName);
        ThrowHelper.RequireSameOrDisjoint(b, dst[..a.Length], dstName);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Soft-thresholding (the proximal map of τ·|w|): sign(w)·max(|w| − τ, 0), computed as
/// w − clamp(w, −τ, τ). That form is exact where it matters: |w| ≤ τ gives w − w = +0 exactly,
/// and |w| &gt; τ gives w ∓ τ rounded once, the same rounding as |w| − τ. NaN stays NaN
/// (Min/Max propagate it).
/// </summary>
internal readonly struct SoftThresholdOperator<T>(T threshold) : IParamOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _tau = threshold;
    private readonly T _negTau = -threshold;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T w) => w - T.Min(T.Max(w, _negTau), _tau);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> w) => w - Vector.Min(Vector.Max(w, new Vector<T>(_negTau)), new Vector<T>(_tau));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> w) => w - Vector256.Min(Vector256.Max(w, Vector256.Create(_negTau)), Vector256.Create(_tau));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> w) => w - Vector512.Min(Vector512.Max(w, Vector512.Create(_negTau)), Vector512.Create(_tau));
}

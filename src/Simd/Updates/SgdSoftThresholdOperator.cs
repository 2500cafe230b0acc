using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Proximal gradient step for L1 (ISTA): w' = w − lr·g (one fma), then soft-threshold w' at
/// τ = lr·l1. Fuses <see cref="SgdOperator{T}"/> (without decay) and
/// <see cref="SoftThresholdOperator{T}"/> into one pass.
/// </summary>
internal readonly struct SgdSoftThresholdOperator<T>(T lr, T threshold) : IParamGradOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _negLr = -lr;
    private readonly SoftThresholdOperator<T> _prox = new(threshold);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T w, T g) => _prox.Invoke(VectorMath.MultiplyAdd(_negLr, g, w));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> w, Vector<T> g) => _prox.Invoke(VectorMath.MultiplyAdd(new Vector<T>(_negLr), g, w));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> w, Vector256<T> g) => _prox.Invoke(VectorMath.MultiplyAdd(Vector256.Create(_negLr), g, w));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> w, Vector512<T> g) => _prox.Invoke(VectorMath.MultiplyAdd(Vector512.Create(_negLr), g, w));
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// x·s: the max-norm constraint's row rescaling (an update, <see cref="IParamOperator{T}"/>) and
/// softmax's normalisation by 1/Σ (an activation step, <see cref="IUnaryOperator{T}"/>).
/// </summary>
internal readonly struct ScaleOperator<T>(T scale) : IParamOperator<T>, IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _s = scale;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T w) => w * _s;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> w) => w * _s;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> w) => w * _s;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> w) => w * _s;
}

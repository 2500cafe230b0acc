using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>w := s·w (the rescaling step of the max-norm constraint).</summary>
internal readonly struct ScaleOperator<T>(T scale) : IParamOperator<T>
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

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Plain SGD with coupled weight decay, as torch.optim.SGD with momentum = 0:
/// g' = g + wd·w (only when wd ≠ 0, as PyTorch skips it), w := w − lr·g'. Both steps are fused
/// multiply-adds, as ATen's add-with-alpha kernel.
/// </summary>
internal readonly struct SgdOperator<T>(T lr, T weightDecay) : IParamGradOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _negLr = -lr;
    private readonly T _wd = weightDecay;
    private readonly bool _decay = weightDecay != T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T w, T g)
    {
        if (_decay) g = VectorMath.MultiplyAdd(_wd, w, g);
        return VectorMath.MultiplyAdd(_negLr, g, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Invoke(Vector<T> w, Vector<T> g)
    {
        if (_decay) g = VectorMath.MultiplyAdd(new Vector<T>(_wd), w, g);
        return VectorMath.MultiplyAdd(new Vector<T>(_negLr), g, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> w, Vector256<T> g)
    {
        if (_decay) g = VectorMath.MultiplyAdd(Vector256.Create(_wd), w, g);
        return VectorMath.MultiplyAdd(Vector256.Create(_negLr), g, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> w, Vector512<T> g)
    {
        if (_decay) g = VectorMath.MultiplyAdd(Vector512.Create(_wd), w, g);
        return VectorMath.MultiplyAdd(Vector512.Create(_negLr), g, w);
    }
}

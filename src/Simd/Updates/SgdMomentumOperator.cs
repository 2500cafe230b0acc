using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// SGD with momentum, as torch.optim.SGD (momentum &gt; 0): g' = g + wd·w (when wd ≠ 0);
/// buf := first step ? g' : μ·buf + (1 − dampening)·g'; step = nesterov ? g' + μ·buf : buf;
/// w := w − lr·step. The flags are loop-invariant fields: one well-predicted branch per vector.
/// </summary>
internal readonly struct SgdMomentumOperator<T> : IParamGradStateOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _negLr, _wd, _mu, _oneMinusDampening;
    private readonly bool _decay, _nesterov, _firstStep;

    public SgdMomentumOperator(in SgdSettings<T> s, bool firstStep)
    {
        _negLr = T.CreateTruncating(-s.Lr);
        _wd = T.CreateTruncating(s.WeightDecay);
        _mu = T.CreateTruncating(s.Momentum);
        _oneMinusDampening = T.CreateTruncating(1 - s.Dampening);
        _decay = s.WeightDecay != 0;
        _nesterov = s.Nesterov;
        _firstStep = firstStep;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref T w, T g, ref T buf)
    {
        if (_decay) g = VectorMath.MultiplyAdd(_wd, w, g);
        buf = _firstStep ? g : VectorMath.MultiplyAdd(_oneMinusDampening, g, buf * _mu);
        T step = _nesterov ? VectorMath.MultiplyAdd(_mu, buf, g) : buf;
        w = VectorMath.MultiplyAdd(_negLr, step, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref Vector<T> w, Vector<T> g, ref Vector<T> buf)
    {
        if (_decay) g = VectorMath.MultiplyAdd(new Vector<T>(_wd), w, g);
        buf = _firstStep ? g : VectorMath.MultiplyAdd(new Vector<T>(_oneMinusDampening), g, buf * _mu);
        Vector<T> step = _nesterov ? VectorMath.MultiplyAdd(new Vector<T>(_mu), buf, g) : buf;
        w = VectorMath.MultiplyAdd(new Vector<T>(_negLr), step, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref Vector256<T> w, Vector256<T> g, ref Vector256<T> buf)
    {
        if (_decay) g = VectorMath.MultiplyAdd(Vector256.Create(_wd), w, g);
        buf = _firstStep ? g : VectorMath.MultiplyAdd(Vector256.Create(_oneMinusDampening), g, buf * _mu);
        Vector256<T> step = _nesterov ? VectorMath.MultiplyAdd(Vector256.Create(_mu), buf, g) : buf;
        w = VectorMath.MultiplyAdd(Vector256.Create(_negLr), step, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref Vector512<T> w, Vector512<T> g, ref Vector512<T> buf)
    {
        if (_decay) g = VectorMath.MultiplyAdd(Vector512.Create(_wd), w, g);
        buf = _firstStep ? g : VectorMath.MultiplyAdd(Vector512.Create(_oneMinusDampening), g, buf * _mu);
        Vector512<T> step = _nesterov ? VectorMath.MultiplyAdd(Vector512.Create(_mu), buf, g) : buf;
        w = VectorMath.MultiplyAdd(Vector512.Create(_negLr), step, w);
    }
}

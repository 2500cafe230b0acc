using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// One Adam / AdamW / AMSGrad step as PyTorch's single-tensor (non-foreach, non-capturable)
/// implementation, per element and in its order of operations:
/// <code>
/// if wd ≠ 0:  AdamW: w *= 1 − lr·wd          Adam: g += wd·w   (fma, as add-with-alpha)
/// m = lerp(m, g, 1 − β1)                       (ATen's two-sided lerp formula)
/// v = v·β2 + ((1 − β2)·g)·g                    (mul_ then addcmul_, no fma)
/// AMSGrad: vmax = max(vmax, v), use vmax for v
/// denom = sqrt(v) / sqrt(1 − β2^t) + eps
/// w = w + (−lr/(1 − β1^t) · m) / denom         (addcdiv_)
/// </code>
/// The scalars (1 − lr·wd, bias corrections, step size) are computed in double, as Python does,
/// and rounded to T once.
/// </summary>
internal readonly struct AdamOperator<T> : IParamGradMomentsOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _wd, _decayFactor, _lerpWeight, _oneMinusLerpWeight, _beta2, _oneMinusBeta2, _bc2Sqrt, _eps, _negStepSize;
    private readonly bool _coupled, _decoupled, _lerpSmall, _amsgrad;

    public AdamOperator(in AdamSettings<T> s, long step)
    {
        double lr = s.Lr, beta1 = s.Beta1, beta2 = s.Beta2, wd = s.WeightDecay;
        _wd = T.CreateTruncating(wd);
        _coupled = wd != 0 && !s.Decoupled;
        _decoupled = wd != 0 && s.Decoupled;
        _decayFactor = T.CreateTruncating(1 - lr * wd);
        _lerpWeight = T.CreateTruncating(1 - beta1);
        _lerpSmall = T.Abs(_lerpWeight) < T.CreateTruncating(0.5);
        _oneMinusLerpWeight = T.One - _lerpWeight;
        _beta2 = T.CreateTruncating(beta2);
        _oneMinusBeta2 = T.CreateTruncating(1 - beta2);
        _bc2Sqrt = T.CreateTruncating(Math.Sqrt(1 - Math.Pow(beta2, step)));
        _eps = T.CreateTruncating(s.Eps);
        _negStepSize = T.CreateTruncating(-(lr / (1 - Math.Pow(beta1, step))));
        _amsgrad = s.Amsgrad;
    }

    public bool UsesThirdState => _amsgrad;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref T w, T g, ref T m, ref T v, ref T vmax)
    {
        if (_decoupled) w *= _decayFactor;
        if (_coupled) g = VectorMath.MultiplyAdd(_wd, w, g);
        T d = g - m;
        m = _lerpSmall ? VectorMath.MultiplyAdd(_lerpWeight, d, m) : VectorMath.MultiplyAdd(-_oneMinusLerpWeight, d, g);
        v = v * _beta2 + _oneMinusBeta2 * g * g;
        T vUse = v;
        if (_amsgrad) vUse = vmax = T.Max(vmax, v);
        T denom = T.Sqrt(vUse) / _bc2Sqrt + _eps;
        w += _negStepSize * m / denom;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref Vector<T> w, Vector<T> g, ref Vector<T> m, ref Vector<T> v, ref Vector<T> vmax)
    {
        if (_decoupled) w *= _decayFactor;
        if (_coupled) g = VectorMath.MultiplyAdd(new Vector<T>(_wd), w, g);
        Vector<T> d = g - m;
        m = _lerpSmall ? VectorMath.MultiplyAdd(new Vector<T>(_lerpWeight), d, m) : VectorMath.MultiplyAdd(new Vector<T>(-_oneMinusLerpWeight), d, g);
        v = v * _beta2 + _oneMinusBeta2 * g * g;
        Vector<T> vUse = v;
        if (_amsgrad) vUse = vmax = Vector.Max(vmax, v);
        Vector<T> denom = Vector.SquareRoot(vUse) / new Vector<T>(_bc2Sqrt) + new Vector<T>(_eps);
        w += _negStepSize * m / denom;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref Vector256<T> w, Vector256<T> g, ref Vector256<T> m, ref Vector256<T> v, ref Vector256<T> vmax)
    {
        if (_decoupled) w *= _decayFactor;
        if (_coupled) g = VectorMath.MultiplyAdd(Vector256.Create(_wd), w, g);
        Vector256<T> d = g - m;
        m = _lerpSmall ? VectorMath.MultiplyAdd(Vector256.Create(_lerpWeight), d, m) : VectorMath.MultiplyAdd(Vector256.Create(-_oneMinusLerpWeight), d, g);
        v = v * _beta2 + _oneMinusBeta2 * g * g;
        Vector256<T> vUse = v;
        if (_amsgrad) vUse = vmax = Vector256.Max(vmax, v);
        Vector256<T> denom = Vector256.Sqrt(vUse) / Vector256.Create(_bc2Sqrt) + Vector256.Create(_eps);
        w += _negStepSize * m / denom;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref Vector512<T> w, Vector512<T> g, ref Vector512<T> m, ref Vector512<T> v, ref Vector512<T> vmax)
    {
        if (_decoupled) w *= _decayFactor;
        if (_coupled) g = VectorMath.MultiplyAdd(Vector512.Create(_wd), w, g);
        Vector512<T> d = g - m;
        m = _lerpSmall ? VectorMath.MultiplyAdd(Vector512.Create(_lerpWeight), d, m) : VectorMath.MultiplyAdd(Vector512.Create(-_oneMinusLerpWeight), d, g);
        v = v * _beta2 + _oneMinusBeta2 * g * g;
        Vector512<T> vUse = v;
        if (_amsgrad) vUse = vmax = Vector512.Max(vmax, v);
        Vector512<T> denom = Vector512.Sqrt(vUse) / Vector512.Create(_bc2Sqrt) + Vector512.Create(_eps);
        w += _negStepSize * m / denom;
    }
}

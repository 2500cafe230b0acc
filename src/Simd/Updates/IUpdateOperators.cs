using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

// The element-wise update shapes, one interface per shape. Each operator is a readonly struct
// holding its scalar parameters (lr, decay, betas, ...) and says what happens to ONE element
// (or one vector of elements) at each width; UpdateDriver owns dispatch, unrolling and the tail.
// Every width must perform the same IEEE operations in the same order (fma where fma), so all
// paths give bitwise-identical results and the scalar tail matches the vector body.

/// <summary>w := f(w): in-place transforms of one span (soft-threshold, scaling).</summary>
internal interface IParamOperator<T> where T : unmanaged
{
    T Invoke(T w);
    Vector<T> Invoke(Vector<T> w);
    Vector256<T> Invoke(Vector256<T> w);
    Vector512<T> Invoke(Vector512<T> w);
}

/// <summary>w := f(w, g): stateless optimizer steps (plain SGD, SGD + proximal L1).</summary>
internal interface IParamGradOperator<T> where T : unmanaged
{
    T Invoke(T w, T g);
    Vector<T> Invoke(Vector<T> w, Vector<T> g);
    Vector256<T> Invoke(Vector256<T> w, Vector256<T> g);
    Vector512<T> Invoke(Vector512<T> w, Vector512<T> g);
}

/// <summary>(w, s) := f(w, g, s): optimizer steps with one state tensor (SGD momentum buffer).</summary>
internal interface IParamGradStateOperator<T> where T : unmanaged
{
    void Invoke(ref T w, T g, ref T s);
    void Invoke(ref Vector<T> w, Vector<T> g, ref Vector<T> s);
    void Invoke(ref Vector256<T> w, Vector256<T> g, ref Vector256<T> s);
    void Invoke(ref Vector512<T> w, Vector512<T> g, ref Vector512<T> s);
}

/// <summary>
/// (w, s1, s2, s3) := f(w, g, s1, s2, s3): optimizer steps with two or three state tensors
/// (Adam's first and second moments, and AMSGrad's running max). When
/// <see cref="UsesThirdState"/> is false the driver never loads or stores s3 (it may be empty).
/// </summary>
internal interface IParamGradMomentsOperator<T> where T : unmanaged
{
    bool UsesThirdState { get; }

    void Invoke(ref T w, T g, ref T s1, ref T s2, ref T s3);
    void Invoke(ref Vector<T> w, Vector<T> g, ref Vector<T> s1, ref Vector<T> s2, ref Vector<T> s3);
    void Invoke(ref Vector256<T> w, Vector256<T> g, ref Vector256<T> s1, ref Vector256<T> s2, ref Vector256<T> s3);
    void Invoke(ref Vector512<T> w, Vector512<T> g, ref Vector512<T> s1, ref Vector512<T> s2, ref Vector512<T> s3);
}

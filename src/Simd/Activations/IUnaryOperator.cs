using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// An element-wise y = f(x), written once per vector width. Instance methods, so an operator
/// can carry parameters (a row max, a scale) in its fields; <see cref="UnaryDriver"/> owns
/// dispatch, the loop and the tail.
/// </summary>
internal interface IUnaryOperator<T> where T : unmanaged
{
    T Invoke(T x);
    Vector<T> Invoke(Vector<T> x);
    Vector256<T> Invoke(Vector256<T> x);
    Vector512<T> Invoke(Vector512<T> x);
}

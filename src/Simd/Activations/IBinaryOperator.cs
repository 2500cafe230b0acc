using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// An element-wise z = f(a, b) (backward kernels: a is the saved input or output, b the
/// incoming gradient), written once per vector width; <see cref="BinaryDriver"/> runs it.
/// </summary>
internal interface IBinaryOperator<T> where T : unmanaged
{
    T Invoke(T a, T b);
    Vector<T> Invoke(Vector<T> a, Vector<T> b);
    Vector256<T> Invoke(Vector256<T> a, Vector256<T> b);
    Vector512<T> Invoke(Vector512<T> a, Vector512<T> b);
}

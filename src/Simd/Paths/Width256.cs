using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>The <see cref="VectorWidth.Bits256"/> width: <see cref="Vector256{T}"/>.</summary>
internal readonly struct Width256<T> : IVectorWidth<T, Vector256<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256<T>.Count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T p, nuint i) => Vector256.LoadUnsafe(ref p, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> v, ref T p, nuint i) => v.StoreUnsafe(ref p, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Apply<TOp>(TOp op, Vector256<T> x) where TOp : struct, IUnaryOperator<T> => op.Invoke(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Apply<TOp>(TOp op, Vector256<T> a, Vector256<T> b) where TOp : struct, IBinaryOperator<T> => op.Invoke(a, b);
}

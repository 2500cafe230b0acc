using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>The <see cref="VectorWidth.Bits512"/> width: <see cref="Vector512{T}"/>.</summary>
internal readonly struct Width512<T> : IVectorWidth<T, Vector512<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<T>.Count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T p, nuint i) => Vector512.LoadUnsafe(ref p, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> v, ref T p, nuint i) => v.StoreUnsafe(ref p, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Apply<TOp>(TOp op, Vector512<T> x) where TOp : struct, IUnaryOperator<T> => op.Invoke(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Apply<TOp>(TOp op, Vector512<T> a, Vector512<T> b) where TOp : struct, IBinaryOperator<T> => op.Invoke(a, b);
}

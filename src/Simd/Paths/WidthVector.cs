using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastReg.Simd;

/// <summary>The <see cref="VectorWidth.Vector"/> width: <see cref="Vector{T}"/>, whatever size the runtime chose.</summary>
internal readonly struct WidthVector<T> : IVectorWidth<T, Vector<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector<T>.Count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load(ref T p, nuint i) => Vector.LoadUnsafe(ref p, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<T> v, ref T p, nuint i) => v.StoreUnsafe(ref p, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Apply<TOp>(TOp op, Vector<T> x) where TOp : struct, IUnaryOperator<T> => op.Invoke(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Apply<TOp>(TOp op, Vector<T> a, Vector<T> b) where TOp : struct, IBinaryOperator<T> => op.Invoke(a, b);
}

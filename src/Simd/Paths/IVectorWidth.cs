using System.Numerics;

namespace FastReg.Simd;

/// <summary>
/// One vector width as a type (<see cref="Width512{T}"/>, <see cref="Width256{T}"/>,
/// <see cref="WidthVector{T}"/>), so a driver writes its loop once and instantiates it per width:
/// each instantiation is its own method, compiled and inlined on its own budget, as a hand-written
/// copy per width was. Every member is a one-line forward, inlined away.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TVector">The vector type of this width.</typeparam>
internal interface IVectorWidth<T, TVector>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
{
    /// <summary>Elements per vector.</summary>
    static abstract int Count { get; }

    /// <summary>The vector at p + i (no bounds check).</summary>
    static abstract TVector Load(ref T p, nuint i);

    /// <summary>Stores v at p + i (no bounds check).</summary>
    static abstract void Store(TVector v, ref T p, nuint i);

    /// <summary>The unary operator's overload for this width.</summary>
    static abstract TVector Apply<TOp>(TOp op, TVector x) where TOp : struct, IUnaryOperator<T>;

    /// <summary>The binary operator's overload for this width.</summary>
    static abstract TVector Apply<TOp>(TOp op, TVector a, TVector b) where TOp : struct, IBinaryOperator<T>;
}

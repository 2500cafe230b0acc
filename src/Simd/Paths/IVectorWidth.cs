using System.Numerics;

namespace FastReg.Simd;

/// <summary>
/// One vector width as a type (<see cref="Width512{T}"/>, <see cref="Width256{T}"/>,
/// <see cref="WidthVector{T}"/>), so a driver writes its loop once and instantiates it per width:
/// each instantiation is its own method, compiled and inlined on its own budget, as a hand-written
/// copy per width was. Every member is a one-line forward, inlined away: lane operations (loads,
/// stores, masks) and, for each operator shape, the call of that shape's overload at this width.
/// The arithmetic stays in the operators, so the lanes may be integers too (counts, top-k keys).
/// </summary>
/// <typeparam name="T">The lane type.</typeparam>
/// <typeparam name="TVector">The vector of <typeparamref name="T"/> at this width.</typeparam>
internal interface IVectorWidth<T, TVector>
    where T : unmanaged
    where TVector : unmanaged
{
    /// <summary>Elements per vector.</summary>
    static abstract int Count { get; }

    /// <summary>The vector at p + i (no bounds check).</summary>
    static abstract TVector Load(ref T p, nuint i);

    /// <summary>Stores v at p + i (no bounds check).</summary>
    static abstract void Store(TVector v, ref T p, nuint i);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Create(T value);

    /// <summary>Lane i holds i.</summary>
    static abstract TVector Indices { get; }

    static abstract TVector Add(TVector a, TVector b);

    static abstract TVector BitwiseAnd(TVector a, TVector b);

    /// <summary>All ones in the lanes where a &lt; b, else zero.</summary>
    static abstract TVector LessThan(TVector a, TVector b);

    /// <summary>All ones in the lanes where a &gt; b, else zero.</summary>
    static abstract TVector GreaterThan(TVector a, TVector b);

    /// <summary>Whether some lane of a equals that lane of b.</summary>
    static abstract bool EqualsAny(TVector a, TVector b);

    /// <summary>Lanes of <paramref name="ifTrue"/> where <paramref name="mask"/> is set, else of <paramref name="ifFalse"/>.</summary>
    static abstract TVector ConditionalSelect(TVector mask, TVector ifTrue, TVector ifFalse);

    /// <summary>The unary operator's overload for this width.</summary>
    static abstract TVector Apply<TOp>(TOp op, TVector x) where TOp : struct, IUnaryOperator<T>;

    /// <summary>The binary operator's overload for this width.</summary>
    static abstract TVector Apply<TOp>(TOp op, TVector a, TVector b) where TOp : struct, IBinaryOperator<T>;

    /// <summary>w := op(w) at this width.</summary>
    static abstract TVector Update<TOp>(TOp op, TVector w) where TOp : struct, IParamOperator<T>;

    /// <summary>w := op(w, g) at this width.</summary>
    static abstract TVector Update<TOp>(TOp op, TVector w, TVector g) where TOp : struct, IParamGradOperator<T>;

    /// <summary>(w, s) := op(w, g, s) at this width.</summary>
    static abstract void Update<TOp>(TOp op, ref TVector w, TVector g, ref TVector s) where TOp : struct, IParamGradStateOperator<T>;

    /// <summary>(w, s1, s2, s3) := op(w, g, s1, s2, s3) at this width.</summary>
    static abstract void Update<TOp>(TOp op, ref TVector w, TVector g, ref TVector s1, ref TVector s2, ref TVector s3)
        where TOp : struct, IParamGradMomentsOperator<T>;

    /// <summary>
    /// Folds the vector of <typeparamref name="TIn"/> at x + i into the accumulator (whose lanes,
    /// <typeparamref name="T"/>, are as wide as the input's: int counts of floats, say).
    /// </summary>
    static abstract TVector Accumulate<TOp, TIn>(TVector acc, ref TIn x, nuint i)
        where TOp : IAggregateOperator<TIn, T>
        where TIn : unmanaged;

    /// <summary>Folds the pair (x, y) into the accumulator (a dot product's fused multiply-add).</summary>
    static abstract TVector Accumulate<TOp>(TVector acc, TVector x, TVector y) where TOp : IBinaryAggregateOperator<T>;

    /// <summary>
    /// Folds the 2·<see cref="Count"/> floats at x + i, widened to two vectors of double, into the
    /// accumulator (<typeparamref name="T"/> is double).
    /// </summary>
    static abstract TVector AccumulateWidened<TOp>(TVector acc, ref float x, nuint i) where TOp : IWideningAggregateOperator;

    /// <summary>Merges two vector accumulators.</summary>
    static abstract TVector Combine<TOp>(TVector a, TVector b) where TOp : IAccumulator<T>;

    /// <summary>Folds the lanes of a vector accumulator into one value.</summary>
    static abstract T Reduce<TOp>(TVector v) where TOp : IAccumulator<T>;
}

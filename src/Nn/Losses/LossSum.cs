namespace FastReg.Nn;

/// <summary>
/// How a loss adds up its per-element terms. Training uses <see cref="PlainSum{T}"/>; the gradient
/// checker uses <see cref="CompensatedSum{T}"/>, because over thousands of rows the rounding of a
/// plain sum (≈ u·|J|·√n) would be the largest error in f(θ + h) − f(θ − h). A struct type argument,
/// so each loss loop is compiled once per kind of sum, with no call per element.
/// </summary>
internal interface ILossSum<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    void Add(T term);

    /// <summary>The loss: the sum times <paramref name="scale"/> (1/m), which the sum also keeps.</summary>
    T Scaled(T scale);
}

/// <summary>total += term, left to right.</summary>
internal struct PlainSum<T> : ILossSum<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T _total;

    public void Add(T term) => _total += term;

    public readonly T Scaled(T scale) => _total * scale;
}

/// <summary>Neumaier's compensated sum: the result is as if summed in twice the precision.</summary>
internal struct CompensatedSum<T> : ILossSum<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T _total, _carry;

    /// <summary>The sum as an unevaluated pair High + Low, and the scale the loss applies: the checker differences the parts before scaling, keeping digits a rounded J would lose.</summary>
    public readonly T High => _total;

    public readonly T Low => _carry;

    public T Scale { get; private set; }

    public void Add(T term)
    {
        T next = _total + term;
        _carry += T.Abs(_total) >= T.Abs(term) ? (_total - next) + term : (term - next) + _total;
        _total = next;
    }

    public T Scaled(T scale)
    {
        Scale = scale;
        return (_total + _carry) * scale;
    }
}

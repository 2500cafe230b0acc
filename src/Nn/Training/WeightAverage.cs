namespace FastReg.Nn.Training;

/// <summary>
/// A running average of a model's parameters, as torch.optim.swa_utils.AveragedModel keeps one: the
/// first <see cref="Update"/> copies the parameters, later ones fold them in. An exponential moving
/// average (<see cref="Ema"/>) uses avg := decay·avg + (1 − decay)·w, the avg_fn of PyTorch's EMA
/// recipe; stochastic weight averaging (<see cref="Swa"/>) uses AveragedModel's default, the equal-weight
/// mean avg := avg + (w − avg)/(n + 1). The buffer is allocated once: updates allocate nothing.
/// </summary>
public sealed class WeightAverage<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _average;
    private readonly double _decay; // NaN: equal-weight (SWA)

    private WeightAverage(int parameterCount, double decay)
    {
        _average = new T[parameterCount];
        _decay = decay;
    }

    /// <summary>An exponential moving average with <paramref name="decay"/> in [0, 1) (e.g. 0.999).</summary>
    public static WeightAverage<T> Ema(int parameterCount, double decay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        if (!(decay >= 0 && decay < 1)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "The EMA decay must lie in [0, 1).");
        return new(parameterCount, decay);
    }

    /// <summary>The equal-weight average of every update (SWA).</summary>
    public static WeightAverage<T> Swa(int parameterCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        return new(parameterCount, double.NaN);
    }

    /// <summary>How many parameter vectors were folded in (AveragedModel's n_averaged).</summary>
    public long Count { get; private set; }

    /// <summary>The averaged parameters, in the model's arena order.</summary>
    public ReadOnlySpan<T> Average => _average;

    /// <summary>Folds <paramref name="parameters"/> in (AveragedModel.update_parameters).</summary>
    public void Update(ReadOnlySpan<T> parameters)
    {
        if (parameters.Length != _average.Length)
            throw new ArgumentException($"The average holds {_average.Length} parameters, not {parameters.Length}.", nameof(parameters));
        Span<T> a = _average;
        if (Count == 0) parameters.CopyTo(a);
        else if (double.IsNaN(_decay))
        {
            T n1 = T.CreateTruncating(Count + 1);
            for (int i = 0; i < a.Length; i++) a[i] += (parameters[i] - a[i]) / n1;
        }
        else
        {
            T d = T.CreateTruncating(_decay), oneMinus = T.CreateTruncating(1 - _decay);
            for (int i = 0; i < a.Length; i++) a[i] = d * a[i] + oneMinus * parameters[i];
        }
        Count++;
    }

    /// <summary>Forgets every update.</summary>
    public void Reset()
    {
        Count = 0;
        Array.Clear(_average);
    }
}

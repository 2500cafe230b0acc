namespace FastReg.Nn;

/// <summary>
/// How a parameter tensor is filled when its model is built. Each tensor draws from its own stream,
/// keyed by the model's seed, the layer's index and the tensor's place in the layer, so a layer's
/// initial values do not depend on the layers around it.
/// </summary>
public abstract class ParameterInit
{
    private protected ParameterInit() { }

    /// <summary>All zeros (biases).</summary>
    public static ParameterInit Zeros { get; } = new ConstantInit(0);

    /// <summary>Every entry <paramref name="value"/>.</summary>
    public static ParameterInit Constant(double value) =>
        double.IsFinite(value) ? new ConstantInit(value) : throw new ArgumentOutOfRangeException(nameof(value), value, "An initial value must be finite.");

    /// <summary>U(−bound, bound), drawn as (2u − 1)·bound (He and Xavier uniform are this with their bounds).</summary>
    public static ParameterInit Uniform(double bound) =>
        bound >= 0 && double.IsFinite(bound) ? new UniformInit(bound) : throw new ArgumentOutOfRangeException(nameof(bound), bound, "A uniform bound must be finite and non-negative.");

    /// <summary>N(mean, std²), drawn as mean + std·z with z standard normal.</summary>
    public static ParameterInit Normal(double mean, double std) =>
        double.IsFinite(mean) && std >= 0 && double.IsFinite(std)
            ? new NormalInit(mean, std)
            : throw new ArgumentOutOfRangeException(nameof(std), std, "A normal initialisation needs a finite mean and a finite non-negative std.");

    /// <summary>The user's own fill: row-major values and a generator seeded from the tensor's stream.</summary>
    public static ParameterInit Custom(Action<Span<double>, Random> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return new CustomInit(fill);
    }

    /// <summary>Fills <paramref name="values"/> from the stream <paramref name="streamKey"/>.</summary>
    internal abstract void Fill<T>(Span<T> values, ulong streamKey) where T : unmanaged, IFloatingPointIeee754<T>;

    private sealed class ConstantInit(double value) : ParameterInit
    {
        internal override void Fill<T>(Span<T> values, ulong streamKey) => values.Fill(T.CreateTruncating(value));
    }

    private sealed class UniformInit(double bound) : ParameterInit
    {
        internal override void Fill<T>(Span<T> values, ulong streamKey)
        {
            var rng = new SplitMix64(streamKey);
            for (int i = 0; i < values.Length; i++) values[i] = T.CreateTruncating((2 * rng.NextUniform() - 1) * bound);
        }
    }

    private sealed class NormalInit(double mean, double std) : ParameterInit
    {
        internal override void Fill<T>(Span<T> values, ulong streamKey)
        {
            var rng = new SplitMix64(streamKey);
            for (int i = 0; i < values.Length; i++) values[i] = T.CreateTruncating(mean + std * rng.NextNormal());
        }
    }

    private sealed class CustomInit(Action<Span<double>, Random> fill) : ParameterInit
    {
        internal override void Fill<T>(Span<T> values, ulong streamKey)
        {
            var data = new double[values.Length];
            fill(data, new Random(unchecked((int)(streamKey ^ (streamKey >> 32)))));
            for (int i = 0; i < data.Length; i++)
            {
                if (!double.IsFinite(data[i])) throw new InvalidOperationException($"A custom initialisation wrote {data[i]} at index {i}; initial values must be finite.");
                values[i] = T.CreateTruncating(data[i]);
            }
        }
    }
}

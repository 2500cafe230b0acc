using System.Numerics;

namespace FastReg.Nn.Training;

/// <summary>
/// A label-preserving transform applied in place to each training mini-batch (never to
/// validation or test data). Implementations allocate nothing per call and draw their
/// randomness from <see cref="CounterRandom"/> keyed by (seed, step, row), so a run is
/// reproducible bit for bit.
/// </summary>
public interface IBatchAugmentation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Transforms <paramref name="x"/> ([batch, features], row-major) in place for training step <paramref name="step"/>.</summary>
    void Apply(Span<T> x, int batch, int features, long step);
}

/// <summary>Additive Gaussian input noise: x += σ·N(0, 1) per element.</summary>
public sealed class GaussianNoise<T> : IBatchAugmentation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ulong _seed;

    /// <summary>Noise with standard deviation <paramref name="stdDev"/>, seeded.</summary>
    public GaussianNoise(double stdDev, ulong seed = 0)
    {
        if (!(stdDev >= 0) || double.IsInfinity(stdDev))
            throw new ArgumentOutOfRangeException(nameof(stdDev), stdDev, "The noise standard deviation must be a non-negative finite number.");
        StdDev = stdDev;
        _seed = seed;
    }

    /// <summary>σ.</summary>
    public double StdDev { get; }

    /// <inheritdoc />
    public void Apply(Span<T> x, int batch, int features, long step)
    {
        AugmentationChecks.Shape(x, batch, features);
        int n = batch * features;
        ulong key = CounterRandom.StreamKey(_seed, step, AugmentationChecks.NoiseStream);
        // Box–Muller gives two normals from two uniforms: one pair per two elements.
        for (int i = 0; i < n; i += 2)
        {
            double r = StdDev * Math.Sqrt(-2.0 * Math.Log(CounterRandom.Uniform(key, i)));
            double theta = 2.0 * Math.PI * CounterRandom.Uniform(key, i + 1);
            x[i] += T.CreateTruncating(r * Math.Cos(theta));
            if (i + 1 < n) x[i + 1] += T.CreateTruncating(r * Math.Sin(theta));
        }
    }
}

/// <summary>
/// Random translation of small images: each row is a [height, width] image, shifted by an
/// independent (dy, dx) uniform in [−maxShift, maxShift]², vacated pixels filled with 0 (the
/// background of the 8×8 digits). For the digits, maxShift = 1.
/// </summary>
public sealed class RandomShift<T> : IBatchAugmentation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ulong _seed;
    private readonly T[] _image;

    /// <summary>Shifts [<paramref name="height"/>, <paramref name="width"/>] images by up to <paramref name="maxShift"/> pixels.</summary>
    public RandomShift(int height, int width, int maxShift = 1, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegative(maxShift);
        if (maxShift >= Math.Min(height, width))
            throw new ArgumentOutOfRangeException(nameof(maxShift), maxShift, $"A shift of {maxShift} pixels would empty a {height}x{width} image.");
        Height = height;
        Width = width;
        MaxShift = maxShift;
        _seed = seed;
        _image = new T[checked(height * width)];
    }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Largest shift in each direction.</summary>
    public int MaxShift { get; }

    /// <inheritdoc />
    public void Apply(Span<T> x, int batch, int features, long step)
    {
        AugmentationChecks.Shape(x, batch, features);
        if (features != Height * Width)
            throw new ArgumentException($"Rows have {features} features but the images are {Height}x{Width} = {Height * Width} pixels.", nameof(features));
        ulong key = CounterRandom.StreamKey(_seed, step, AugmentationChecks.ShiftStream);
        int span = 2 * MaxShift + 1;
        for (int r = 0; r < batch; r++)
        {
            int dy = (int)(CounterRandom.Uniform(key, 2 * r) * span) - MaxShift;
            int dx = (int)(CounterRandom.Uniform(key, 2 * r + 1) * span) - MaxShift;
            if (dy == 0 && dx == 0) continue;
            Span<T> row = x.Slice(r * features, features);
            row.CopyTo(_image);
            row.Clear();
            // Destination pixel (i, j) takes source (i − dy, j − dx) when that lies inside the image.
            for (int i = Math.Max(0, dy); i < Math.Min(Height, Height + dy); i++)
            {
                int si = i - dy;
                int j0 = Math.Max(0, dx), j1 = Math.Min(Width, Width + dx);
                _image.AsSpan(si * Width + j0 - dx, j1 - j0).CopyTo(row.Slice(i * Width + j0));
            }
        }
    }
}

internal static class AugmentationChecks
{
    // Stream identifiers kept apart from the layers' (which use the layer index >= 0).
    public const int NoiseStream = -1001;
    public const int ShiftStream = -1002;

    public static void Shape<T>(Span<T> x, int batch, int features)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if ((long)batch * features > x.Length)
            throw new ArgumentException($"x holds {x.Length} values, fewer than {batch} rows of {features}.", nameof(x));
    }
}

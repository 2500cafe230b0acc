using FastReg.Nn.Training;

namespace FastReg.Tests.Nn.Training;

public class AugmentationTests
{
    [Fact]
    public void Gaussian_noise_has_the_requested_spread_and_is_reproducible()
    {
        var noise = new GaussianNoise<double>(0.5, seed: 9);
        var x = new double[64 * 100];
        noise.Apply(x, 100, 64, step: 3);
        double mean = x.Average();
        double std = Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(std, 0.47, 0.53);

        var again = new double[x.Length];
        new GaussianNoise<double>(0.5, seed: 9).Apply(again, 100, 64, step: 3);
        Assert.Equal(x, again);
        var otherStep = new double[x.Length];
        noise.Apply(otherStep, 100, 64, step: 4);
        Assert.NotEqual(x, otherStep);
    }

    [Fact]
    public void Random_shift_moves_each_image_by_at_most_one_pixel_with_zero_fill()
    {
        const int h = 8, w = 8, batch = 200;
        var x = new float[batch * h * w];
        var rng = new Random(1);
        for (int i = 0; i < x.Length; i++) x[i] = rng.Next(1, 17); // no zeros: fill is visible
        float[] original = (float[])x.Clone();
        new RandomShift<float>(h, w, maxShift: 1, seed: 2).Apply(x, batch, h * w, step: 0);

        var shiftsSeen = new HashSet<(int, int)>();
        for (int r = 0; r < batch; r++)
        {
            var src = original.AsSpan(r * h * w, h * w);
            var dst = x.AsSpan(r * h * w, h * w);
            (int, int)? found = null;
            for (int dy = -1; dy <= 1 && found is null; dy++)
                for (int dx = -1; dx <= 1 && found is null; dx++)
                    if (Matches(src, dst, dy, dx)) found = (dy, dx);
            Assert.True(found.HasValue, $"row {r} is not a shift of its original by at most one pixel");
            shiftsSeen.Add(found.Value);
        }
        Assert.Equal(9, shiftsSeen.Count); // every shift in [-1, 1]² occurs among 200 rows

        static bool Matches(Span<float> src, Span<float> dst, int dy, int dx)
        {
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++)
                {
                    int si = i - dy, sj = j - dx;
                    float expected = si >= 0 && si < h && sj >= 0 && sj < w ? src[si * w + sj] : 0f;
                    if (dst[i * w + j] != expected) return false;
                }
            return true;
        }
    }

    [Fact]
    public void Augmentations_allocate_nothing_per_batch()
    {
        var x = new float[32 * 64];
        var shift = new RandomShift<float>(8, 8, 1, seed: 1);
        var noise = new GaussianNoise<float>(0.1, seed: 1);
        shift.Apply(x, 32, 64, 0);
        noise.Apply(x, 32, 64, 0);
        long allocated = Support.Allocation.Least(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int s = 1; s < 100; s++)
            {
                shift.Apply(x, 32, 64, s);
                noise.Apply(x, 32, 64, s);
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Bad_augmentation_settings_and_shapes_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise<float>(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomShift<float>(8, 8, maxShift: 8));
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => new RandomShift<float>(8, 8).Apply(new float[65], 1, 65, 0)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new GaussianNoise<float>(1).Apply(new float[10], 2, 8, 0)).ParamName);
    }
}

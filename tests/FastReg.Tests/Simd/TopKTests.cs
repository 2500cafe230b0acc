using System.Numerics;
using FastReg.Simd;
using FastReg.Tests.Support;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

public class TopKTests
{
    // Data kinds: 0 continuous, 1 many ties (few distinct magnitudes, both signs, zeros),
    // 2 raw random bit patterns over the whole exponent range (every radix digit matters).
    private static T[] Data<T>(int n, int seed, int kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        var a = new T[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = kind switch
            {
                0 => T.CreateTruncating(rng.NextDouble() * 2 - 1),
                1 => T.CreateTruncating(rng.Next(-4, 5) / 4.0),
                _ => RandomBits<T>(rng),
            };
        }
        return a;
    }

    private static T RandomBits<T>(Random rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        while (true)
        {
            T x = typeof(T) == typeof(float)
                ? T.CreateTruncating(BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next(2) << 31)))
                : T.CreateTruncating(BitConverter.Int64BitsToDouble(rng.NextInt64() ^ ((long)rng.Next(2) << 63)));
            if (!T.IsNaN(x)) return x;
        }
    }

    private static bool MatchesSortReference<T>(int n, int seed, int kind, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] g = Data<T>(n, seed, kind), expected = (T[])g.Clone(), scratch = new T[n];
        int k = new Random(seed ^ 0x5bd1e995).Next(0, n + 3);
        UpdatesReference.TopKMask<T>(expected, k);
        Updates.TopKMask<T>(g, k, scratch, path);
        return UpdateAsserts.BitwiseEqual<T>(g, expected);
    }

    public static TheoryData<SimdPath, int> Cases()
    {
        var data = new TheoryData<SimdPath, int>();
        foreach (SimdPath p in KernelPaths.All)
            for (int kind = 0; kind < 3; kind++) data.Add(p, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TopKMask_matches_a_sort_based_reference(SimdPath path, int kind)
    {
        Generators.CheckLengths((n, seed) => MatchesSortReference<float>(n, seed, kind, path), 150);
        Generators.CheckLengths((n, seed) => MatchesSortReference<double>(n, seed, kind, path), 150);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Keeps_exactly_k_with_ties_going_to_the_lowest_indices(SimdPath path)
    {
        // Magnitudes: 3 (idx 4), then 2 at idx 1, 3, 6, 9 (all tie), then 1s.
        float[] g = [1, -2, 1, 2, -3, 1, -2, 1, 1, 2, -1, 1];
        Updates.TopKMask<float>(g, 3, new float[g.Length], path);
        Assert.Equal([0, -2, 0, 2, -3, 0, 0, 0, 0, 0, 0, 0], g);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Keeps_exactly_min_k_n_entries_on_large_inputs(SimdPath path)
    {
        const int n = 4099;
        foreach (int k in new[] { 1, 2, 17, 1000, 2048, n - 1, n, n + 5 })
        {
            double[] g = Data<double>(n, k, 1);
            for (int i = 0; i < n; i++) if (g[i] == 0) g[i] = 0.125; // no zeros, so "kept" = non-zero
            Updates.TopKMask<double>(g, k, new double[n], path);
            Assert.Equal(Math.Min(k, n), g.Count(x => x != 0));
        }
    }

    [Fact]
    public void NaN_ranks_above_infinity_and_signed_zeros_tie()
    {
        float[] g = [1f, float.NaN, float.NegativeInfinity, -0f, 0f, 5f];
        Updates.TopKMask<float>(g, 2, new float[6]);
        Assert.True(float.IsNaN(g[1]));
        Assert.Equal(float.NegativeInfinity, g[2]);
        Assert.Equal([0f, 0f, 0f], g[3..]);
        Assert.Equal(0f, g[0]);

        float[] zeros = [-0f, 0f, -0f, 1f];
        Updates.TopKMask<float>(zeros, 2, new float[4]);
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(zeros[0])); // kept as is (first tie)
        Assert.Equal(1f, zeros[3]);
    }

    [Fact]
    public void Zero_k_zeroes_everything_and_large_k_keeps_everything()
    {
        float[] g = [1, -2, 3];
        Updates.TopKMask<float>(g, 3, new float[3]);
        Assert.Equal([1f, -2f, 3f], g);
        Updates.TopKMask<float>(g, 0, new float[3]);
        Assert.Equal([0f, 0f, 0f], g);
        Updates.TopKMask<float>([], 5, []);
    }

    [Fact]
    public void Validation_names_the_argument()
    {
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => Updates.TopKMask<float>(new float[4], -1, new float[4])).ParamName);
        Assert.Equal("scratch", Assert.Throws<ArgumentException>(() => Updates.TopKMask<float>(new float[4], 2, new float[3])).ParamName);
        Updates.TopKMask<float>(new float[4], 2, new float[10]); // longer scratch is fine
    }

    [Fact]
    public void Allocates_nothing()
    {
        float[] g = Generators.Uniform<float>(100_000, 3), scratch = new float[g.Length];
        Assert.Equal(0, UpdateAsserts.AllocatedBytes(() => Updates.TopKMask<float>(g, 100, scratch)));
        double[] d = Generators.Uniform<double>(10_000, 4), scratchD = new double[d.Length];
        Assert.Equal(0, UpdateAsserts.AllocatedBytes(() => Updates.TopKMask<double>(d, 10, scratchD)));
    }
}

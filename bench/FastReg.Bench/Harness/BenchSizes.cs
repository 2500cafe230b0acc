using System.Globalization;
using FastReg.Simd;

namespace FastReg.Bench;

/// <summary>
/// The sizes and paths every kernel benchmark runs over. <c>FASTREG_BENCH_SIZES</c> (e.g. "4096,1048576")
/// and <c>FASTREG_BENCH_PATHS</c> (e.g. "avx2") narrow them for a quick look; by default: the five sizes
/// of the issue and every path this CPU accelerates (an emulated path would time the emulation, not the kernel).
/// </summary>
public static class BenchSizes
{
    /// <summary>256, 4K (L1), 64K (L2), 1M (L3) and 16M (DRAM) elements.</summary>
    public static readonly int[] Default = [256, 4096, 65536, 1048576, 16777216];

    /// <summary>Sizes to run.</summary>
    public static IEnumerable<int> Sizes
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("FASTREG_BENCH_SIZES");
            return string.IsNullOrWhiteSpace(env)
                ? Default
                : env.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        }
    }

    /// <summary>Paths to run: the accelerated ones.</summary>
    public static IEnumerable<SimdPath> Paths
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("FASTREG_BENCH_PATHS");
            IEnumerable<SimdPath> paths = Isa.AcceleratedPaths;
            if (!string.IsNullOrWhiteSpace(env))
            {
                var wanted = env.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                paths = paths.Where(p => wanted.Contains(p.ToString(), StringComparer.OrdinalIgnoreCase));
            }
            return paths.ToArray();
        }
    }

    /// <summary>Random values in [-1, 1), reproducible.</summary>
    public static float[] Uniform(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < x.Length; i++) x[i] = 2 * rng.NextSingle() - 1;
        return x;
    }

    /// <summary>Random values in [lo, hi), reproducible.</summary>
    public static float[] Uniform(int n, int seed, float lo, float hi)
    {
        var rng = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < x.Length; i++) x[i] = lo + (hi - lo) * rng.NextSingle();
        return x;
    }
}

using System.Runtime.CompilerServices;

namespace FastReg.Nn;

/// <summary>
/// A counter-based generator: each uniform is a pure function of (seed, step, layer, element),
/// a SplitMix64 hash of the key. Dropout masks and gate noise drawn this way are the same bit for
/// bit whatever the number of threads or the order in which rows are visited.
/// </summary>
public static class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// The int seed of a <see cref="Random"/> (shuffles, folds) for a library seed: a seed that fits in an
    /// int (or is a negative int cast to ulong) maps to itself, so splits made when seeds were ints are unchanged;
    /// larger seeds fold their high half in.
    /// </summary>
    internal static int Int32Seed(ulong seed)
    {
        int low = unchecked((int)seed), high = unchecked((int)(seed >> 32));
        return low ^ high ^ (low >> 31); // high is 0 or −1 (low's sign) exactly for the seeds an int can hold
    }

    /// <summary>The per-(seed, step, layer) stream key; <see cref="Uniform(ulong, int)"/> then hashes the element in.</summary>
    public static ulong StreamKey(ulong seed, long step, int layer)
    {
        ulong h = Mix(seed + Golden);
        h = Mix(h ^ (ulong)step);
        return Mix(h ^ ((ulong)(uint)layer << 1 | 1UL) * Golden);
    }

    /// <summary>A uniform double in the open interval (0, 1) for one element of a stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong streamKey, int element)
    {
        // SplitMix64 at counter element+1 of a stream started at streamKey; 53 bits, centred in their cell.
        ulong h = Mix(streamKey + (ulong)(uint)(element + 1) * Golden);
        return ((h >> 11) + 0.5) * (1.0 / (1UL << 53));
    }

    /// <summary>
    /// A standard normal for one element of a stream (Box–Muller on two uniforms: the element's own and
    /// the one of a second stream derived from the key), a pure function of (stream, element).
    /// </summary>
    public static double Normal(ulong streamKey, int element)
    {
        double u1 = Uniform(streamKey, element), u2 = Uniform(Mix(streamKey ^ 0xD1B54A32D192ED03UL), element);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A uniform double in (0, 1) for the key (seed, step, layer, element).</summary>
    public static double Uniform(ulong seed, long step, int layer, int element) => Uniform(StreamKey(seed, step, layer), element);

    /// <summary>The SplitMix64 finaliser (Steele, Lea and Flood 2014).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>A sequential seeded SplitMix64 generator for parameter initialisation.</summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Next uniform in the open interval (0, 1).</summary>
    public double NextUniform()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return ((CounterRandom.Mix(_state) >> 11) + 0.5) * (1.0 / (1UL << 53));
    }

    /// <summary>Next standard normal (Box–Muller, one of the pair).</summary>
    public double NextNormal()
    {
        double u1 = NextUniform(), u2 = NextUniform();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

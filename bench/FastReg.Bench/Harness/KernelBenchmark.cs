using BenchmarkDotNet.Attributes;
using FastReg.Simd;

namespace FastReg.Bench;

/// <summary>Base of the per-path kernel benchmarks: Size over <see cref="BenchSizes.Sizes"/>, Path over the accelerated paths.</summary>
[Config(typeof(KernelConfig))]
public abstract class PathBenchmark
{
    /// <summary>Sizes to run (see <see cref="BenchSizes"/>).</summary>
    public static IEnumerable<int> SizeValues => BenchSizes.Sizes;

    /// <summary>Paths to run (see <see cref="BenchSizes"/>).</summary>
    public static IEnumerable<SimdPath> PathValues => BenchSizes.Paths;

    /// <summary>Elements per array.</summary>
    [ParamsSource(nameof(SizeValues))]
    public int Size { get; set; }

    /// <summary>Kernel path.</summary>
    [ParamsSource(nameof(PathValues))]
    public SimdPath Path { get; set; }
}

/// <summary>Base of the baseline benchmarks (scalar reference, TensorPrimitives): Size only.</summary>
[Config(typeof(KernelConfig))]
public abstract class BaselineBenchmark
{
    /// <summary>Sizes to run (see <see cref="BenchSizes"/>).</summary>
    public static IEnumerable<int> SizeValues => BenchSizes.Sizes;

    /// <summary>Elements per array.</summary>
    [ParamsSource(nameof(SizeValues))]
    public int Size { get; set; }
}

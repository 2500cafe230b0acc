using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using FastReg.Simd;

namespace FastReg.Bench.Kernels;

/// <summary>Reductions of float on each accelerated path. Traffic: each input array read once.</summary>
public class ReductionBenchmarks : PathBenchmark
{
    float[] _x = [], _y = [];

    /// <summary>Random inputs in [-1, 1).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = BenchSizes.Uniform(Size, 1);
        _y = BenchSizes.Uniform(Size, 2);
    }

    /// <summary>Σ x.</summary>
    [Benchmark, Traffic(1, 0)]
    public float Sum() => Reductions.Sum<float>(_x, Path);
}

/// <summary>The same reductions by the scalar references and by TensorPrimitives.</summary>
public class ReductionBaselines : BaselineBenchmark
{
    float[] _x = [], _y = [];

    /// <summary>Random inputs in [-1, 1).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = BenchSizes.Uniform(Size, 1);
        _y = BenchSizes.Uniform(Size, 2);
    }

    /// <summary>ReductionsReference.Sum (accumulates in double).</summary>
    [Benchmark, Traffic(1, 0)]
    public double Sum_Reference() => ReductionsReference.Sum<float>(_x);

    /// <summary>TensorPrimitives.Sum.</summary>
    [Benchmark, Traffic(1, 0)]
    public float Sum_TensorPrimitives() => TensorPrimitives.Sum<float>(_x);
}

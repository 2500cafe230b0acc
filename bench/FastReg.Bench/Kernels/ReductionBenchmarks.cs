using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using FastReg.Simd;
using FastReg.Simd.Reference;

namespace FastReg.Bench.Kernels;

// Reductions of float. Traffic: each input array is read once; nothing is written.

/// <summary><see cref="Reductions"/> on each accelerated path.</summary>
public class ReductionBenchmarks : PathBenchmark
{
    float[] _x = [], _y = [];

    /// <summary>Random inputs in [-1, 1), a quarter of them zero (for CountNonZero).</summary>
    [GlobalSetup]
    public void Setup() => (_x, _y) = ReductionData.Create(Size);

    /// <summary>Σ x.</summary>
    [Benchmark, Traffic(1, 0)]
    public float Sum() => Reductions.Sum<float>(_x, Path);

    /// <summary>Σ x·y.</summary>
    [Benchmark, Traffic(2, 0)]
    public float Dot() => Reductions.Dot<float>(_x, _y, Path);

    /// <summary>Σ x².</summary>
    [Benchmark, Traffic(1, 0)]
    public float SumOfSquares() => Reductions.SumOfSquares<float>(_x, Path);

    /// <summary>√Σ x², overflow-safe (squares summed in double).</summary>
    [Benchmark, Traffic(1, 0)]
    public float Norm() => Reductions.Norm<float>(_x, Path);

    /// <summary>Σ |x|.</summary>
    [Benchmark, Traffic(1, 0)]
    public float L1Norm() => Reductions.L1Norm<float>(_x, Path);

    /// <summary>max |x|.</summary>
    [Benchmark, Traffic(1, 0)]
    public float MaxAbs() => Reductions.MaxAbs<float>(_x, Path);

    /// <summary>#{x ≠ 0}.</summary>
    [Benchmark, Traffic(1, 0)]
    public int CountNonZero() => Reductions.CountNonZero<float>(_x, Path);
}

/// <summary>The same reductions by the scalar references and by TensorPrimitives.</summary>
public class ReductionBaselines : BaselineBenchmark
{
    float[] _x = [], _y = [];

    /// <summary>Same inputs as <see cref="ReductionBenchmarks"/>.</summary>
    [GlobalSetup]
    public void Setup() => (_x, _y) = ReductionData.Create(Size);

    /// <summary>Reference (double accumulator).</summary>
    [Benchmark, Traffic(1, 0)] public double Sum_Reference() => ReductionsReference.Sum<float>(_x);
    /// <summary>TensorPrimitives.Sum.</summary>
    [Benchmark, Traffic(1, 0)] public float Sum_TensorPrimitives() => TensorPrimitives.Sum<float>(_x);

    /// <summary>Reference (double accumulator).</summary>
    [Benchmark, Traffic(2, 0)] public double Dot_Reference() => ReductionsReference.Dot<float>(_x, _y);
    /// <summary>TensorPrimitives.Dot.</summary>
    [Benchmark, Traffic(2, 0)] public float Dot_TensorPrimitives() => TensorPrimitives.Dot<float>(_x, _y);

    /// <summary>Reference (double accumulator).</summary>
    [Benchmark, Traffic(1, 0)] public double SumOfSquares_Reference() => ReductionsReference.SumOfSquares<float>(_x);
    /// <summary>TensorPrimitives.SumOfSquares.</summary>
    [Benchmark, Traffic(1, 0)] public float SumOfSquares_TensorPrimitives() => TensorPrimitives.SumOfSquares<float>(_x);

    /// <summary>Reference (double, scaled).</summary>
    [Benchmark, Traffic(1, 0)] public double Norm_Reference() => ReductionsReference.Norm<float>(_x);
    /// <summary>TensorPrimitives.Norm (float accumulator, overflows above ~1.8e19 per element).</summary>
    [Benchmark, Traffic(1, 0)] public float Norm_TensorPrimitives() => TensorPrimitives.Norm<float>(_x);

    /// <summary>Reference (double accumulator).</summary>
    [Benchmark, Traffic(1, 0)] public double L1Norm_Reference() => ReductionsReference.L1Norm<float>(_x);
    /// <summary>TensorPrimitives.SumOfMagnitudes.</summary>
    [Benchmark, Traffic(1, 0)] public float L1Norm_TensorPrimitives() => TensorPrimitives.SumOfMagnitudes<float>(_x);

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(1, 0)] public float MaxAbs_Reference() => ReductionsReference.MaxAbs<float>(_x);
    /// <summary>TensorPrimitives.MaxMagnitude (returns the signed value; same work).</summary>
    [Benchmark, Traffic(1, 0)] public float MaxAbs_TensorPrimitives() => TensorPrimitives.MaxMagnitude<float>(_x);

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(1, 0)] public int CountNonZero_Reference() => ReductionsReference.CountNonZero<float>(_x);
}

static class ReductionData
{
    public static (float[] X, float[] Y) Create(int n)
    {
        float[] x = BenchSizes.Uniform(n, 1), y = BenchSizes.Uniform(n, 2);
        for (int i = 0; i < n; i += 4) x[i] = 0;
        return (x, y);
    }
}

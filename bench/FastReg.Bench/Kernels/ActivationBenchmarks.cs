using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using FastReg.Simd;
using FastReg.Simd.Reference;

namespace FastReg.Bench.Kernels;

// Activations on float, forward and backward. Traffic: forward reads x, writes y (2 arrays);
// backward reads the saved input or output and dy, writes dx (3 arrays). Softmax and log-softmax
// work on rows of 1024 (rows = Size / 1024; one row of Size below that).

/// <summary>Row length for the softmax benchmarks.</summary>
static class ActivationData
{
    public const int Cols = 1024;

    public static int ColsFor(int size) => Math.Min(size, Cols);

    /// <summary>x in [-4, 4), dy in [-1, 1), y = a valid softmax row output in (0, 1).</summary>
    public static (float[] X, float[] Dy, float[] Y) Create(int n)
    {
        float[] x = BenchSizes.Uniform(n, 1, -4f, 4f), dy = BenchSizes.Uniform(n, 2);
        var y = new float[n];
        int cols = ColsFor(n);
        for (int r = 0; r + cols <= n; r += cols) TensorPrimitives.SoftMax<float>(x.AsSpan(r, cols), y.AsSpan(r, cols));
        return (x, dy, y);
    }
}

/// <summary><see cref="Activations"/> on each accelerated path.</summary>
public class ActivationBenchmarks : PathBenchmark
{
    float[] _x = [], _dy = [], _y = [], _out = [];

    /// <summary>Random inputs; y is a softmax output (valid for every backward).</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_x, _dy, _y) = ActivationData.Create(Size);
        _out = new float[Size];
    }

    int Rows => Size / ActivationData.ColsFor(Size);
    int Cols => ActivationData.ColsFor(Size);

    /// <summary>max(x, 0).</summary>
    [Benchmark, Traffic(1, 1)] public void Relu() => Activations.Relu<float>(_x, _out, Path);
    /// <summary>dy·[x &gt; 0].</summary>
    [Benchmark, Traffic(2, 1)] public void ReluBackward() => Activations.ReluBackward<float>(_x, _dy, _out, Path);
    /// <summary>tanh x.</summary>
    [Benchmark, Traffic(1, 1)] public void Tanh() => Activations.Tanh<float>(_x, _out, Path);
    /// <summary>dy·(1 − y²).</summary>
    [Benchmark, Traffic(2, 1)] public void TanhBackward() => Activations.TanhBackward<float>(_y, _dy, _out, Path);
    /// <summary>1 / (1 + e^−x).</summary>
    [Benchmark, Traffic(1, 1)] public void Sigmoid() => Activations.Sigmoid<float>(_x, _out, Path);
    /// <summary>dy·y·(1 − y).</summary>
    [Benchmark, Traffic(2, 1)] public void SigmoidBackward() => Activations.SigmoidBackward<float>(_y, _dy, _out, Path);
    /// <summary>Row-wise softmax.</summary>
    [Benchmark, Traffic(1, 1)] public void Softmax() => Activations.Softmax<float>(_x, _out, Rows, Cols, Path);
    /// <summary>y ⊙ (dy − ⟨y, dy⟩) per row.</summary>
    [Benchmark, Traffic(2, 1)] public void SoftmaxBackward() => Activations.SoftmaxBackward<float>(_y, _dy, _out, Rows, Cols, Path);
    /// <summary>Row-wise log-softmax.</summary>
    [Benchmark, Traffic(1, 1)] public void LogSoftmax() => Activations.LogSoftmax<float>(_x, _out, Rows, Cols, Path);
    /// <summary>dy − e^y·Σdy per row (y = log-softmax output; x stands in, same cost).</summary>
    [Benchmark, Traffic(2, 1)] public void LogSoftmaxBackward() => Activations.LogSoftmaxBackward<float>(_x, _dy, _out, Rows, Cols, Path);
}

/// <summary>The activations by the scalar references (double output) and by TensorPrimitives.</summary>
public class ActivationBaselines : BaselineBenchmark
{
    float[] _x = [], _dy = [], _y = [], _out = [], _tmp = [];
    double[] _ref = [];

    /// <summary>Same data as <see cref="ActivationBenchmarks"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_x, _dy, _y) = ActivationData.Create(Size);
        _out = new float[Size];
        _tmp = new float[Size];
        _ref = new double[Size];
    }

    int Rows => Size / ActivationData.ColsFor(Size);
    int Cols => ActivationData.ColsFor(Size);

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(1, 1)] public void Relu_Reference() => ActivationsReference.Relu<float>(_x, _ref);
    /// <summary>TensorPrimitives.Max(x, 0).</summary>
    [Benchmark, Traffic(1, 1)] public void Relu_TensorPrimitives() => TensorPrimitives.Max(_x, 0f, _out);

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(2, 1)] public void ReluBackward_Reference() => ActivationsReference.ReluBackward<float>(_x, _dy, _ref);

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(1, 1)] public void Tanh_Reference() => ActivationsReference.Tanh<float>(_x, _ref);
    /// <summary>TensorPrimitives.Tanh.</summary>
    [Benchmark, Traffic(1, 1)] public void Tanh_TensorPrimitives() => TensorPrimitives.Tanh<float>(_x, _out);

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(2, 1)] public void TanhBackward_Reference() => ActivationsReference.TanhBackward<float>(_y, _dy, _ref);
    /// <summary>tmp = y·y; tmp = 1 − tmp; dx = dy·tmp.</summary>
    [Benchmark, Traffic(2, 1)]
    public void TanhBackward_TensorPrimitives()
    {
        TensorPrimitives.Multiply(_y, _y, _tmp);
        TensorPrimitives.Subtract(1f, _tmp, _tmp);
        TensorPrimitives.Multiply(_dy, _tmp, _out);
    }

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(1, 1)] public void Sigmoid_Reference() => ActivationsReference.Sigmoid<float>(_x, _ref);
    /// <summary>TensorPrimitives.Sigmoid.</summary>
    [Benchmark, Traffic(1, 1)] public void Sigmoid_TensorPrimitives() => TensorPrimitives.Sigmoid<float>(_x, _out);

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(2, 1)] public void SigmoidBackward_Reference() => ActivationsReference.SigmoidBackward<float>(_y, _dy, _ref);
    /// <summary>tmp = 1 − y; tmp = tmp·y; dx = tmp·dy.</summary>
    [Benchmark, Traffic(2, 1)]
    public void SigmoidBackward_TensorPrimitives()
    {
        TensorPrimitives.Subtract(1f, _y, _tmp);
        TensorPrimitives.Multiply(_tmp, _y, _tmp);
        TensorPrimitives.Multiply(_tmp, _dy, _out);
    }

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(1, 1)] public void Softmax_Reference() => ActivationsReference.Softmax<float>(_x, _ref, Rows, Cols);
    /// <summary>TensorPrimitives.SoftMax per row.</summary>
    [Benchmark, Traffic(1, 1)]
    public void Softmax_TensorPrimitives()
    {
        int cols = Cols;
        for (int r = 0; r + cols <= Size; r += cols) TensorPrimitives.SoftMax<float>(_x.AsSpan(r, cols), _out.AsSpan(r, cols));
    }

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(2, 1)] public void SoftmaxBackward_Reference() => ActivationsReference.SoftmaxBackward<float>(_y, _dy, _ref, Rows, Cols);
    /// <summary>Per row: s = Dot(y, dy); dx = dy − s; dx = dx·y.</summary>
    [Benchmark, Traffic(2, 1)]
    public void SoftmaxBackward_TensorPrimitives()
    {
        int cols = Cols;
        for (int r = 0; r + cols <= Size; r += cols)
        {
            ReadOnlySpan<float> y = _y.AsSpan(r, cols), dy = _dy.AsSpan(r, cols);
            Span<float> dx = _out.AsSpan(r, cols);
            float s = TensorPrimitives.Dot(y, dy);
            TensorPrimitives.Subtract(dy, s, dx);
            TensorPrimitives.Multiply(dx, y, dx);
        }
    }

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(1, 1)] public void LogSoftmax_Reference() => ActivationsReference.LogSoftmax<float>(_x, _ref, Rows, Cols);
    /// <summary>Per row: m = Max; y = x − m; tmp = Exp(y); y = y − Log(Sum(tmp)).</summary>
    [Benchmark, Traffic(1, 1)]
    public void LogSoftmax_TensorPrimitives()
    {
        int cols = Cols;
        for (int r = 0; r + cols <= Size; r += cols)
        {
            ReadOnlySpan<float> x = _x.AsSpan(r, cols);
            Span<float> y = _out.AsSpan(r, cols), tmp = _tmp.AsSpan(r, cols);
            float m = TensorPrimitives.Max(x);
            TensorPrimitives.Subtract(x, m, y);
            TensorPrimitives.Exp<float>(y, tmp);
            TensorPrimitives.Subtract(y, MathF.Log(TensorPrimitives.Sum<float>(tmp)), y);
        }
    }

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(2, 1)] public void LogSoftmaxBackward_Reference() => ActivationsReference.LogSoftmaxBackward<float>(_x, _dy, _ref, Rows, Cols);
    /// <summary>Per row: tmp = Exp(y); dx = tmp·(−Sum(dy)) + dy.</summary>
    [Benchmark, Traffic(2, 1)]
    public void LogSoftmaxBackward_TensorPrimitives()
    {
        int cols = Cols;
        for (int r = 0; r + cols <= Size; r += cols)
        {
            ReadOnlySpan<float> y = _x.AsSpan(r, cols), dy = _dy.AsSpan(r, cols);
            Span<float> dx = _out.AsSpan(r, cols), tmp = _tmp.AsSpan(r, cols);
            TensorPrimitives.Exp<float>(y, tmp);
            TensorPrimitives.MultiplyAdd(tmp, -TensorPrimitives.Sum(dy), dy, dx);
        }
    }
}

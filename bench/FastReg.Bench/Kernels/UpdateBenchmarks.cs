using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using FastReg.Simd;
using FastReg.Simd.Reference;

namespace FastReg.Bench.Kernels;

// Fused optimizer updates on float, and the same updates composed from TensorPrimitives calls the
// way a user would write them. Traffic counts the fused kernel's compulsory arrays (each read once,
// each written once); the composed versions are charged the same bytes, so GB/s compares like for
// like (their real traffic is higher: that is the point of fusing).

/// <summary>Shared state and hyperparameters.</summary>
public static class UpdateData
{
    /// <summary>Learning rate.</summary>
    public const float Lr = 1e-3f;
    /// <summary>Coupled weight decay for SGD.</summary>
    public const float WeightDecay = 1e-4f;
    /// <summary>SGD momentum.</summary>
    public const float Momentum = 0.9f;
    /// <summary>L1 strength for the proximal steps.</summary>
    public const float L1 = 1e-4f;
    /// <summary>Adam step count (fixed, so bias corrections are constant across calls).</summary>
    public const long Step = 10;
    /// <summary>Row length for MaxNormRows (rows = Size / Cols).</summary>
    public const int Cols = 1024;
    /// <summary>Max-norm bound: a random row of 1024 values in [-1, 1) has norm ≈ 18.5.</summary>
    public const float MaxNorm = 18f;

    /// <summary>SGD with momentum, coupled decay.</summary>
    public static readonly SgdSettings<float> Sgd = SgdSettings<float>.Create(lr: Lr, momentum: Momentum, weightDecay: WeightDecay);
    /// <summary>Adam, no decay.</summary>
    public static readonly AdamSettings<float> Adam = AdamSettings<float>.Adam(lr: Lr);
    /// <summary>AdamW, decoupled decay 1e-2.</summary>
    public static readonly AdamSettings<float> AdamW = AdamSettings<float>.AdamW(lr: Lr);
}

/// <summary><see cref="Updates"/> on each accelerated path.</summary>
public class UpdateBenchmarks : PathBenchmark
{
    float[] _w = [], _g = [], _g0 = [], _m = [], _v = [], _scratch = [];

    /// <summary>Random weights and gradients in [-1, 1), small moments.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _w = BenchSizes.Uniform(Size, 1);
        _g = BenchSizes.Uniform(Size, 2);
        _g0 = (float[])_g.Clone();
        _m = BenchSizes.Uniform(Size, 3, -0.01f, 0.01f);
        _v = BenchSizes.Uniform(Size, 4, 0f, 1e-4f);
        _scratch = new float[Size];
    }

    /// <summary>w = w − lr·(g + wd·w): read w, g; write w.</summary>
    [Benchmark, Traffic(2, 1, Distinct = 2)]
    public void Sgd() => Updates.Sgd<float>(_w, _g, UpdateData.Lr, UpdateData.WeightDecay, Path);

    /// <summary>buf = μ·buf + (g + wd·w); w −= lr·buf: read w, g, buf; write w, buf.</summary>
    [Benchmark, Traffic(3, 2, Distinct = 3)]
    public void SgdMomentum() => Updates.SgdMomentum<float>(_w, _g, _m, UpdateData.Sgd, false, Path);

    /// <summary>Adam: read w, g, m, v; write w, m, v.</summary>
    [Benchmark, Traffic(4, 3, Distinct = 4)]
    public void Adam() => Updates.Adam<float>(_w, _g, _m, _v, [], UpdateData.Adam, UpdateData.Step, Path);

    /// <summary>AdamW (decoupled decay): read w, g, m, v; write w, m, v.</summary>
    [Benchmark, Traffic(4, 3, Distinct = 4)]
    public void AdamW() => Updates.Adam<float>(_w, _g, _m, _v, [], UpdateData.AdamW, UpdateData.Step, Path);

    /// <summary>Soft-threshold w at lr·λ: read w; write w.</summary>
    [Benchmark, Traffic(1, 1, Distinct = 1)]
    public void ProximalL1() => Updates.ProximalL1<float>(_w, UpdateData.Lr * UpdateData.L1, Path);

    /// <summary>w − lr·g, then soft-threshold (ISTA step): read w, g; write w.</summary>
    [Benchmark, Traffic(2, 1, Distinct = 2)]
    public void SgdProximalL1() => Updates.SgdProximalL1<float>(_w, _g, UpdateData.Lr, UpdateData.L1, Path);

    /// <summary>Rows of 1024 clipped to norm 18 (steady state: rows already at the bound are read, not written): read w; write w.</summary>
    [Benchmark, Traffic(1, 1, Distinct = 1)]
    public void MaxNormRows() => Updates.MaxNormRows<float>(_w, Size / Math.Min(Size, UpdateData.Cols), Math.Min(Size, UpdateData.Cols), UpdateData.MaxNorm, Path);

    /// <summary>Copy a fresh gradient in, keep the top 1% by magnitude: copy (read g0, write g) + mask (read g, write g); scratch not counted.</summary>
    [Benchmark, Traffic(2, 2, Distinct = 3)]
    public void TopKMask()
    {
        _g0.CopyTo(_g, 0);
        Updates.TopKMask<float>(_g, Size / 100, _scratch, Path);
    }
}

/// <summary>The updates by the scalar references and composed from TensorPrimitives calls.</summary>
public class UpdateBaselines : BaselineBenchmark
{
    float[] _w = [], _g = [], _m = [], _v = [], _tmp = [];

    /// <summary>Same data as <see cref="UpdateBenchmarks"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _w = BenchSizes.Uniform(Size, 1);
        _g = BenchSizes.Uniform(Size, 2);
        _m = BenchSizes.Uniform(Size, 3, -0.01f, 0.01f);
        _v = BenchSizes.Uniform(Size, 4, 0f, 1e-4f);
        _tmp = new float[Size];
    }

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(2, 1, Distinct = 2)]
    public void Sgd_Reference() => UpdatesReference.Sgd<float>(_w, _g, UpdateData.Lr, UpdateData.WeightDecay);

    /// <summary>w = w·(1 − lr·wd); w = g·(−lr) + w: two passes.</summary>
    [Benchmark, Traffic(2, 1, Distinct = 2)]
    public void Sgd_TensorPrimitives()
    {
        TensorPrimitives.Multiply(_w, 1 - UpdateData.Lr * UpdateData.WeightDecay, _w);
        TensorPrimitives.MultiplyAdd(_g, -UpdateData.Lr, _w, _w);
    }

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(3, 2, Distinct = 3)]
    public void SgdMomentum_Reference() => UpdatesReference.SgdMomentum<float>(_w, _g, _m, UpdateData.Sgd, false);

    /// <summary>tmp = w·wd + g; buf = buf·μ + tmp; w = buf·(−lr) + w.</summary>
    [Benchmark, Traffic(3, 2, Distinct = 3)]
    public void SgdMomentum_TensorPrimitives()
    {
        TensorPrimitives.MultiplyAdd(_w, UpdateData.WeightDecay, _g, _tmp);
        TensorPrimitives.MultiplyAdd(_m, UpdateData.Momentum, _tmp, _m);
        TensorPrimitives.MultiplyAdd(_m, -UpdateData.Lr, _w, _w);
    }

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(4, 3, Distinct = 4)]
    public void Adam_Reference() => UpdatesReference.Adam<float>(_w, _g, _m, _v, [], UpdateData.Adam, UpdateData.Step);

    /// <summary>Adam from ten TensorPrimitives calls.</summary>
    [Benchmark, Traffic(4, 3, Distinct = 4)]
    public void Adam_TensorPrimitives() => ComposedAdam(UpdateData.Adam);

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(4, 3, Distinct = 4)]
    public void AdamW_Reference() => UpdatesReference.Adam<float>(_w, _g, _m, _v, [], UpdateData.AdamW, UpdateData.Step);

    /// <summary>AdamW: w·(1 − lr·wd), then the Adam calls.</summary>
    [Benchmark, Traffic(4, 3, Distinct = 4)]
    public void AdamW_TensorPrimitives()
    {
        TensorPrimitives.Multiply(_w, (float)(1 - UpdateData.AdamW.Lr * UpdateData.AdamW.WeightDecay), _w);
        ComposedAdam(UpdateData.AdamW);
    }

    // m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; w −= lr/bc1 · m / (√v/√bc2 + eps)
    void ComposedAdam(in AdamSettings<float> s)
    {
        // Hyperparameters are doubles (as PyTorch's Python floats); a user composing TensorPrimitives rounds them to float.
        float b1 = (float)s.Beta1, b2 = (float)s.Beta2, lr = (float)s.Lr, eps = (float)s.Eps;
        float bc1 = 1 - MathF.Pow(b1, UpdateData.Step), bc2 = 1 - MathF.Pow(b2, UpdateData.Step);
        TensorPrimitives.Multiply(_m, b1, _m);
        TensorPrimitives.MultiplyAdd(_g, 1 - b1, _m, _m);
        TensorPrimitives.Multiply(_g, _g, _tmp);
        TensorPrimitives.Multiply(_v, b2, _v);
        TensorPrimitives.MultiplyAdd(_tmp, 1 - b2, _v, _v);
        TensorPrimitives.Sqrt(_v, _tmp);
        TensorPrimitives.Multiply(_tmp, 1 / MathF.Sqrt(bc2), _tmp);
        TensorPrimitives.Add(_tmp, eps, _tmp);
        TensorPrimitives.Divide(_m, _tmp, _tmp);
        TensorPrimitives.MultiplyAdd(_tmp, -lr / bc1, _w, _w);
    }

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(1, 1, Distinct = 1)]
    public void ProximalL1_Reference() => UpdatesReference.ProximalL1<float>(_w, UpdateData.Lr * UpdateData.L1);

    /// <summary>sign(w)·max(|w| − τ, 0) from four calls.</summary>
    [Benchmark, Traffic(1, 1, Distinct = 1)]
    public void ProximalL1_TensorPrimitives() => ComposedSoftThreshold(UpdateData.Lr * UpdateData.L1);

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(2, 1, Distinct = 2)]
    public void SgdProximalL1_Reference() => UpdatesReference.SgdProximalL1<float>(_w, _g, UpdateData.Lr, UpdateData.L1);

    /// <summary>w = g·(−lr) + w, then the four soft-threshold calls.</summary>
    [Benchmark, Traffic(2, 1, Distinct = 2)]
    public void SgdProximalL1_TensorPrimitives()
    {
        TensorPrimitives.MultiplyAdd(_g, -UpdateData.Lr, _w, _w);
        ComposedSoftThreshold(UpdateData.Lr * UpdateData.L1);
    }

    void ComposedSoftThreshold(float tau)
    {
        TensorPrimitives.Abs(_w, _tmp);
        TensorPrimitives.Subtract(_tmp, tau, _tmp);
        TensorPrimitives.Max(_tmp, 0f, _tmp);
        TensorPrimitives.CopySign(_tmp, _w, _w);
    }

    /// <summary>Reference.</summary>
    [Benchmark, Traffic(1, 1, Distinct = 1)]
    public void MaxNormRows_Reference()
    {
        int cols = Math.Min(Size, UpdateData.Cols);
        UpdatesReference.MaxNormRows<float>(_w, Size / cols, cols, UpdateData.MaxNorm);
    }

    /// <summary>Per row: TensorPrimitives.Norm, then Multiply if above the bound.</summary>
    [Benchmark, Traffic(1, 1, Distinct = 1)]
    public void MaxNormRows_TensorPrimitives()
    {
        int cols = Math.Min(Size, UpdateData.Cols);
        for (int r = 0; r + cols <= Size; r += cols)
        {
            Span<float> row = _w.AsSpan(r, cols);
            float norm = TensorPrimitives.Norm<float>(row);
            if (norm > UpdateData.MaxNorm) TensorPrimitives.Multiply(row, UpdateData.MaxNorm / norm, row);
        }
    }
}

using BenchmarkDotNet.Attributes;
using FastReg.Nn;

namespace FastReg.Bench.Nn;

/// <summary>
/// The MLP 64-128-10 of docs/benchmarks.md, float: one training step (forward, softmax cross-entropy,
/// backward, SGD with momentum and weight decay) on a batch of 32, and one-sample inference.
/// The PyTorch peer is bench/torch_mlp_step.py (same network, loss, optimizer and batch).
/// Run: dotnet run -c Release --project bench/FastReg.Bench -- --filter '*MlpBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class MlpBenchmarks
{
    private const int Input = 64, Hidden = 128, Classes = 10, Batch = 32;
    private Sequential<float> _model = null!;
    private float[] _x = null!, _one = null!, _out = null!;
    private int[] _labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = new Sequential<float>(Input, Batch, LossKind.SoftmaxCrossEntropy,
            [new Dense(Hidden), new Activation(ActivationKind.Relu), new Dense(Classes)], seed: 1)
        {
            Optimizer = new Sgd(lr: 0.01, momentum: 0.9, weightDecay: 1e-4),
        };
        var rng = new Random(1);
        _x = new float[Batch * Input];
        for (int i = 0; i < _x.Length; i++) _x[i] = (float)(rng.NextDouble() * 2 - 1);
        _labels = new int[Batch];
        for (int i = 0; i < Batch; i++) _labels[i] = rng.Next(Classes);
        _one = _x[..Input];
        _out = new float[Classes];
    }

    /// <summary>Forward, loss, backward and the fused SGD update of all four tensors.</summary>
    [Benchmark]
    public float TrainStep() => _model.TrainStep(_x, _labels, Batch);

    /// <summary>One example through 64-128-10 (two GEMMs with m = 1 and a ReLU).</summary>
    [Benchmark]
    public float PredictOne()
    {
        _model.Predict(_one, _out, 1);
        return _out[0];
    }
}

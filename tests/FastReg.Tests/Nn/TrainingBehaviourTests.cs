using FastReg.Tests.Support;
using FastReg.Nn;

namespace FastReg.Tests.Nn;

public class DeterminismTests
{
    private static Sequential<float> Build(ulong seed) =>
        new(5, 8, LossKind.SoftmaxCrossEntropy,
            [new Dense(16), new Activation(ActivationKind.Relu), new Dropout(0.4), new HardConcreteGate(0.05), new Dense(3)], seed)
        { Penalty = Penalty.ElasticNet(0.1, 0.5) with { MaxNorm = 2 }, Optimizer = new Adam(lr: 0.01, amsgrad: true) };

    private static (float[] X, int[] L) Data()
    {
        var rng = new Random(7);
        var x = new float[8 * 5];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return (x, [.. Enumerable.Range(0, 8).Select(i => i % 3)]);
    }

    [Fact]
    public void Same_seed_same_result_bit_for_bit()
    {
        var (x, l) = Data();
        Sequential<float> a = Build(11), b = Build(11), c = Build(12);
        float la = 0, lb = 0;
        for (int i = 0; i < 50; i++) { la = a.TrainStep(x, l, 8); lb = b.TrainStep(x, l, 8); c.TrainStep(x, l, 8); }
        Assert.Equal(BitConverter.SingleToInt32Bits(la), BitConverter.SingleToInt32Bits(lb));
        Assert.True(a.AllParameters.SequenceEqual(b.AllParameters));
        Assert.False(a.AllParameters.SequenceEqual(c.AllParameters));
        var pa = new float[24];
        var pb = new float[24];
        a.Predict(x, pa, 8);
        b.Predict(x, pb, 8);
        Assert.Equal(pa, pb);
    }

    [Fact]
    public void Dropout_masks_are_a_pure_function_of_seed_step_layer_and_element()
    {
        const int n = 4096;
        ulong key = CounterRandom.StreamKey(42, 7, 3);
        var sequential = new double[n];
        for (int e = 0; e < n; e++) sequential[e] = CounterRandom.Uniform(key, e);
        // Any thread count, any order: the same numbers.
        var parallel = new double[n];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[n - 1 - i] = CounterRandom.Uniform(42, 7, 3, n - 1 - i));
        Assert.Equal(sequential, parallel);
        Assert.All(sequential, u => Assert.InRange(u, double.Epsilon, 1 - 1e-17));
        Assert.InRange(sequential.Average(), 0.48, 0.52);
        Assert.NotEqual(CounterRandom.Uniform(42, 7, 3, 0), CounterRandom.Uniform(42, 8, 3, 0));
        Assert.NotEqual(CounterRandom.Uniform(42, 7, 3, 0), CounterRandom.Uniform(42, 7, 4, 0));
        Assert.NotEqual(CounterRandom.Uniform(42, 7, 3, 0), CounterRandom.Uniform(43, 7, 3, 0));
    }

    [Fact]
    public void The_models_dropout_mask_is_the_counter_based_one_and_inference_is_the_identity()
    {
        const double rate = 0.3;
        var model = new Sequential<double>(6, 4, LossKind.MeanSquaredError, [new Dropout(rate)], seed: 99) { Step = 5 };
        double[] x = [.. Enumerable.Range(1, 24).Select(i => (double)i)];
        double[] y = new double[24];
        model.Objective(x, y, 4); // training forward at step 5 (loss vs zeros, value unused)
        model.ComputeGradients(x, y, 4);
        // d(mean (x⊙mask)²)/dx = 2·x·mask²/n: recover the mask from the input gradient.
        for (int e = 0; e < 24; e++)
        {
            bool kept = CounterRandom.Uniform(99, 5, 0, e) < 1 - rate;
            double scale = kept ? 1 / (1 - rate) : 0;
            Assert.Equal(2 * x[e] * scale * scale / 24, model.InputGradient[e], 1e-12);
        }
        var p = new double[24];
        model.Predict(x, p, 4);
        Assert.Equal(x, p);
    }
}

public class InferenceTests
{
    [Fact]
    public void Batch_inference_equals_row_by_row_inference()
    {
        var model = new Sequential<float>(64, 32, LossKind.SoftmaxCrossEntropy,
            [new Dense(128), new Activation(ActivationKind.Relu), new Dropout(0.5), new HardConcreteGate(0.1), new Dense(10)], seed: 4);
        var rng = new Random(2);
        var x = new float[32 * 64];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        var all = new float[32 * 10];
        model.Predict(x, all, 32);
        var row = new float[10];
        for (int r = 0; r < 32; r++)
        {
            model.Predict(x.AsSpan(r * 64, 64), row, 1);
            for (int j = 0; j < 10; j++) Assert.Equal(all[r * 10 + j], row[j], 1e-5f);
        }
    }
}

public class ZeroAllocationTests
{
    [Fact]
    public void Training_steps_and_inference_allocate_nothing_after_warm_up()
    {
        var optimizers = new Optimizer[]
        {
            new Sgd(lr: 0.01, momentum: 0.9, weightDecay: 1e-4, nesterov: true),
            new Adam(lr: 1e-3, weightDecay: 1e-4, amsgrad: true),
            new AdamW(lr: 1e-3),
        };
        foreach (Optimizer optimizer in optimizers)
        {
            var model = new Sequential<float>(64, 32, LossKind.SoftmaxCrossEntropy,
                [new Dense(128) { Penalty = Penalty.Lasso(1e-3) with { TopK = 100 } }, new Activation(ActivationKind.Relu),
                 new Dropout(0.2), new HardConcreteGate(1e-3), new Dense(10)], seed: 1)
            { Penalty = Penalty.Ridge(1e-3) with { MaxNorm = 3 }, Optimizer = optimizer };
            var x = new float[32 * 64];
            for (int i = 0; i < x.Length; i++) x[i] = MathF.Sin(i);
            var labels = new int[32];
            for (int i = 0; i < 32; i++) labels[i] = i % 10;
            var y = new float[10];
            // On a dedicated thread, which the model then owns: see DedicatedThread for why not a pool thread.
            (long training, long inference) = DedicatedThread.Run(() =>
            {
                for (int i = 0; i < 5; i++) { model.TrainStep(x, labels, 32); model.Predict(x.AsSpan(0, 64), y, 1); }
                long train = Allocation.Least(() =>
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int i = 0; i < 300; i++) model.TrainStep(x, labels, 32);
                    return GC.GetAllocatedBytesForCurrentThread() - before;
                });
                long infer = Allocation.Least(() =>
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int i = 0; i < 1000; i++) model.Predict(x.AsSpan(0, 64), y, 1);
                    return GC.GetAllocatedBytesForCurrentThread() - before;
                });
                return (train, infer);
            });
            Assert.Equal(0, training);
            Assert.Equal(0, inference);
        }
    }
}

public class ValidationTests
{
    private static Sequential<float> Model(LossKind loss = LossKind.MeanSquaredError) =>
        new(3, 4, loss, [new Dense(2)]) { Optimizer = new Sgd(lr: 0.1) };

    [Fact]
    public void A_batch_larger_than_the_workspace_is_refused_naming_the_problem()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Model().TrainStep(new float[15], new float[10], 5));
        Assert.Equal("batch", e.ParamName);
        Assert.Contains("maximum batch of 4", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Model().Predict(new float[15], new float[10], 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model().Predict([], [], 0));
    }

    [Fact]
    public void Wrong_shapes_are_refused_naming_the_argument()
    {
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Model().TrainStep(new float[5], new float[4], 2)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => Model().TrainStep(new float[6], new float[3], 2)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Model().Predict(new float[6], new float[3], 2)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Model(LossKind.SoftmaxCrossEntropy).TrainStep(new float[6], new int[3], 2)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentOutOfRangeException>(() => Model(LossKind.SoftmaxCrossEntropy).TrainStep(new float[6], [0, 2], 2)).ParamName);
        Assert.Throws<ArgumentException>(() => Model(LossKind.SoftmaxCrossEntropy).TrainStep(new float[6], new float[4], 2));
        Assert.Throws<ArgumentException>(() => Model().TrainStep(new float[6], new int[2], 2));
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new Sequential<float>(3, 4, LossKind.MeanSquaredError, [new Dense(2)]).TrainStep(new float[3], new float[2], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sequential<float>(0, 4, LossKind.MeanSquaredError, [new Dense(2)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sequential<float>(3, 0, LossKind.MeanSquaredError, [new Dense(2)]));
        Assert.Throws<ArgumentException>(() => new Sequential<float>(3, 4, LossKind.MeanSquaredError, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sequential<float>(3, 4, LossKind.MeanSquaredError, [new Dense(0)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1));
        Assert.Throws<ArgumentException>(() => new Sequential<float>(3, 4, LossKind.MeanSquaredError, [new HardConcreteGate(1) { InitialDropRate = 0 }]));
        Assert.Throws<NotSupportedException>(() => new Sequential<Half>(3, 4, LossKind.MeanSquaredError, [new Dense(2)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Penalty.Ridge(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Penalty.ElasticNet(1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model().Penalty = new Penalty { L2 = double.NaN });
        Assert.Throws<ArgumentException>(() => new Sgd(lr: 0.1, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1));
        Assert.Throws<ArgumentException>(() => Model().GetParameter("9.weight"));
        Assert.Throws<ArgumentException>(() => Model().GetParameter(Model().Parameters[0]));
    }
}

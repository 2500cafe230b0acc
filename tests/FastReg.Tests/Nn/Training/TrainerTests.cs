using FastReg.Tests.Support;
using FastReg.Nn;
using FastReg.Nn.Training;

namespace FastReg.Tests.Nn.Training;

public class TrainerTests
{
    /// <summary>Three Gaussian blobs in 4-D: a learnable classification problem.</summary>
    internal static Dataset<float> Blobs(int n, int seed, double spread = 0.6)
    {
        var rng = new Random(seed);
        var x = new float[n * 4];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = rng.Next(3);
            y[i] = c;
            for (int j = 0; j < 4; j++)
                x[i * 4 + j] = (float)((j == c ? 2.0 : 0.0) + spread * Normal(rng));
        }
        return Dataset<float>.Classification(x, 4, y);
    }

    internal static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    internal static Sequential<float> Mlp(int maxBatch = 64, ulong seed = 1, double lr = 0.1) =>
        new(4, maxBatch, LossKind.SoftmaxCrossEntropy,
            [new Dense(16), new Activation(ActivationKind.Relu), new Dense(3)], seed)
        { Optimizer = new Sgd(lr, momentum: 0.9) };

    [Fact]
    public void Fit_learns_a_separable_problem_and_records_every_epoch()
    {
        var model = Mlp();
        var seen = new List<int>();
        var trainer = new Trainer<float>(model, new TrainingOptions<float>
        {
            Epochs = 15, BatchSize = 32, ValidationFraction = 0.25, Seed = 3, Observer = m => seen.Add(m.Epoch),
        });
        TrainingResult result = trainer.Fit(Blobs(400, 1));
        Assert.Equal(Enumerable.Range(0, 15), seen);
        Assert.Equal(15, result.History.Count);
        Assert.False(result.StoppedEarly);
        EpochMetrics last = result.Last;
        Assert.True(last.ValidationAccuracy > 0.9, $"validation accuracy {last.ValidationAccuracy}");
        Assert.True(last.TrainLoss < result.History[0].TrainLoss);
        Assert.True(last.WeightNorm > 0);
        Assert.Equal(0, last.ZeroFraction);
        Assert.True(double.IsNaN(last.TrainRmse));
    }

    [Fact]
    public void Same_seed_gives_the_same_run_bit_for_bit()
    {
        float[] Run()
        {
            var model = Mlp();
            new Trainer<float>(model, new TrainingOptions<float> { Epochs = 4, ValidationFraction = 0.2, Seed = 7 }).Fit(Blobs(300, 2));
            return model.AllParameters.ToArray();
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Early_stopping_stops_and_restores_the_best_epochs_weights()
    {
        // A large learning rate on noisy data makes the validation loss bounce; patience 2 stops it.
        var model = Mlp(lr: 0.5);
        var data = Blobs(300, 4, spread: 1.5);
        var trainer = new Trainer<float>(model, new TrainingOptions<float>
        {
            Epochs = 200, BatchSize = 16, ValidationFraction = 0.3, Seed = 5,
            EarlyStopping = new EarlyStopping(patience: 2, restoreBestWeights: true),
        });
        TrainingResult result = trainer.Fit(data);
        Assert.True(result.StoppedEarly);
        Assert.True(result.History.Count < 200);
        double bestLoss = result.History.Min(m => m.ValidationLoss);
        Assert.Equal(bestLoss, result.Best.ValidationLoss);
        // The restored weights reproduce the best epoch's validation loss exactly.
        var (trainIdx, validIdx) = FastReg.Nn.Selection.Folds.StratifiedHoldout(data.Labels, 0.3, 5);
        Assert.Equal(bestLoss, trainer.Score(data.Subset(validIdx)).Loss, 12);
        Assert.Equal(result.History.Count - 1 - 2, result.BestEpoch);
    }

    [Fact]
    public void Divergence_is_caught_within_one_step_and_keeps_finite_weights()
    {
        var model = Mlp(lr: 1e30);
        var trainer = new Trainer<float>(model, new TrainingOptions<float> { Epochs = 5, BatchSize = 8 });
        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Blobs(64, 3)));
        Assert.Equal(0, ex.Epoch);
        Assert.InRange(ex.Step, 1, 2); // the first update blows the weights up; the next loss is non-finite
        Assert.Contains("epoch 1, step", ex.Message, StringComparison.Ordinal);
        foreach (float w in model.AllParameters) Assert.True(float.IsFinite(w));
    }

    [Fact]
    public void Step_schedule_sets_the_learning_rate_per_epoch_and_restores_the_base()
    {
        var model = Mlp(lr: 0.08);
        var result = new Trainer<float>(model, new TrainingOptions<float>
        {
            Epochs = 5, Schedule = new StepLearningRate(2, 0.5),
        }).Fit(Blobs(100, 6));
        Assert.Equal([0.08, 0.08, 0.04, 0.04, 0.02], result.History.Select(m => Math.Round(m.LearningRate, 12)));
        Assert.Equal(0.08, model.Optimizer!.Lr);
    }

    [Fact]
    public void Allocation_per_epoch_does_not_grow_with_the_dataset()
    {
        long PerEpoch(int n)
        {
            var data = Blobs(n, 8);
            long Bytes(int epochs)
            {
                var model = Mlp();
                var trainer = new Trainer<float>(model, new TrainingOptions<float>
                {
                    Epochs = epochs, BatchSize = 32,
                    Augmentations = [new GaussianNoise<float>(0.01, seed: 1)], // per-batch hooks must not allocate either
                });
                return DedicatedThread.Run(() => // see DedicatedThread for why not a pool thread
                {
                    trainer.Fit(data, null); // warm-up: JIT, first-call buffers
                    return Allocation.Least(() =>
                    {
                        long before = GC.GetAllocatedBytesForCurrentThread();
                        trainer.Fit(data, null);
                        return GC.GetAllocatedBytesForCurrentThread() - before;
                    });
                });
            }
            return (Bytes(12) - Bytes(2)) / 10;
        }
        long small = PerEpoch(200), large = PerEpoch(2000);
        Assert.True(large <= small + 64, $"per-epoch allocation grew from {small} B (200 rows) to {large} B (2000 rows)");
        Assert.True(small < 1024, $"an epoch allocated {small} B beyond its metrics record");
    }

    [Fact]
    public void Mismatched_data_and_options_are_rejected_clearly()
    {
        var model = Mlp();
        var wrongWidth = Dataset<float>.Classification(new float[10], 5, [0, 1]);
        Assert.Contains("5 features", Assert.Throws<ArgumentException>(() => new Trainer<float>(model, new TrainingOptions<float>()).Fit(wrongWidth)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<float>(model, new TrainingOptions<float> { Epochs = 0 }));
        Assert.Contains("maxBatch", Assert.Throws<ArgumentException>(() =>
            new Trainer<float>(Mlp(maxBatch: 16), new TrainingOptions<float> { BatchSize = 0 }).Fit(Blobs(100, 1))).Message, StringComparison.Ordinal);
        Assert.Contains("validation", Assert.Throws<ArgumentException>(() =>
            new Trainer<float>(model, new TrainingOptions<float> { EarlyStopping = new EarlyStopping() }).Fit(Blobs(50, 1))).Message, StringComparison.Ordinal);
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() =>
            Dataset<float>.Classification([1, float.NaN, 0, 0], 2, [0, 1])).Message, StringComparison.Ordinal);
    }
}

using FastReg.Nn;
using FastReg.Nn.Training;
using FastReg.Tests.Nn.Training;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.Nn;

/// <summary>
/// The regularizers of issue 16: proximal Adam against the lasso optimum, L0 gates whose λ decides how
/// many units close, finite-difference checks of label smoothing, mixup, the Gaussian noise layers and
/// activity regularization, and the trainer's weight averages and mixup.
/// </summary>
public class RegularizerAdditionsTests
{
    private const double Bound = 1e-6;

    // ---------------------------------------------------------------- proximal Adam

    /// <summary>min (1/n)·‖Xw + b − y‖² + c·‖w‖₁ by cyclic coordinate descent, to 1e-15.</summary>
    private static (double[] W, double B) LassoByCoordinateDescent(double[] x, double[] y, int n, int p, double c)
    {
        var w = new double[p];
        double b = y.Average();
        for (int sweep = 0; sweep < 100_000; sweep++)
        {
            double change = 0;
            for (int j = 0; j < p; j++)
            {
                double rho = 0, norm = 0;
                for (int i = 0; i < n; i++)
                {
                    double pred = b;
                    for (int k = 0; k < p; k++) if (k != j) pred += x[i * p + k] * w[k];
                    rho += x[i * p + j] * (y[i] - pred);
                    norm += x[i * p + j] * x[i * p + j];
                }
                // minimise (1/n)(norm·w² − 2·rho·w) + c|w|: soft-threshold at c·n/2
                double t = c * n / 2;
                double next = Math.Sign(rho) * Math.Max(Math.Abs(rho) - t, 0) / norm;
                change = Math.Max(change, Math.Abs(next - w[j]));
                w[j] = next;
            }
            double bNext = 0;
            for (int i = 0; i < n; i++)
            {
                double pred = 0;
                for (int k = 0; k < p; k++) pred += x[i * p + k] * w[k];
                bNext += y[i] - pred;
            }
            bNext /= n;
            change = Math.Max(change, Math.Abs(bNext - b));
            b = bNext;
            if (change < 1e-15) break;
        }
        return (w, b);
    }

    private static double LassoObjective(double[] x, double[] y, int n, int p, double c, ReadOnlySpan<double> w, double b)
    {
        double sse = 0, l1 = 0;
        for (int i = 0; i < n; i++)
        {
            double pred = b;
            for (int k = 0; k < p; k++) pred += x[i * p + k] * w[k];
            sse += (pred - y[i]) * (pred - y[i]);
        }
        for (int k = 0; k < p; k++) l1 += Math.Abs(w[k]);
        return sse / n + c * l1;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Adam_with_proximal_L1_reaches_the_lasso_optimum_and_its_zeros(bool amsgrad)
    {
        const int n = 60, p = 10;
        var rng = new Random(3);
        double[] x = [.. Enumerable.Range(0, n * p).Select(_ => rng.NextDouble() * 2 - 1)];
        double[] truth = [3, -2, 0, 0, 1.5, 0, 0, 0, 0.3, 0];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < p; k++) y[i] += x[i * p + k] * truth[k];
            y[i] += 0.3 * (rng.NextDouble() - 0.5) + 1;
        }
        const double lambda = 12; // c = λ/m = 0.2 with m = n
        var (wStar, bStar) = LassoByCoordinateDescent(x, y, n, p, lambda / n);
        double optimum = LassoObjective(x, y, n, p, lambda / n, wStar, bStar);

        var model = new Sequential<double>(p, n, LossKind.MeanSquaredError, [new Dense(1)])
        {
            Optimizer = new Adam(lr: 0.01, amsgrad: amsgrad), Penalty = Penalty.Lasso(lambda), PenaltyExamples = n,
        };
        for (int step = 0; step < 4000; step++) model.TrainStep(x, y, n);
        ReadOnlySpan<double> w = model.GetParameter("0.weight");
        double bias = model.GetParameter("0.bias")[0];
        double reached = LassoObjective(x, y, n, p, lambda / n, w, bias);

        Assert.True(reached - optimum < 1e-6 * optimum, $"objective {reached:R} vs the lasso optimum {optimum:R}");
        for (int k = 0; k < p; k++)
        {
            Assert.Equal(wStar[k] == 0, w[k] == 0); // the same exact zeros
            Assert.Equal(wStar[k], w[k], 1e-4);
        }
        Assert.Contains(0.0, wStar); // the problem has zeros to find
    }

    // ---------------------------------------------------------------- L0 gates

    [Fact]
    public void A_larger_L0_lambda_closes_more_units_under_adam()
    {
        Dataset<float> data = TrainerTests.Blobs(300, 5);
        int Closed(double lambda)
        {
            var model = new Sequential<float>(4, 32, LossKind.SoftmaxCrossEntropy,
                [new Dense(48), new HardConcreteGate(lambda), new Activation(ActivationKind.Relu), new Dense(3)], seed: 2)
            { Optimizer = new Adam(lr: 1e-3) };
            new Trainer<float>(model, new TrainingOptions<float> { Epochs = 40, BatchSize = 32, EvaluateEachEpoch = false }).Fit(data, null);
            return ModelStatistics.Gates(model).Closed;
        }
        int[] closed = [Closed(0), Closed(0.1), Closed(1), Closed(10)];
        Assert.Equal(0, closed[0]);
        for (int i = 1; i < closed.Length; i++) Assert.True(closed[i] >= closed[i - 1], $"closed units against λ: {string.Join(", ", closed)}");
        Assert.True(closed[2] > 0 && closed[3] > closed[1], $"closed units against λ: {string.Join(", ", closed)}");
    }

    [Fact]
    public void Gate_parameters_take_their_learning_rate_scale_and_can_be_kept_out_of_weight_decay()
    {
        var model = new Sequential<double>(3, 2, LossKind.MeanSquaredError, [new HardConcreteGate(0) { LearningRateScale = 7 }]);
        ParameterTensor gate = model.Parameters[0];
        Assert.Equal(7, gate.LearningRateScale);
        double[] before = model.AllParameters.ToArray();
        // Zero input: no data gradient and λ = 0, so only weight decay moves log α.
        model.Optimizer = new Sgd(lr: 0.1, weightDecay: 0.5) { DecayGates = false };
        model.TrainStep(new double[6], new double[6], 2);
        Assert.Equal(before, model.AllParameters.ToArray());
        model.Optimizer = new Sgd(lr: 0.1, weightDecay: 0.5);
        model.TrainStep(new double[6], new double[6], 2);
        for (int j = 0; j < 3; j++) Assert.Equal(before[j] * (1 - 0.1 * 7 * 0.5), model.AllParameters[j], 1e-15);
    }

    [Fact]
    public void Closed_gates_count_as_sparsity_in_the_trainer_as_pruning_counts_them()
    {
        var model = new Sequential<float>(4, 8, LossKind.SoftmaxCrossEntropy,
            [new Dense(6), new HardConcreteGate(0.1), new Activation(ActivationKind.Relu), new Dense(3)]) { Optimizer = new Sgd(0) };
        Span<float> logAlpha = model.GetParameter("1.log_alpha");
        logAlpha.Fill(3);
        logAlpha[1] = logAlpha[4] = -5; // two of six units closed
        var (active, count) = ModelStatistics.ActiveWeights(model);
        Assert.Equal(6 * 4 + 3 * 6, count);
        Assert.Equal(4 * 4 + 3 * 4, active);
        Assert.Equal((2, 6), ModelStatistics.Gates(model));
        long prunedWeights = ModelStatistics.Weights(model.PruneClosedGates()).NonZero;
        Assert.Equal(active, prunedWeights);
        EpochMetrics m = new Trainer<float>(model, new TrainingOptions<float> { Epochs = 1 }).Fit(TrainerTests.Blobs(8, 1), null).Last;
        Assert.Equal(1 - (double)active / count, m.ZeroFraction, 1e-12);
    }

    // ---------------------------------------------------------------- finite differences

    [Fact]
    public void Label_smoothing_passes_the_gradient_check()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var rng = new Random(seed);
            int k = rng.Next(2, 7), batch = rng.Next(1, 6), features = rng.Next(1, 5);
            double epsilon = rng.NextDouble();
            var model = new Sequential<double>(features, batch, LossKind.SoftmaxCrossEntropy,
                [new Dense(k)], (ulong)seed) { LabelSmoothing = epsilon };
            double[] x = [.. Enumerable.Range(0, batch * features).Select(_ => rng.NextDouble() * 4 - 2)];
            int[] labels = [.. Enumerable.Range(0, batch).Select(_ => rng.Next(k))];
            GradientCheckResult r = GradientChecker.Check(model, x, labels, batch);
            return (r.MaxRelativeError < Bound).Label($"k {k}, batch {batch}, ε {epsilon}: {r}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void The_mixup_loss_is_the_mix_of_two_cross_entropies_and_its_gradient_checks()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var rng = new Random(seed);
            int k = rng.Next(2, 6), batch = rng.Next(1, 5);
            double mix = rng.NextDouble(), epsilon = rng.Next(2) == 0 ? 0 : rng.NextDouble() * 0.5;
            double[] z = [.. Enumerable.Range(0, batch * k).Select(_ => rng.NextDouble() * 6 - 3)];
            int[] a = [.. Enumerable.Range(0, batch).Select(_ => rng.Next(k))], b = [.. Enumerable.Range(0, batch).Select(_ => rng.Next(k))];
            double Loss(double[] logits, double[] grad) => SoftmaxCrossEntropy.Compute<double>(logits, a, grad, batch, k, epsilon, b, mix);
            var g = new double[z.Length];
            double loss = Loss(z, g);
            var scratch = new double[z.Length];
            double expected = mix * SoftmaxCrossEntropy.Compute<double>(z, a, scratch, batch, k, epsilon, default, 1)
                + (1 - mix) * SoftmaxCrossEntropy.Compute<double>(z, b, scratch, batch, k, epsilon, default, 1);
            bool ok = Math.Abs(loss - expected) < 1e-12 * Math.Max(1, Math.Abs(expected));
            string detail = "";
            for (int i = 0; i < z.Length; i++)
            {
                double keep = z[i], h = 1e-6;
                z[i] = keep + h;
                double up = Loss(z, scratch);
                z[i] = keep - h;
                double down = Loss(z, scratch);
                z[i] = keep;
                double numeric = (up - down) / (2 * h);
                // absolute floor: entries near 0 carry the difference's rounding (~1e-10) as relative error
                bool close = Math.Abs(g[i] - numeric) < 1e-9 + 1e-6 * Math.Abs(numeric);
                if (!close) detail += $" [{i}] analytic {g[i]:R} numeric {numeric:R}";
                ok &= close;
            }
            return ok.Label($"k {k}, batch {batch}, mix {mix}, ε {epsilon}, loss {loss:R} vs {expected:R}{detail}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    public static TheoryData<string> NewLayers => new() { "noise", "gaussian-dropout", "activity-l2", "activity-l1" };

    private static LayerSpec Make(string name) => name switch
    {
        "noise" => new GaussianNoise(0.7),
        "gaussian-dropout" => new GaussianDropout(0.4),
        "activity-l2" => new ActivityRegularization(0, 0.8),
        _ => new ActivityRegularization(0.6, 0.3),
    };

    [Theory]
    [MemberData(nameof(NewLayers))]
    public void New_layers_pass_the_gradient_check_alone_and_inside_a_network(string name)
    {
        for (ulong seed = 1; seed <= 20; seed++)
        {
            GradientCheckResult alone = GradientChecker.CheckLayer(Make(name), inputSize: 6, batch: 3, seed);
            Assert.True(alone.MaxRelativeError < Bound, $"{name} seed {seed}: {alone}");
            var model = new Sequential<double>(4, 5, LossKind.SoftmaxCrossEntropy,
                [new Dense(6), new Activation(ActivationKind.Tanh), Make(name), new Dense(3)], seed);
            double[] x = [.. Enumerable.Range(0, 20).Select(i => Math.Sin(i * 0.37 + seed))];
            GradientCheckResult inside = GradientChecker.Check(model, x, [0, 1, 2, 1, 0], 5);
            Assert.True(inside.MaxRelativeError < Bound, $"{name} in a network, seed {seed}: {inside}");
        }
    }

    [Fact]
    public void Gaussian_noise_layers_follow_keras_and_are_reproducible()
    {
        const int n = 4000;
        double[] ones = [.. Enumerable.Repeat(1.0, n)];
        double[] Train(LayerSpec layer, long step)
        {
            var model = new Sequential<double>(n, 1, LossKind.MeanSquaredError, [layer], seed: 5) { Step = step };
            model.Objective(ones, new double[n], 1, training: true);
            return model.LayerOutput(0, 1).ToArray();
        }
        static (double Mean, double Sd) Moments(double[] v)
        {
            double mean = v.Average();
            return (mean, Math.Sqrt(v.Select(a => (a - mean) * (a - mean)).Sum() / (v.Length - 1)));
        }
        var (noiseMean, noiseSd) = Moments(Train(new GaussianNoise(0.5), 3));
        Assert.Equal(1, noiseMean, 0.05);
        Assert.Equal(0.5, noiseSd, 0.03);
        var (dropMean, dropSd) = Moments(Train(new GaussianDropout(0.2), 3));
        Assert.Equal(1, dropMean, 0.03);
        Assert.Equal(Math.Sqrt(0.2 / 0.8), dropSd, 0.03);
        Assert.Equal(Train(new GaussianDropout(0.2), 3), Train(new GaussianDropout(0.2), 3)); // same key, same noise
        Assert.NotEqual(Train(new GaussianDropout(0.2), 3), Train(new GaussianDropout(0.2), 4));
        // Inference: the identity.
        var inference = new Sequential<double>(n, 1, LossKind.MeanSquaredError, [new GaussianNoise(0.5), new GaussianDropout(0.3)]);
        var y = new double[n];
        inference.Predict(ones, y, 1);
        Assert.Equal(ones, y);
    }

    [Fact]
    public void Activity_regularization_adds_keras_penalty_divided_by_the_batch()
    {
        var model = new Sequential<double>(3, 2, LossKind.MeanSquaredError, [new ActivityRegularization(0.5, 0.25)]);
        double[] x = [1, -2, 0.5, 3, 0, -1];
        double objective = model.Objective(x, x, 2); // data loss 0: y = x
        Assert.Equal((0.5 * 7.5 + 0.25 * 15.25) / 2, objective, 1e-14);
    }

    // ---------------------------------------------------------------- trainer: averages and mixup

    [Fact]
    public void The_trainer_ends_with_the_ema_of_its_steps_and_scores_it()
    {
        Dataset<float> data = TrainerTests.Blobs(96, 3);
        var manual = TrainerTests.Mlp(seed: 4);
        var ema = WeightAverage<float>.Ema(manual.ParameterCount, 0.9);
        new Trainer<float>(manual, new TrainingOptions<float>
        {
            Epochs = 3, BatchSize = 32, Shuffle = false,
            Observer = null,
        }).Fit(data, null);
        // Replay the same steps by hand.
        var replay = TrainerTests.Mlp(seed: 4);
        for (int epoch = 0; epoch < 3; epoch++)
            for (int start = 0; start < 96; start += 32)
            {
                replay.TrainStep(data.X.AsSpan(start * 4, 32 * 4), data.Labels.AsSpan(start, 32), 32);
                ema.Update(replay.AllParameters);
            }
        Assert.Equal(manual.AllParameters.ToArray(), replay.AllParameters.ToArray()); // the replay is faithful

        var averaged = TrainerTests.Mlp(seed: 4);
        TrainingResult result = new Trainer<float>(averaged, new TrainingOptions<float> { Epochs = 3, BatchSize = 32, Shuffle = false, EmaDecay = 0.9 }).Fit(data, null);
        Assert.Equal(ema.Average.ToArray(), averaged.AllParameters.ToArray());
        Assert.NotNull(result.Averaged);
        Assert.Same(result.Averaged, result.Final);
    }

    [Fact]
    public void Swa_averages_the_epoch_ends_from_its_start()
    {
        Dataset<float> data = TrainerTests.Blobs(64, 2);
        var ends = new List<float[]>();
        var plain = TrainerTests.Mlp(seed: 6);
        new Trainer<float>(plain, new TrainingOptions<float>
        {
            Epochs = 5, BatchSize = 32, Observer = _ => ends.Add(plain.AllParameters.ToArray()),
        }).Fit(data, null);
        var swa = TrainerTests.Mlp(seed: 6);
        new Trainer<float>(swa, new TrainingOptions<float> { Epochs = 5, BatchSize = 32, SwaStart = 2 }).Fit(data, null);
        var average = WeightAverage<float>.Swa(plain.ParameterCount);
        for (int e = 2; e < 5; e++) average.Update(ends[e]);
        Assert.Equal(average.Average.ToArray(), swa.AllParameters.ToArray());
    }

    [Fact]
    public void Averaging_options_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions<float> { EmaDecay = 1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions<float> { Epochs = 3, SwaStart = 3 }.Validate());
        Assert.Throws<ArgumentException>(() => new TrainingOptions<float> { EmaDecay = 0.9, SwaStart = 0 }.Validate());
        Assert.Contains("restore", Assert.Throws<ArgumentException>(() => new TrainingOptions<float>
        {
            EmaDecay = 0.9, EarlyStopping = new EarlyStopping("loss", restoreBestWeights: true),
        }.Validate()).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions<float> { MixupAlpha = -1 }.Validate());
    }

    [Fact]
    public void Mixup_draws_beta_weights_and_permutations_reproducibly_and_trains()
    {
        var mixup = new Mixup<float>(0.4, seed: 7, maxBatch: 16, features: 4, outputs: 3);
        var lambdas = new List<double>();
        for (long step = 0; step < 4000; step++)
        {
            double l = mixup.Draw(step, 16);
            Assert.InRange(l, 0, 1);
            Assert.Equal(Enumerable.Range(0, 16), mixup.Permutation(16).ToArray().Order());
            lambdas.Add(l);
        }
        // Beta(α, α): mean 1/2, variance 1/(4(2α + 1)).
        double mean = lambdas.Average(), variance = lambdas.Select(l => (l - mean) * (l - mean)).Average();
        Assert.Equal(0.5, mean, 0.02);
        Assert.Equal(1 / (4 * (2 * 0.4 + 1)), variance, 0.01);
        Assert.Equal(mixup.Draw(17, 16), new Mixup<float>(0.4, 7, 16, 4, 3).Draw(17, 16));

        Dataset<float> data = TrainerTests.Blobs(200, 4);
        float[] Fit()
        {
            var model = TrainerTests.Mlp(seed: 2, lr: 0.05);
            var result = new Trainer<float>(model, new TrainingOptions<float> { Epochs = 15, BatchSize = 32, MixupAlpha = 0.4 }).Fit(data, null);
            Assert.True(result.Last.TrainAccuracy > 0.9, $"accuracy {result.Last.TrainAccuracy}");
            return model.AllParameters.ToArray();
        }
        Assert.Equal(Fit(), Fit());
    }

    [Fact]
    public void New_options_keep_the_training_step_allocation_free()
    {
        Dataset<float> data = TrainerTests.Blobs(256, 8);
        long Bytes(int epochs)
        {
            var model = new Sequential<float>(4, 32, LossKind.SoftmaxCrossEntropy,
                [new Dense(16), new GaussianNoise(0.1), new Activation(ActivationKind.Relu), new GaussianDropout(0.2), new ActivityRegularization(1e-3, 1e-3), new Dense(3)], seed: 1)
            { Optimizer = new Adam(1e-3) { DecayBiases = false }, LabelSmoothing = 0.1, ClipGradNorm = 1, ClipGradValue = 0.5, Penalty = Penalty.Lasso(0.01) };
            var trainer = new Trainer<float>(model, new TrainingOptions<float> { Epochs = epochs, BatchSize = 32, MixupAlpha = 0.2, EmaDecay = 0.99 });
            trainer.Fit(data, null);
            long before = GC.GetAllocatedBytesForCurrentThread();
            trainer.Fit(data, null);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long perEpoch = (Bytes(12) - Bytes(2)) / 10;
        Assert.True(perEpoch < 1024, $"an epoch allocated {perEpoch} B beyond its metrics record");
    }
}

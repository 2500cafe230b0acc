using FastReg.Nn;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;
using FastReg.Tests.Nn.Training;

namespace FastReg.Tests.Nn.Selection;

public class LambdaSearchTests
{
    /// <summary>y = x·β + noise, with only the first two of <paramref name="d"/> features relevant.</summary>
    private static Dataset<double> Linear(int n, int d, int seed, double noise = 0.1)
    {
        var rng = new Random(seed);
        var x = new double[n * d];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) x[i * d + j] = TrainerTests.Normal(rng);
            y[i] = 3 * x[i * d] - 2 * x[i * d + 1] + noise * TrainerTests.Normal(rng);
        }
        return Dataset<double>.Regression(x, d, y);
    }

    private static Sequential<double> LinearModel(int d, int maxBatch, double lr = 0.1) =>
        new(d, maxBatch, LossKind.MeanSquaredError, [new Dense(1)], seed: 1) { Optimizer = new Sgd(lr) };

    [Fact]
    public void Warm_started_path_equals_cold_starts_on_a_convex_model()
    {
        var data = Linear(60, 5, seed: 1);
        double[] lambdas = [3, 1, 0.3, 0.1, 0];
        var options = new TrainingOptions<double> { Epochs = 800, BatchSize = 0, Shuffle = false };
        var search = new LambdaSearch<double>(() => LinearModel(5, 60), (m, l) => m.Penalty = Penalty.Ridge(l), options);
        RegularizationPathResult path = search.RegularizationPath(data, null, lambdas);
        Assert.Equal(lambdas, path.Lambdas); // already largest first
        for (int i = 0; i < lambdas.Length; i++)
        {
            var cold = LinearModel(5, 60);
            cold.Penalty = Penalty.Ridge(lambdas[i]);
            var trainer = new Trainer<double>(cold, options);
            trainer.Fit(data, null);
            Assert.Equal(trainer.Score(data).Loss, path.Train[i], 8);
        }
        // More penalty, smaller weights.
        for (int i = 1; i < lambdas.Length; i++) Assert.True(path.WeightNorm[i] > path.WeightNorm[i - 1]);
    }

    [Fact]
    public void Lasso_path_reports_fewer_non_zero_weights_as_lambda_grows()
    {
        var data = Linear(80, 8, seed: 2);
        var options = new TrainingOptions<double> { Epochs = 300, BatchSize = 0, Shuffle = false };
        var search = new LambdaSearch<double>(() => LinearModel(8, 80), (m, l) => m.Penalty = Penalty.Lasso(l), options);
        // λ/m per weight against |∂J/∂w| at 0 ≈ 2·|β|: 2000/80 = 25 zeroes everything, 100/80 = 1.25 only the noise.
        RegularizationPathResult path = search.RegularizationPath(data, null, [0, 0.5, 5, 100, 2000]);
        Assert.Equal([2000, 100, 5, 0.5, 0], path.Lambdas);
        Assert.Equal(0, path.NonZeroWeights[0]);           // λ large enough: everything zero
        Assert.Equal(8, path.NonZeroWeights[^1]);           // λ = 0: dense
        Assert.Equal(2, path.NonZeroWeights[1]);            // only the relevant features survive
        for (int i = 1; i < path.Lambdas.Length; i++) Assert.True(path.NonZeroWeights[i] >= path.NonZeroWeights[i - 1]);
    }

    [Fact]
    public void A_lambda_in_the_layer_list_is_searched_by_a_factory_that_builds_each_model_at_its_lambda()
    {
        // The L0 gates' λ is part of the layer spec: the search builds a new network per λ and fold.
        Dataset<float> data = TrainerTests.Blobs(150, 5);
        var calls = new System.Collections.Concurrent.ConcurrentDictionary<double, int>();
        Sequential<float> At(double lambda)
        {
            calls.AddOrUpdate(lambda, 1, (_, n) => n + 1);
            return new Sequential<float>(4, 32, LossKind.SoftmaxCrossEntropy,
                [new Dense(16), new HardConcreteGate(lambda), new Activation(ActivationKind.Relu), new Dense(3)], seed: 2)
            { Optimizer = new Adam(lr: 1e-2) };
        }
        var options = new TrainingOptions<float> { Epochs = 30, BatchSize = 32, Seed = 1 };
        double[] lambdas = [0.01, 1, 1e4];
        CrossValidationResult cv = new LambdaSearch<float>(At, options).CrossValidate(data, lambdas, k: 3);
        Assert.All(lambdas, l => Assert.Equal(3, calls[l]));
        // λ = 10⁴ closes every gate: the network predicts a constant and scores far worse.
        Assert.True(cv.MeanValidation[2] > cv.MeanValidation[0] + 0.3, string.Join(", ", cv.MeanValidation));
        Assert.NotEqual(2, cv.OneStandardErrorIndex);
        Assert.Equal(OneStandardErrorRule.Choose(cv.Lambdas, cv.MeanValidation, cv.StandardError).OneStandardError, cv.OneStandardErrorIndex);

        // Validation curves and paths build per λ too (a path cannot warm-start a new layer list).
        calls.Clear();
        var (trainRows, validRows) = Folds.StratifiedHoldout(data.Labels, 0.3, 1);
        ValidationCurveResult curve = new LambdaSearch<float>(At, options).ValidationCurve(data.Subset(trainRows), data.Subset(validRows), lambdas);
        Assert.True(curve.Validation[2] > curve.Validation[0]);
        RegularizationPathResult path = new LambdaSearch<float>(At, options).RegularizationPath(data, null, lambdas);
        Assert.Equal([1e4, 1, 0.01], path.Lambdas);
        Assert.All(lambdas, l => Assert.Equal(2, calls[l]));
        Assert.Throws<InvalidOperationException>(() => new LambdaSearch<float>(_ => null!, options).CrossValidate(data, lambdas, k: 3));
    }

    [Fact]
    public void With_smaller_is_stronger_one_se_picks_the_tightest_bound_not_the_loosest()
    {
        // Max-norm bounds of 10³ and 10⁴ never bind: identical models, identical scores. The λ rule would take 10⁴.
        var data = Linear(60, 4, seed: 5);
        var options = new TrainingOptions<double> { Epochs = 50, BatchSize = 0, Shuffle = false, Seed = 4 };
        var search = new LambdaSearch<double>(() => LinearModel(4, 60, lr: 0.05), (m, c) => m.Penalty = Penalty.None with { MaxNorm = c }, options)
        {
            SmallerIsStronger = true,
        };
        CrossValidationResult cv = search.CrossValidate(data, [1e3, 1e4], k: 3);
        Assert.Equal(cv.MeanValidation[0], cv.MeanValidation[1]);
        Assert.Equal(1e3, cv.OneStandardErrorLambda);
        Assert.Equal(1e3, cv.BestLambda);
    }

    [Fact]
    public void Cross_validation_finds_the_u_shape_and_one_se_picks_a_larger_lambda()
    {
        // Few noisy examples and many irrelevant features: some ridge helps, too much hurts.
        var data = Linear(40, 20, seed: 3, noise: 1.0);
        // Gradient descent is stable while lr·(2·λmax(XᵀX/m) + λ/m) < 2: lr 0.05 with λ/m up to 4 is.
        double[] lambdas = [0, 0.5, 2, 8, 32, 128];
        var options = new TrainingOptions<double> { Epochs = 400, BatchSize = 0, Shuffle = false, Seed = 4 };
        var search = new LambdaSearch<double>(() => LinearModel(20, 40, lr: 0.05), (m, l) => m.Penalty = Penalty.Ridge(l), options);
        CrossValidationResult cv = search.CrossValidate(data, lambdas, k: 5);
        Assert.Equal(5, cv.Folds);
        Assert.All(cv.FoldScores, f => Assert.Equal(5, f.Length));
        Assert.True(cv.MeanValidation[^1] > cv.MeanValidation[cv.BestIndex]); // too much penalty underfits
        Assert.True(cv.MeanTrain[0] < cv.MeanTrain[^1]);                       // training loss rises with λ
        Assert.True(cv.OneStandardErrorLambda >= cv.BestLambda);
        Assert.True(cv.MeanValidation[cv.OneStandardErrorIndex] <= cv.MeanValidation[cv.BestIndex] + cv.StandardError[cv.BestIndex]);
    }

    [Fact]
    public void Parallel_and_serial_searches_agree_bit_for_bit()
    {
        var data = TrainerTests.Blobs(150, 5);
        var options = new TrainingOptions<float> { Epochs = 3, BatchSize = 16, Seed = 2 };
        CrossValidationResult Run(int threads) =>
            new LambdaSearch<float>(() => TrainerTests.Mlp(), (m, l) => m.Penalty = Penalty.Ridge(l), options)
            { MaxDegreeOfParallelism = threads, Metric = SelectionMetric.Error }.CrossValidate(data, [0, 0.1, 1], k: 3);
        CrossValidationResult serial = Run(1), parallel = Run(2);
        Assert.Equal(serial.MeanValidation, parallel.MeanValidation);
        Assert.Equal(serial.MeanTrain, parallel.MeanTrain);
    }

    [Fact]
    public void Bias_variance_recovers_the_noise_and_variance_falls_as_lambda_grows()
    {
        // y = sin(2x) + N(0, 0.3²); a wide MLP on 40 points has high variance unless penalised.
        var rng = new Random(6);
        Dataset<double> Sample(int n)
        {
            var x = new double[n];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = rng.NextDouble() * 4 - 2;
                y[i] = Math.Sin(2 * x[i]) + 0.3 * TrainerTests.Normal(rng);
            }
            return Dataset<double>.Regression(x, 1, y);
        }
        Dataset<double> train = Sample(40), test = Sample(400);
        var options = new TrainingOptions<double> { Epochs = 1000, BatchSize = 0, Seed = 7 };
        var search = new LambdaSearch<double>(
            () => new Sequential<double>(1, 400, LossKind.MeanSquaredError,
                [new Dense(32), new Activation(ActivationKind.Tanh), new Dense(32), new Activation(ActivationKind.Tanh), new Dense(1)], seed: 2)
            { Optimizer = new Adam(0.02) },
            (m, l) => m.Penalty = Penalty.Ridge(l), options);
        BiasVarianceResult result = search.BiasVariance(train, test, [0, 10, 200], rounds: 12);
        Assert.Null(result.ZeroOne);
        var d = result.SquaredError!;
        Assert.InRange(d[0].Noise, 0.09 * 0.7, 0.09 * 1.3);
        Assert.True(d[0].Variance > d[1].Variance && d[1].Variance > d[2].Variance,
            $"variance {d[0].Variance}, {d[1].Variance}, {d[2].Variance}");
        foreach (var x in d) Assert.Equal(x.ExpectedLoss, x.BiasSquared + x.Variance, 10);
    }

    [Fact]
    public void Bad_grids_are_rejected() =>
        Assert.Throws<ArgumentException>(() =>
            new LambdaSearch<float>(() => TrainerTests.Mlp(), (m, l) => { }, new TrainingOptions<float>())
                .ValidationCurve(TrainerTests.Blobs(20, 1), TrainerTests.Blobs(20, 2), [0.1, double.NaN]));
}

using FastReg.Nn;
using FastReg.Nn.Linear;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;

namespace FastReg.Tests.Nn.Training;

/// <summary>The ConvergenceWarning rules, full-batch training without a shuffle, and λ searches fitted by the linear solver.</summary>
public class ConvergenceAndFullBatchTests
{
    private static EpochMetrics Epoch(int e, double objective, double norm = double.NaN) =>
        new(e, 0.01, objective, objective, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, norm, 0, TimeSpan.Zero);

    [Fact]
    public void A_loss_still_falling_steadily_warns_and_a_flattened_one_does_not()
    {
        // Linear descent from 10 to 5 over 100 epochs: the last 10 epochs give 10% of the decrease.
        var steady = Enumerable.Range(0, 100).Select(e => Epoch(e, 10 - 0.05 * e)).ToList();
        string? warning = ConvergenceCheck.Inspect(steady, stoppedEarly: false, initialWeightNorm: 1);
        Assert.NotNull(warning);
        Assert.StartsWith("ConvergenceWarning: training ended while the loss was still falling (the last 10 of 100 epochs", warning, StringComparison.Ordinal);
        Assert.Null(ConvergenceCheck.Inspect(steady, stoppedEarly: true, initialWeightNorm: 1));

        // Exponential decay to a floor: the last 10% contribute far less than 1%.
        var flat = Enumerable.Range(0, 100).Select(e => Epoch(e, 1 + 9 * Math.Exp(-e / 8.0))).ToList();
        Assert.Null(ConvergenceCheck.Inspect(flat, stoppedEarly: false, initialWeightNorm: 1));
    }

    [Fact]
    public void Weights_that_grow_ten_thousand_fold_or_stop_being_finite_warn()
    {
        var grown = new[] { Epoch(0, 5, 2), Epoch(1, 4, 3e4) };
        Assert.StartsWith("ConvergenceWarning: the weights exploded", ConvergenceCheck.Inspect(grown, false, 2), StringComparison.Ordinal);
        Assert.Null(ConvergenceCheck.Inspect([Epoch(0, 5, 2), Epoch(1, 5, 1.9e4)], false, 2));
        Assert.NotNull(ConvergenceCheck.Inspect([Epoch(0, 5, double.PositiveInfinity)], false, 2));
    }

    [Fact]
    public void Full_batch_training_with_shuffle_on_is_bitwise_the_unshuffled_run()
    {
        var rng = new Random(5);
        const int n = 64, d = 4;
        var x = new float[n * d];
        var labels = new int[n];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        for (int i = 0; i < n; i++) labels[i] = x[i * d] + x[i * d + 1] > 0 ? 1 : 0;
        var data = Dataset<float>.Classification(x, d, labels);
        float[] Run(bool shuffle)
        {
            var model = new Sequential<float>(d, n, LossKind.SoftmaxCrossEntropy, [new Dense(5), new Activation(ActivationKind.Tanh), new Dense(2)], seed: 3)
            {
                Optimizer = new Sgd(0.1),
            };
            new Trainer<float>(model, new TrainingOptions<float> { Epochs = 20, BatchSize = 0, Shuffle = shuffle, Seed = 9 }).Fit(data, null);
            return model.AllParameters.ToArray();
        }
        Assert.Equal(Run(shuffle: false), Run(shuffle: true));
    }

    [Fact]
    public void A_cross_validation_fitted_by_the_solver_scores_the_solvers_optimum()
    {
        var rng = new Random(8);
        const int n = 120, d = 3;
        var x = new double[n * d];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) x[i * d + j] = rng.NextDouble() * 2 - 1;
            y[i] = 2 * x[i * d] - x[i * d + 1] + 0.3 * (rng.NextDouble() - 0.5);
        }
        var data = Dataset<double>.Regression(x, d, y);
        var search = new LambdaSearch<double>(
            l => new Sequential<double>(d, n, LossKind.MeanSquaredError, [new Dense(1)]) { Penalty = Penalty.Ridge(l), Optimizer = new Sgd(1e-9) },
            new TrainingOptions<double> { Epochs = 1, Seed = 2 })
        {
            Solver = new LinearSolverOptions { Tolerance = 1e-12 },
        };
        CrossValidationResult cv = search.CrossValidate(data, [0.01, 1000], k: 4);
        // An SGD step of 1e-9 would leave the loss near Var(y) ≈ 1.7; the solver's ridge fit at λ = 0.01 is near the noise (≈ 0.0075).
        Assert.True(cv.MeanTrain[0] < 0.02, $"train loss {cv.MeanTrain[0]}");
        Assert.True(cv.MeanValidation[1] > cv.MeanValidation[0]);
    }
}

using FastReg.IO;
using FastReg.Nn;
using FastReg.Nn.Preprocessing;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;
using FastReg.Tests.Nn.Training;

namespace FastReg.Tests.Nn.Selection;

/// <summary>
/// Cross-validation whose preprocessing is fitted inside each fold (<see cref="FoldPreparation{T}"/>,
/// <see cref="PipelineFolds"/>), as a scikit-learn Pipeline inside cross_val_score.
/// </summary>
public class FoldPreparationTests
{
    private const int Rows = 100, K = 5;

    /// <summary>x near 0, except fold 0's held-out rows near 1000; y = 2x + 1.</summary>
    private static (DataColumn[] Columns, double[] Targets) ShiftedFold()
    {
        int[] fold = Folds.KFold(Rows, K, shuffle: true, seed: 0);
        var rng = new Random(5);
        var x = new double[Rows];
        var y = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            x[i] = (fold[i] == 0 ? 1000 : 0) + (rng.NextDouble() * 2 - 1);
            y[i] = 2 * x[i] + 1;
        }
        return ([DataColumn.Numeric("x", x)], y);
    }

    private static LambdaSearch<double> Ridge(Action<int, int>? progress = null) =>
        new((lambda, rows) => new Sequential<double>(rows.Features, Rows, LossKind.MeanSquaredError, [new Dense(1)], seed: 1) { Penalty = Penalty.Ridge(lambda), Optimizer = new Sgd(0.1) },
            new TrainingOptions<double> { Epochs = 1, Seed = 0 })
        {
            Solver = new FastReg.Nn.Linear.LinearSolverOptions(),
            Metric = SelectionMetric.Rmse,
            MaxDegreeOfParallelism = 1,
            Progress = progress,
        };

    [Fact]
    public void Each_fold_is_standardized_by_its_own_training_rows_not_by_the_rows_it_is_scored_on()
    {
        var (columns, y) = ShiftedFold();
        var prepared = new PreparedFold<double>[K];
        FoldPreparation<double> pipeline = PipelineFolds.Regression<double>(columns, y, options: new PreprocessingOptions { Standardize = true }, scaleTargets: true);
        int calls = 0;
        CrossValidationResult cv = Ridge().CrossValidate((train, test) =>
        {
            PreparedFold<double> f = pipeline(train, test);
            prepared[calls++] = f;
            return f;
        }, Rows, [0.01], K);
        Assert.Equal(K, calls);

        // Fold 0's training rows have mean 0 and std 1 by their own statistics; the all-rows standardizer, pulled
        // to a mean near 200 by fold 0's held-out rows, maps them to about −0.5 instead.
        double[] train0 = prepared[0].Train.X;
        double mean = train0.Average(), std = Math.Sqrt(train0.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(0, mean, 1e-9);
        Assert.Equal(1, std, 1e-9);
        Assert.True(prepared[0].Test.X.Min() > 100, "the held-out rows lie far outside the fold's training range");
        Standardizer all = Preprocessor.Fit(columns, Enumerable.Range(0, Rows).ToArray(), new PreprocessingOptions { Standardize = true }).Standardizer!;
        Assert.True(all.Mean[0] > 150 && Math.Abs(all.Transform(0, 0) + 0.5) < 0.1, $"all-rows mean {all.Mean[0]}");
        Assert.Equal(1, prepared[0].TargetScaler!.Count);

        // Fitted inside the fold, fold 0's slope survives and extrapolates; fitted on every row, ridge flattens
        // fold 0's nearly constant standardized feature and misses the shifted rows by about 2000.
        Assert.True(cv.FoldScores[0][0] < 100, $"in-fold RMSE {cv.FoldScores[0][0]}");
        Preprocessor leaky = Preprocessor.Fit(columns, Enumerable.Range(0, Rows).ToArray(), new PreprocessingOptions { Standardize = true });
        TargetScaler leakyTargets = TargetScaler.Fit(y, 1, Enumerable.Range(0, Rows).ToArray());
        double[] scaled = (double[])y.Clone();
        leakyTargets.Scale(scaled);
        var leakyData = Dataset<double>.Regression(leaky.Transform(columns), 1, scaled);
        CrossValidationResult leaked = Ridge().CrossValidate(leakyData, [0.01], K);
        Assert.True(leaked.FoldScores[0][0] * leakyTargets.Std[0] > 1000, $"all-rows RMSE {leaked.FoldScores[0][0] * leakyTargets.Std[0]}");
    }

    [Fact]
    public void The_dataset_overload_is_the_fold_preparation_that_subsets_rows_with_the_same_folds()
    {
        Dataset<float> data = TrainerTests.Blobs(60, 7);
        var options = new TrainingOptions<float> { Epochs = 5, BatchSize = 16, Seed = 3 };
        LambdaSearch<float> search = new(l => new Sequential<float>(data.Features, 16, LossKind.SoftmaxCrossEntropy, [new Dense(3)], seed: 2)
        {
            Penalty = Penalty.Ridge(l), Optimizer = new Adam(0.01),
        }, options);
        CrossValidationResult a = search.CrossValidate(data, [0, 0.1], k: 3);
        CrossValidationResult b = search.CrossValidate((tr, te) => new PreparedFold<float>(data.Subset(tr), data.Subset(te)), data.Count, [0, 0.1], k: 3, stratifyBy: data.Labels);
        Assert.Equal(a.MeanValidation, b.MeanValidation);
        Assert.Equal(a.FoldScores[1], b.FoldScores[1]);
    }

    [Fact]
    public void A_fold_whose_sets_do_not_fit_together_is_refused_with_its_number()
    {
        Dataset<float> data = TrainerTests.Blobs(30, 1);
        Dataset<float> narrow = Dataset<float>.Classification(new float[data.Count], 1, data.Labels!);
        var search = new LambdaSearch<float>((l, rows) => new Sequential<float>(rows.Features, 8, LossKind.SoftmaxCrossEntropy, [new Dense(3)]), new TrainingOptions<float> { Epochs = 1 });
        var e = Assert.Throws<ArgumentException>(() => search.CrossValidate((tr, te) => new PreparedFold<float>(data.Subset(tr), narrow.Subset(te)), data.Count, [0], k: 3));
        Assert.Contains("Fold 0's held-out set has 1 features", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => search.CrossValidate((tr, te) => new PreparedFold<float>(data.Subset(te), data.Subset(tr)), data.Count, [0], k: 3));
        Assert.Throws<ArgumentException>(() => search.CrossValidate((tr, te) => new PreparedFold<float>(data.Subset(tr), data.Subset(te)), data.Count, [0], k: 3, stratifyBy: [1, 2]));
    }

    [Fact]
    public void Progress_counts_every_training_of_a_search_up_to_its_total()
    {
        var (columns, y) = ShiftedFold();
        var reports = new List<(int Done, int Total)>();
        Ridge((done, total) => reports.Add((done, total))).CrossValidate(PipelineFolds.Regression<double>(columns, y), Rows, [0, 0.1, 1], K);
        Assert.Equal(Enumerable.Range(1, 3 * K).Select(i => (i, 3 * K)), reports); // one thread here: in order
    }
}

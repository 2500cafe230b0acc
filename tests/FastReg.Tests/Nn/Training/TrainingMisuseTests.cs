using FastReg.Nn;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;

namespace FastReg.Tests.Nn.Training;

/// <summary>Misuse of the trainer, data sets, the λ search and the gradient checker, each named in its message.</summary>
public class TrainingMisuseTests
{
    private static void Contains(string expected, Exception e) => Assert.Contains(expected, e.Message, StringComparison.Ordinal);

    private static Sequential<float> WithOptimizer(Sequential<float> model, Optimizer optimizer)
    {
        model.Optimizer = optimizer;
        return model;
    }

    private static readonly TrainingOptions<float> Quick = new() { Epochs = 1, BatchSize = 16 };

    [Fact]
    public void Labels_beyond_the_model_outputs_are_refused_before_training()
    {
        // Mlp has 3 outputs; label 5 would index past the logits.
        var data = Dataset<float>.Classification(new float[4 * 4], 4, [0, 1, 5, 2]);
        var e = Assert.Throws<ArgumentException>(() => new Trainer<float>(TrainerTests.Mlp(), Quick).Fit(data, null));
        Assert.Equal("train", e.ParamName);
        Contains("labels up to 5 but the model has 3 outputs", e);
        Contains("labels up to 5", Assert.Throws<ArgumentException>(() => new Trainer<float>(TrainerTests.Mlp(), Quick).Score(data)));
    }

    [Fact]
    public void A_model_without_an_optimizer_or_data_of_the_wrong_kind_is_refused()
    {
        var bare = new Sequential<float>(4, 8, LossKind.SoftmaxCrossEntropy, [new Dense(3)]);
        Contains("Set the model's Optimizer", Assert.Throws<ArgumentException>(() => new Trainer<float>(bare, Quick)));
        var regression = Dataset<float>.Regression(new float[8], 4, [1f, 2f]);
        Contains("takes class labels but the data carry real-valued targets",
            Assert.Throws<ArgumentException>(() => new Trainer<float>(TrainerTests.Mlp(), Quick).Fit(regression, null)));
    }

    [Fact]
    public void Malformed_data_sets_name_the_problem()
    {
        var e = Assert.Throws<ArgumentException>(() => Dataset<float>.Classification(new float[8], 4, [0, -2]));
        Assert.Equal("labels", e.ParamName);
        Contains("Label of example 1 is -2", e);
        Contains("2 rows of features but 3 targets", Assert.Throws<ArgumentException>(() => Dataset<float>.Classification(new float[8], 4, [0, 1, 2])));
        Contains("do not divide into rows of 3", Assert.Throws<ArgumentException>(() => Dataset<double>.Regression(new double[8], 3, new double[2])));
        Contains("empty", Assert.Throws<ArgumentException>(() => Dataset<double>.Regression([], 3, [])));
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => TrainerTests.Blobs(10, 1).Subset([0, 10])).ParamName);
    }

    [Fact]
    public void A_search_whose_build_function_misbehaves_is_stopped_with_the_reason()
    {
        Dataset<float> train = TrainerTests.Blobs(32, 1), valid = TrainerTests.Blobs(32, 2);
        void Ridge(Sequential<float> m, double l) => m.Penalty = Penalty.Ridge(l);

        Contains("build function returned null",
            Assert.Throws<InvalidOperationException>(() => new LambdaSearch<float>(() => null!, Ridge, Quick).ValidationCurve(train, valid, [0, 1])));

        Sequential<float> shared = TrainerTests.Mlp();
        Contains("returned a model it had returned before",
            Assert.Throws<InvalidOperationException>(() => new LambdaSearch<float>(() => shared, Ridge, Quick).ValidationCurve(train, valid, [0, 1])));

        var sgd = new Sgd(0.1);
        Contains("Optimizer another model also uses",
            Assert.Throws<InvalidOperationException>(() => new LambdaSearch<float>(() => WithOptimizer(TrainerTests.Mlp(), sgd), Ridge, Quick)
                .CrossValidate(TrainerTests.Blobs(40, 3), [0, 1], k: 2)));

        // A model of another input size: the trainer's check names both sizes.
        Func<Sequential<float>> wrongWidth = () => new Sequential<float>(6, 16, LossKind.SoftmaxCrossEntropy, [new Dense(3)]) { Optimizer = new Sgd(0.1) };
        Contains("The data have 4 features but the model takes 6",
            Assert.Throws<ArgumentException>(() => new LambdaSearch<float>(wrongWidth, Ridge, Quick).ValidationCurve(train, valid, [0])));
    }

    [Fact]
    public void A_bias_variance_test_set_unlike_the_training_set_is_refused()
    {
        var search = new LambdaSearch<float>(() => TrainerTests.Mlp(), (m, l) => m.Penalty = Penalty.Ridge(l), Quick);
        Dataset<float> train = TrainerTests.Blobs(32, 1);
        var e = Assert.Throws<ArgumentException>(() => search.BiasVariance(train, Dataset<float>.Classification(new float[10], 5, [0, 1]), [0]));
        Assert.Equal("test", e.ParamName);
        Contains("test set has 5 features but the training set has 4", e);
        Contains("training set carries class labels but the test set real-valued targets",
            Assert.Throws<ArgumentException>(() => search.BiasVariance(train, Dataset<float>.Regression(new float[8], 4, [1f, 2f]), [0])));
    }

    [Fact]
    public void Gradient_check_settings_that_make_the_differences_meaningless_are_refused()
    {
        var model = new Sequential<double>(2, 1, LossKind.MeanSquaredError, [new Dense(1)]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GradientChecker.Check(model, [1, 2], [0.5], 1, new GradientCheckOptions { Epsilon = 0 }));
        Assert.Equal("Epsilon", e.ParamName);
        Contains("Epsilon must be a positive finite number", e);
        Assert.Equal("Tiny", Assert.Throws<ArgumentOutOfRangeException>(() =>
            GradientChecker.Check(model, [1, 2], [0], 1, new GradientCheckOptions { Tiny = double.NaN })).ParamName);
        Assert.Equal("batch", Assert.Throws<ArgumentOutOfRangeException>(() => GradientChecker.CheckLayer(new Dense(2), 3, 0)).ParamName);
        Contains("batch 2 exceeds the workspace's maxBatch 1", Assert.Throws<ArgumentOutOfRangeException>(() => GradientChecker.Check(model, [1, 2, 3, 4], [0, 0], 2)));
    }
}

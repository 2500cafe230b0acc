using FastReg.Nn;

namespace FastReg.Tests.Nn;

/// <summary>Misuse of a model or a session: each refused with an exception whose message names the problem.</summary>
public class ModelMisuseTests
{
    private static Sequential<float> Model(int maxBatch = 32) =>
        new(3, maxBatch, LossKind.MeanSquaredError, [new Dense(4), new Activation(ActivationKind.Relu), new Dense(2)], seed: 1)
        { Optimizer = new Sgd(0.1) };

    private static void Contains(string expected, Exception e) => Assert.Contains(expected, e.Message, StringComparison.Ordinal);

    [Fact]
    public void A_batch_beyond_the_workspace_names_the_batch_and_the_maxBatch()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Model().Predict(new float[64 * 3], new float[64 * 2], 64));
        Assert.Equal("batch", e.ParamName);
        Contains("batch 64 exceeds the workspace's maxBatch 32", e);
        Contains("the model's workspace", e);

        InferenceSession<float> session = Model().CreateInferenceSession(8);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => session.Predict(new float[9 * 3], new float[9 * 2], 9));
        Contains("batch 9 exceeds the workspace's maxBatch 8", e);
        Contains("this InferenceSession", e);
    }

    [Fact]
    public void An_empty_or_negative_batch_is_refused()
    {
        foreach (int batch in new[] { 0, -3 })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => Model().TrainStep(Array.Empty<float>(), Array.Empty<float>(), batch));
            Assert.Equal("batch", e.ParamName);
            Contains($"batch {batch}: a batch must hold at least one example", e);
            Assert.Equal("batch", Assert.Throws<ArgumentOutOfRangeException>(() => Model().CreateInferenceSession(4).Predict([], [], batch)).ParamName);
        }
    }

    [Fact]
    public void Wrong_lengths_name_the_argument_and_both_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Model().Predict(new float[10], new float[8], 4));
        Assert.Equal("x", e.ParamName);
        Contains("'x' has 10 elements but batch × InputSize = 4 × 3 = 12", e);
        e = Assert.Throws<ArgumentException>(() => Model().CreateInferenceSession(4).Predict(new float[12], new float[7], 4));
        Assert.Equal("y", e.ParamName);
        Contains("'y' has 7 elements but batch × OutputSize = 4 × 2 = 8", e);
        e = Assert.Throws<ArgumentException>(() => Model().ComputeGradients(new float[6], new float[3], 2));
        Assert.Equal("targets", e.ParamName);
        Contains("'targets' has 3 elements but batch × OutputSize = 2 × 2 = 4", e);
    }

    [Fact]
    public void Predicting_in_place_over_the_input_is_refused()
    {
        var buffer = new float[12];
        var e = Assert.Throws<ArgumentException>(() => Model().Predict(buffer, buffer.AsSpan(4, 8), 4));
        Assert.Equal("y", e.ParamName);
        Contains("'y' overlaps 'x'", e);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Model().CreateInferenceSession(4).Predict(buffer, buffer, 4)).ParamName);
    }

    [Fact]
    public void Labels_and_targets_given_to_the_wrong_loss_or_out_of_range_are_named()
    {
        var classifier = new Sequential<float>(3, 4, LossKind.SoftmaxCrossEntropy, [new Dense(3)]) { Optimizer = new Sgd(0.1) };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => classifier.TrainStep(new float[6], [1, -1], 2));
        Contains("Class label -1 is outside [0, 3)", e);
        Contains("integer class labels", Assert.Throws<ArgumentException>(() => classifier.Objective(new float[3], new float[3], 1)));
        Contains("takes real-valued targets", Assert.Throws<ArgumentException>(() => Model().Objective(new float[3], new int[1], 1)));
    }

    [Fact]
    public void An_unknown_parameter_name_lists_the_names_there_are()
    {
        var e = Assert.Throws<ArgumentException>(() => Model().GetParameter("1.weight"));
        Assert.Equal("name", e.ParamName);
        Contains("no parameter named '1.weight'", e);
        Contains("0.weight, 0.bias, 2.weight, 2.bias", e);
        Assert.Throws<ArgumentNullException>(() => Model().GetParameter((string)null!));
    }

    [Fact]
    public void A_tensor_of_another_model_is_refused()
    {
        Sequential<float> other = Model();
        var e = Assert.Throws<ArgumentException>(() => Model().GetGradient(other.Parameters[0]));
        Assert.Equal("tensor", e.ParamName);
        Contains("'0.weight' belongs to another model", e);
    }

    [Fact]
    public void Converting_to_a_type_other_than_float_or_double_names_the_type()
    {
        var e = Assert.Throws<NotSupportedException>(() => Model().ConvertTo<Half>());
        Contains("float and double, not Half", e);
        // The supported conversions keep the architecture, so float and double parts cannot be mixed up.
        Sequential<double> twin = Model().ConvertTo<double>();
        Assert.Equal((3, 2, 32), (twin.InputSize, twin.OutputSize, twin.MaxBatch));
    }

    [Fact]
    public void Settings_out_of_range_are_refused_naming_them()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Model().Step = -1);
        Contains("Step must not be negative", e);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Model().CreateInferenceSession(0));
        Assert.Equal("maxBatch", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sequential<float>(4, 1 << 20, LossKind.MeanSquaredError, [new Dense(1 << 12)]));
        Assert.Equal("maxBatch", e.ParamName);
        Contains("largest array", e);
        Contains("not a HardConcreteGate", Assert.Throws<ArgumentException>(() => Model().GateValues(1)));
        Contains("PenaltyExamples must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => Model().PenaltyExamples = 0));
    }

    [Fact]
    public void An_optimizer_learning_rate_that_is_negative_or_not_finite_is_refused()
    {
        foreach (double lr in new[] { -0.1, double.NaN, double.PositiveInfinity })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1).Lr = lr);
            Assert.Equal("Lr", e.ParamName);
            Contains("finite non-negative", e);
        }
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(lr: double.NaN)).ParamName);
    }
}

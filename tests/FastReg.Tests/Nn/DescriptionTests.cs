using FastReg.Nn;

namespace FastReg.Tests.Nn;

/// <summary>Issue 15 item 3: Summary() in Keras's style and ToString() of models, layers, penalties and optimizers.</summary>
public sealed class DescriptionTests
{
    private static Sequential<float> Model() =>
        new(4, 16, LossKind.SoftmaxCrossEntropy,
            [new Dense(8) { Penalty = Penalty.Lasso(0.001) }, new Activation(ActivationKind.Relu), new HardConcreteGate(0.01), new Dropout(0.5), new Dense(3)], seed: 1)
        {
            Penalty = Penalty.Ridge(0.01), Optimizer = new Adam(1e-3),
        };

    [Fact]
    public void Summary_lists_each_layer_with_shape_parameters_and_penalty_then_the_total()
    {
        Sequential<float> model = Model();
        string[] lines = model.Summary().Split('\n');
        Assert.StartsWith("Model: Sequential<Single>, 4 inputs, loss SoftmaxCrossEntropy", lines[0], StringComparison.Ordinal);
        string Row(int i) => Assert.Single(lines, l => l.StartsWith($"{i} ", StringComparison.Ordinal));
        Assert.Matches(@"^0 dense \(Dense\)\s+\(None, 8\)\s+40  L1 0\.001$", Row(0));
        Assert.Matches(@"^1 relu \(Activation\)\s+\(None, 8\)\s+0  —$", Row(1));
        Assert.Matches(@"^2 l0gate \(HardConcreteGate\)\s+\(None, 8\)\s+8  L0 0\.01$", Row(2));
        Assert.Matches(@"^3 dropout \(Dropout\)\s+\(None, 8\)\s+0  —$", Row(3));
        Assert.Matches(@"^4 dense \(Dense\)\s+\(None, 3\)\s+27  model's \(L2 0\.01\)$", Row(4));
        Assert.Contains($"Total params: {model.ParameterCount}", model.Summary(), StringComparison.Ordinal);
        Assert.Equal(40 + 8 + 27, model.ParameterCount);
        Assert.Contains("Optimizer: Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=False)", model.Summary(), StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length <= 80 || l.StartsWith("Optimizer:", StringComparison.Ordinal), $"wider than 80 columns: {l}"));
    }

    [Fact]
    public void Models_layers_penalties_and_optimizers_print_what_they_are()
    {
        Assert.Equal("Sequential<Single>(4 → dense:8 → relu → l0gate:0.01 → dropout:0.5 → dense:3; SoftmaxCrossEntropy, 75 parameters)",
            Model().ToString());
        Assert.Equal("none", Penalty.None.ToString());
        Assert.Equal("L2 0.01, L1 0.002 (subgradient), max-norm 3, +biases",
            (Penalty.Ridge(0.01) with { L1 = 0.002, L1Method = L1Method.Subgradient, MaxNorm = 3, IncludeBiases = true }).ToString());
        Assert.Equal("Sgd(lr=0.1, momentum=0.9, dampening=0, weight_decay=0.0005, nesterov=True)", new Sgd(0.1, momentum: 0.9, weightDecay: 5e-4, nesterov: true).ToString());
        Assert.Equal("AdamW(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01, amsgrad=False, decay_biases=False)", new AdamW { DecayBiases = false }.ToString());
        Assert.Equal("Dense { Units = 8, Penalty = L1 0.001, Init = Auto, Bias = True }", new Dense(8) { Penalty = Penalty.Lasso(0.001) }.ToString());
        Assert.Equal("Dropout { Rate = 0.5 }", new Dropout(0.5).ToString());
    }
}

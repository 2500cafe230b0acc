using System.Numerics;
using FastReg.Cli.Modeling;
using FastReg.Nn;
using FastReg.Nn.Preprocessing;

namespace FastReg.Tests.Nn;

/// <summary>
/// Layers and losses describe themselves (issue 18 item 2): a layer's parameter count, workspace and own
/// penalty through LayerSpec, a loss's meaning through DataLoss and its LossCatalog entry, so no caller
/// names a layer or loss type.
/// </summary>
public class LayerSelfDescriptionTests
{
    [Fact]
    public void Every_cataloged_layer_counts_the_parameters_it_declares()
    {
        foreach (LayerKind kind in LayerCatalog.Kinds)
        {
            foreach (int inputs in new[] { 1, 3, 17 })
            {
                var model = new Sequential<float>(inputs, 2, LossKind.MeanSquaredError, [kind.Sample, new Dense(2)]);
                long declared = model.Parameters.Where(t => t.LayerIndex == 0).Sum(t => (long)t.Length);
                Assert.True(declared == kind.Sample.ParameterCount(inputs), $"{kind.Name} with {inputs} inputs: declares {declared}, counts {kind.Sample.ParameterCount(inputs)}");
            }
        }
        Assert.Equal(3L * 7, new Dense(3) { Bias = false }.ParameterCount(7));
        Assert.Equal(3L * 7 + 3, new Dense(3).ParameterCount(7));
    }

    [Fact]
    public void A_user_layer_is_counted_by_the_default_dry_build_and_in_the_cli_memory_estimate()
    {
        var layer = new Affine();
        Assert.Equal(2L * 5, layer.ParameterCount(5));
        // The CLI's estimate sums the layers' counts: 4·3 + 3 for the Dense, 2·3 for the user layer.
        long parameters = MemoryEstimate.Require(4, [new Dense(3), layer], 8, sizeof(float), 0, "sgd", "");
        Assert.Equal(4L * 3 + 3 + 2 * 3, parameters);
        var model = new Sequential<float>(4, 8, LossKind.MeanSquaredError, [new Dense(3), layer]);
        Assert.Equal(model.ParameterCount, parameters);
    }

    [Fact]
    public void Workspaces_are_declared_by_the_layers_that_keep_them()
    {
        Assert.Equal(6L, new Dropout(0.5).WorkspacePerRow(6));
        Assert.Equal(6L, new GaussianDropout(0.5).WorkspacePerRow(6));
        Assert.Equal(12L, new HardConcreteGate(0.1).WorkspacePerRow(6));
        Assert.Equal(0L, new Dense(4).WorkspacePerRow(6));
        Assert.Equal(0L, new Affine().WorkspacePerRow(6));
    }

    [Fact]
    public void Summary_prints_the_penalty_a_layer_describes_itself()
    {
        var model = new Sequential<float>(3, 2, LossKind.MeanSquaredError,
            [new Dense(4), new HardConcreteGate(0.01), new ActivityRegularization(0.5, 0), new Affine(), new Dense(1)]);
        string[] lines = model.Summary().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("1 l0gate", StringComparison.Ordinal) && l.EndsWith("L0 0.01", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2 activity", StringComparison.Ordinal) && l.EndsWith("activity L1 0.5, L2 0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("3 affine", StringComparison.Ordinal) && l.EndsWith("smoothness 0.25", StringComparison.Ordinal));
        Assert.Null(new Dense(2).OwnPenaltySummary);
    }

    [Fact]
    public void Every_loss_is_made_by_its_catalog_entry_and_answers_for_its_meaning()
    {
        foreach (LossEntry e in LossCatalog.Entries)
        {
            DataLoss<float> loss = DataLoss<float>.For(e.Kind);
            Assert.Equal(e.Loss.GetType().GetGenericTypeDefinition(), loss.GetType().GetGenericTypeDefinition());
            // A loss over labels is a classifier; one that scales its targets is a regression in their units.
            if (loss.TakesLabels) Assert.True(loss.IsClassifier);
            if (loss.ScalesTargets) Assert.False(loss.IsClassifier);
        }
        DataLoss<double> mse = DataLoss<double>.For(LossKind.MeanSquaredError), bce = DataLoss<double>.For(LossKind.BinaryCrossEntropyWithLogits);
        Assert.Equal(9.0, mse.LossUnits(3));
        Assert.Equal(1.0, bce.LossUnits(3));
        Assert.True(bce.AcceptsTarget(0) && bce.AcceptsTarget(1) && !bce.AcceptsTarget(1.5) && !bce.AcceptsTarget(double.NaN));
        Assert.Equal("mse", LossCatalog.Names(e => e.Loss.ScalesTargets));
        Assert.Equal("ce or bce", LossCatalog.Names(e => e.Loss.IsClassifier));
        Assert.Equal("mse, ce or bce", LossCatalog.Names(_ => true));
    }

    [Fact]
    public void Reported_probabilities_match_the_network_kernels()
    {
        double[] logits = [2, -1, 0.5, -3, 4, 0];
        foreach (LossKind kind in new[] { LossKind.SoftmaxCrossEntropy, LossKind.BinaryCrossEntropyWithLogits })
        {
            DataLoss<double> loss = DataLoss<double>.For(kind);
            var reported = new double[logits.Length];
            loss.ReportProbabilities(logits, reported, 2, 3);
            double[] kernel = [.. logits];
            loss.ToProbabilities(kernel, 2, 3);
            for (int i = 0; i < logits.Length; i++) Assert.Equal(kernel[i], reported[i], 1e-12);
        }
    }

    [Fact]
    public void A_trained_model_takes_its_classes_and_scaler_from_what_the_loss_says()
    {
        var bce = new Sequential<float>(2, 4, LossKind.BinaryCrossEntropyWithLogits, [new Dense(1)]);
        var binary = new TrainedModel<float>(bce, classes: ["no", "yes"]);
        Assert.True(binary.IsClassifier && binary.IsBinary);
        Assert.False(new TrainedModel<float>(bce).IsClassifier);
        var scaler = new TargetScaler(["y"], [2.0], [1.0]);
        // A BCE regression (targets in [0, 1], no classes) does not scale them; an MSE one does.
        Assert.Contains("only an mse regression network scales its targets",
            Assert.Throws<ArgumentException>(() => new TrainedModel<float>(bce, targetScaler: scaler)).Message, StringComparison.Ordinal);
        var mse = new Sequential<float>(2, 4, LossKind.MeanSquaredError, [new Dense(1)]);
        Assert.Same(scaler, new TrainedModel<float>(mse, targetScaler: scaler).TargetScaler);
        var ce = new Sequential<float>(2, 4, LossKind.SoftmaxCrossEntropy, [new Dense(3)]);
        Assert.True(new TrainedModel<float>(ce).IsClassifier);
    }

    /// <summary>A user layer y = a ⊙ x + c with one parameter tensor [2, units] and a penalty of its own; it overrides no estimate.</summary>
    sealed record Affine : LayerSpec
    {
        public override string KindName => "affine";

        public override int OutputSize(int inputSize) => inputSize;

        public override string? OwnPenaltySummary => "smoothness 0.25";

        public override Layer<T> Build<T>(LayerBuilder<T> build) => new Runtime<T>(build);

        sealed class Runtime<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
        {
            public Runtime(LayerBuilder<T> build) : base(build, build.InputSize) =>
                build.AddParameter("ac", 2, build.InputSize, ParameterKind.Weight, ParameterInit.Zeros, penalized: false);

            public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode) => x[..(batch * InputSize)].CopyTo(y);

            public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
            {
                if (needDx) dy[..(batch * InputSize)].CopyTo(dx);
            }
        }
    }
}

using System.Numerics;
using FastReg.Nn;

namespace FastReg.Tests.Nn;

/// <summary>Penalty as the builder of regularizer components, losses behind one selection, pruning through the layer API.</summary>
public class RegularizerComponentTests
{
    private static Sequential<double> Mlp(Penalty? layerPenalty = null) =>
        new(3, 4, LossKind.MeanSquaredError, [new Dense(5) { Penalty = layerPenalty }, new Activation(ActivationKind.Tanh), new Dense(2)], seed: 1);

    private static string[] Names<T>(IEnumerable<Regularizer<T>> components) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. components.Select(c => c.GetType().Name[..c.GetType().Name.IndexOf('`')])];

    [Fact]
    public void Penalty_lists_its_components_in_step_order_for_each_tensor()
    {
        Sequential<double> model = Mlp();
        ParameterTensor weight = model.Parameters[0], bias = model.Parameters[1];
        var all = new Penalty { L2 = 0.1, L1 = 0.01, MaxNorm = 2, TopK = 3 };
        Assert.Equal(["L2Penalty", "L1ProximalPenalty", "MaxNormProjection", "TopKGradientMask"], Names(all.Components<double>(weight)));
        Assert.Equal(["L1SubgradientPenalty"], Names(Penalty.Lasso(0.1, L1Method.Subgradient).Components<float>(weight)));
        // Biases only with IncludeBiases, and never max-norm (it acts on a weight's rows).
        Assert.Empty(all.Components<double>(bias));
        Assert.Equal(["L2Penalty", "L1ProximalPenalty", "TopKGradientMask"], Names((all with { IncludeBiases = true }).Components<double>(bias)));
        Assert.Empty(Penalty.None.Components<double>(weight));
    }

    [Fact]
    public void Unpenalized_tensors_get_no_components()
    {
        var model = new Sequential<double>(3, 2, LossKind.MeanSquaredError, [new Dense(4), new HardConcreteGate(0.1), new Dense(1)]);
        ParameterTensor logAlpha = model.Parameters.Single(t => t.Kind == ParameterKind.GateLogAlpha);
        Assert.Empty(Penalty.Ridge(1).Components<double>(logAlpha));
    }

    [Fact]
    public void Components_reproduce_the_penalty_objective_and_gradient()
    {
        // The model's penalty equals Σ over tensors of Σ over components, each called as the public API documents.
        Sequential<double> model = Mlp(Penalty.Ridge(0.3));
        model.Penalty = Penalty.ElasticNet(0.2, 0.4, L1Method.Subgradient);
        var x = new double[] { 0.5, -1, 2, 0.25, 1, -0.75 };
        var y = new double[] { 1, -1, 0.5, 0 };
        model.ComputeGradients(x, y, 2);
        double invM = 1.0 / 2;
        double expected = 0;
        foreach (ParameterTensor t in model.Parameters)
            foreach (Regularizer<double> c in ((t.LayerIndex == 0 ? Penalty.Ridge(0.3) : model.Penalty)).Components<double>(t))
                expected += c.Objective(model.GetParameter(t), invM);
        Assert.Equal(expected, model.LastPenalty);

        ParameterTensor w = model.Parameters[2]; // 2.weight: the model's elastic net
        var g = new double[w.Length];
        foreach (Regularizer<double> c in model.Penalty.Components<double>(w)) c.AddGradient(model.GetParameter(w), g, invM);
        for (int i = 0; i < g.Length; i++)
        {
            double v = model.GetParameter(w)[i];
            Assert.Equal(0.2 * 0.6 * invM * v + 0.2 * 0.4 * invM * Math.Sign(v), g[i], 1e-15);
        }
    }

    [Fact]
    public void Changing_the_penalty_changes_the_step()
    {
        // The components are resolved when the penalty is set: a new penalty must take effect at the next step.
        var x = new double[] { 0.5, -1, 2, 0.25, 1, -0.75 };
        var y = new double[] { 1, -1, 0.5, 0 };
        Sequential<double> plain = Mlp(), lasso = Mlp();
        plain.Optimizer = new Sgd(0.1);
        lasso.Optimizer = new Sgd(0.1);
        lasso.Penalty = Penalty.Lasso(10);
        plain.TrainStep(x, y, 2);
        lasso.TrainStep(x, y, 2);
        Assert.Equal(plain.Parameters[0].Length, plain.CountNonZero(plain.Parameters[0]));
        Assert.True(lasso.CountNonZero(lasso.Parameters[0]) < lasso.Parameters[0].Length, "proximal L1 with λ 10 zeroes no weight");
        lasso.ComputeGradients(x, y, 2);
        Assert.True(lasso.LastPenalty > 0);
        lasso.Penalty = Penalty.None;
        lasso.ComputeGradients(x, y, 2);
        Assert.Equal(0.0, lasso.LastPenalty);
    }

    [Fact]
    public void An_undefined_loss_has_no_run_time_loss()
    {
        Assert.Equal("kind", Assert.Throws<ArgumentOutOfRangeException>(() => DataLoss<float>.For((LossKind)9)).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentOutOfRangeException>(() => new Sequential<float>(2, 1, (LossKind)9, [new Dense(1)])).ParamName);
    }

    [Fact]
    public void Pruning_looks_through_a_users_elementwise_layer()
    {
        // Dense → gate → the user's elementwise layer → Dense: the gate's closed units are pruned across it.
        var model = new Sequential<double>(3, 2, LossKind.MeanSquaredError,
            [new Dense(6), new HardConcreteGate(0.1), new Scale(), new Dense(2)], seed: 4);
        Span<double> logAlpha = model.GetParameter("1.log_alpha");
        logAlpha[1] = -20;
        logAlpha[4] = -20; // σ(−20)·1.2 − 0.1 < 0: closed
        Sequential<double> pruned = model.PruneClosedGates();
        Assert.Equal(model.ParameterCount - 2 * (3 + 1 + 1 + 2), pruned.ParameterCount);
        var x = new double[] { 0.5, -1, 2, 0.25, 1, -0.75 };
        double[] a = new double[4], b = new double[4];
        model.Predict(x, a, 2);
        pruned.Predict(x, b, 2);
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i], 1e-12);
    }

    /// <summary>y = 2x, declared elementwise through the public spec API.</summary>
    sealed record Scale : LayerSpec
    {
        public override string KindName => "scale_by_two";

        public override int OutputSize(int inputSize) => inputSize;

        public override bool IsElementwise => true;

        public override Layer<T> Build<T>(LayerBuilder<T> build) => new Runtime<T>(build);

        sealed class Runtime<T>(LayerBuilder<T> build) : Layer<T>(build, build.InputSize) where T : unmanaged, IFloatingPointIeee754<T>
        {
            public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode)
            {
                for (int i = 0; i < batch * InputSize; i++) y[i] = x[i] + x[i];
            }

            public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
            {
                if (needDx) for (int i = 0; i < batch * InputSize; i++) dx[i] = dy[i] + dy[i];
            }
        }
    }
}

using FastReg.Nn;
using FastReg.Simd;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Nn;

public class HardConcreteGateTests
{
    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    [Fact]
    public void Gates_follow_the_paper_in_training_and_at_inference()
    {
        const int n = 6, batch = 3;
        var model = new Sequential<double>(n, batch, LossKind.MeanSquaredError, [new HardConcreteGate(0.5)], seed: 21) { Step = 4 };
        Span<double> logAlpha = model.GetParameter("0.log_alpha");
        // Default initial drop rate 0.2 -> log α ≈ log(0.8/0.2) = 1.386 with sd 0.01.
        foreach (double a in logAlpha) Assert.InRange(a, Math.Log(4) - 0.05, Math.Log(4) + 0.05);
        double[] la = [-4, -1, 0, 0.5, 2, 6];
        la.CopyTo(logAlpha);

        double[] x = [.. Enumerable.Range(0, n * batch).Select(i => 1.0 + i)];
        double[] y = new double[n * batch];
        // Inference: z = clamp(σ(log α)(ζ − γ) + γ, 0, 1), the same for every row.
        model.Predict(x, y, batch);
        double[] gates = model.GateValues(0);
        for (int j = 0; j < n; j++)
        {
            double z = Math.Clamp(Sigmoid(la[j]) * 1.2 - 0.1, 0, 1);
            Assert.Equal(z, gates[j], 1e-15);
            for (int r = 0; r < batch; r++) Assert.Equal(x[r * n + j] * z, y[r * n + j], 1e-12);
        }
        Assert.Equal(0, gates[0]);
        Assert.Equal(1, gates[5]);

        // Training: z = clamp(σ((log u − log(1 − u) + log α)/β)(ζ − γ) + γ, 0, 1), u from (seed, step, layer, element).
        // With MSE against zero targets, d J/d x = 2·x·z²/N recovers z.
        model.ComputeGradients(x, new double[n * batch], batch);
        for (int e = 0; e < n * batch; e++)
        {
            double u = CounterRandom.Uniform(21, 4, 0, e);
            double z = Math.Clamp(Sigmoid((Math.Log(u) - Math.Log(1 - u) + la[e % n]) / (2.0 / 3)) * 1.2 - 0.1, 0, 1);
            Assert.Equal(2 * x[e] * z * z / (n * batch), model.InputGradient[e], 1e-12);
        }
    }

    [Fact]
    public void Expected_L0_penalty_is_the_probability_that_each_gate_is_open()
    {
        var model = new Sequential<double>(4, 2, LossKind.MeanSquaredError, [new HardConcreteGate(3)]) { PenaltyExamples = 10 };
        double[] la = [-2, 0, 1, 3];
        la.CopyTo(model.GetParameter("0.log_alpha"));
        double expected = 0;
        foreach (double a in la) expected += Sigmoid(a - 2.0 / 3 * Math.Log(0.1 / 1.1));
        double[] x = new double[8], t = new double[8];
        double objective = model.Objective(x, t, 2); // data loss 0 for zero inputs and targets
        Assert.Equal(3.0 / 10 * expected, objective, 1e-15);
    }

    [Fact]
    public void L0_training_closes_gates_and_pruning_keeps_the_predictions()
    {
        const int batch = 16;
        // Only 2 of 6 inputs matter; a strong L0 penalty should close many of the 24 hidden gates.
        var model = new Sequential<double>(6, batch, LossKind.MeanSquaredError,
            [new Dense(24), new Activation(ActivationKind.Tanh), new HardConcreteGate(2), new Dense(1)], seed: 3)
        { Optimizer = new Adam(lr: 0.05) };
        var rng = new Random(5);
        double[] x = new double[batch * 6], y = new double[batch];
        for (int step = 0; step < 600; step++)
        {
            for (int i = 0; i < x.Length; i++) x[i] = 2 * rng.NextDouble() - 1;
            for (int r = 0; r < batch; r++) y[r] = x[r * 6] - 0.5 * x[r * 6 + 1];
            model.TrainStep(x, y, batch);
        }
        double[] gates = model.GateValues(2);
        int closed = gates.Count(z => z == 0);
        Assert.True(closed >= 6, $"only {closed} of 24 gates closed");

        Sequential<double> pruned = model.PruneClosedGates();
        Assert.Equal(24 - closed, pruned.GetParameter("0.bias").Length);
        Assert.Equal(24 - closed, pruned.GetParameter("2.log_alpha").Length);
        Assert.Equal(24 - closed, pruned.GetParameter("3.weight").Length);
        Assert.Equal(model.ParameterCount - closed * (6 + 1 + 1 + 1), pruned.ParameterCount);
        var a = new double[batch];
        var b = new double[batch];
        model.Predict(x, a, batch);
        pruned.Predict(x, b, batch);
        for (int r = 0; r < batch; r++) Assert.Equal(a[r], b[r], 1e-12);
    }
}

public class ConstraintTests
{
    private static (float[] X, float[] Y) Data(int m, int d)
    {
        var rng = new Random(3);
        var x = new float[m * d];
        var y = new float[m * 2];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 4 - 2);
        for (int i = 0; i < y.Length; i++) y[i] = (float)(rng.NextDouble() * 10 - 5);
        return (x, y);
    }

    [Fact]
    public void Max_norm_keeps_every_row_within_c_after_each_step()
    {
        var (x, y) = Data(8, 5);
        var model = new Sequential<float>(5, 8, LossKind.MeanSquaredError, [new Dense(7), new Activation(ActivationKind.Relu), new Dense(2)], seed: 2)
        { Penalty = Penalty.MaxNormConstraint(0.75), Optimizer = new Sgd(lr: 0.5, momentum: 0.9) };
        for (int step = 0; step < 50; step++)
        {
            model.TrainStep(x, y, 8);
            foreach (ParameterTensor t in model.Parameters)
            {
                if (t.Kind != ParameterKind.Weight) continue;
                Span<float> w = model.GetParameter(t);
                for (int r = 0; r < t.Rows; r++)
                {
                    double norm = 0;
                    foreach (float v in w.Slice(r * t.Cols, t.Cols)) norm += (double)v * v;
                    Assert.True(Math.Sqrt(norm) <= 0.75 * (1 + 1e-6), $"{t.Name} row {r}: {Math.Sqrt(norm)}");
                }
            }
        }
        // Biases are not rows of a weight matrix: unconstrained.
        Assert.Contains(model.GetParameter("2.bias").ToArray(), b => Math.Abs(b) > 0.75);
    }

    [Fact]
    public void Top_k_moves_at_most_k_weights_per_step_with_plain_sgd()
    {
        var (x, y) = Data(8, 5);
        var model = new Sequential<float>(5, 8, LossKind.MeanSquaredError, [new Dense(6) { Penalty = Penalty.L0TopK(3) }, new Activation(ActivationKind.Tanh), new Dense(2)], seed: 2)
        { Optimizer = new Sgd(lr: 0.1) };
        for (int step = 0; step < 10; step++)
        {
            float[] before = model.GetParameter("0.weight").ToArray();
            float[] otherBefore = model.GetParameter("2.weight").ToArray();
            model.TrainStep(x, y, 8);
            int moved = 0;
            Span<float> after = model.GetParameter("0.weight");
            for (int i = 0; i < before.Length; i++) if (before[i] != after[i]) moved++;
            Assert.InRange(moved, 1, 3);
            Assert.True(model.GetParameter("2.weight").ToArray().Zip(otherBefore).Count(p => p.First != p.Second) > 3);
        }
    }

    [Fact]
    public void L2_shrinks_weights_by_the_constant_factor_one_minus_lr_lambda_over_m()
    {
        // With zero data gradient (zero inputs and the bias fitting the targets), plain SGD on the L2
        // objective is pure decay: W := (1 − ηλ/m)·W every step.
        const int m = 4;
        const double lr = 0.1, lambda = 2;
        var model = new Sequential<double>(3, m, LossKind.MeanSquaredError, [new Dense(1)], seed: 1)
        { Penalty = Penalty.Ridge(lambda), Optimizer = new Sgd(lr: lr) };
        double[] w0 = model.GetParameter("0.weight").ToArray();
        double[] x = new double[3 * m], y = new double[m];
        for (int step = 1; step <= 10; step++)
        {
            model.TrainStep(x, y, m);
            for (int j = 0; j < 3; j++) Assert.Equal(w0[j] * Math.Pow(1 - lr * lambda / m, step), model.GetParameter("0.weight")[j], 1e-15);
        }
    }

    [Fact]
    public void The_gemm_seam_matches_the_reference_gemm()
    {
        var rng = new Random(4);
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach ((int m, int n, int k) in new[] { (1, 10, 128), (32, 128, 64), (7, 5, 3), (128, 64, 32) })
                {
                    double[] a = [.. Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() - 0.5)];
                    double[] b = [.. Enumerable.Range(0, k * n).Select(_ => rng.NextDouble() - 0.5)];
                    double[] c1 = [.. Enumerable.Range(0, m * n).Select(_ => rng.NextDouble())];
                    double[] c2 = (double[])c1.Clone();
                    int lda = ta ? m : k, ldb = tb ? k : n;
                    NnKernels.Gemm(ta, tb, m, n, k, 0.7, a, lda, b, ldb, 0.3, c1, n);
                    GemmReference.Gemm(ta ? Transpose.Yes : Transpose.No, tb ? Transpose.Yes : Transpose.No, m, n, k, 0.7, a, lda, b, ldb, 0.3, c2, n);
                    for (int i = 0; i < c1.Length; i++) Assert.Equal(c2[i], c1[i], 1e-12);
                }
    }
}

public class InitializationTests
{
    [Fact]
    public void Dense_weights_are_he_before_relu_and_xavier_otherwise_and_seeded()
    {
        Sequential<double> Build(ulong seed) => new(200, 1, LossKind.MeanSquaredError,
            [new Dense(300), new Activation(ActivationKind.Relu), new Dense(100), new Activation(ActivationKind.Tanh), new Dense(50) { Init = WeightInit.He }], seed);
        Sequential<double> a = Build(7), b = Build(7), c = Build(8);
        Assert.True(a.AllParameters.SequenceEqual(b.AllParameters));
        Assert.False(a.AllParameters.SequenceEqual(c.AllParameters));

        void Uniform(string name, double bound)
        {
            double[] w = a.GetParameter(name).ToArray();
            Assert.All(w, v => Assert.InRange(v, -bound, bound));
            double variance = w.Sum(v => v * v) / w.Length;
            Assert.InRange(variance, bound * bound / 3 * 0.9, bound * bound / 3 * 1.1); // U(−b, b) has variance b²/3
        }
        Uniform("0.weight", Math.Sqrt(6.0 / 200));          // He: next layer is a ReLU
        Uniform("2.weight", Math.Sqrt(6.0 / (300 + 100)));  // Xavier: next layer is tanh
        Uniform("4.weight", Math.Sqrt(6.0 / 100));          // He on request
        Assert.All(a.GetParameter("0.bias").ToArray(), v => Assert.Equal(0, v));
    }
}

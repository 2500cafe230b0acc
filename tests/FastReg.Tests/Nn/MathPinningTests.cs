using FastReg.Nn;

namespace FastReg.Tests.Nn;

/// <summary>Tests that pin the mathematics of penalties and optimizers to closed forms and references.</summary>
public class MathPinningTests
{
    /// <summary>A linear model y = x·wᵀ + b (one Dense layer) under MSE.</summary>
    private static Sequential<double> Linear(int features, int m, Penalty penalty, Optimizer optimizer, ulong seed = 1) =>
        new(features, m, LossKind.MeanSquaredError, [new Dense(1)], seed) { Penalty = penalty, Optimizer = optimizer };

    private static (double[] X, double[] Y) Regression(int m, double[] w, double b, double noise, int seed)
    {
        var rng = new Random(seed);
        var x = new double[m * w.Length];
        var y = new double[m];
        for (int i = 0; i < m; i++)
        {
            double s = b;
            for (int j = 0; j < w.Length; j++) s += w[j] * (x[i * w.Length + j] = 2 * rng.NextDouble() - 1);
            // Box–Muller noise
            y[i] = s + noise * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        }
        return (x, y);
    }

    [Fact]
    public void Sgd_with_coupled_weight_decay_equals_plain_sgd_on_the_L2_objective_with_lambda_wd_times_m()
    {
        const int m = 24;
        const double wd = 0.05;
        var (x, y) = Regression(m, [1.5, -2, 0.5], 0.3, 0.1, seed: 2);
        // PyTorch's weight_decay also decays the bias, so the L2 penalty includes biases here.
        Sequential<double> coupled = Linear(3, m, Penalty.None, new Sgd(lr: 0.1, weightDecay: wd));
        Sequential<double> penalised = Linear(3, m, Penalty.Ridge(wd * m) with { IncludeBiases = true }, new Sgd(lr: 0.1));
        for (int step = 0; step < 200; step++)
        {
            coupled.TrainStep(x, y, m);
            penalised.TrainStep(x, y, m);
        }
        double[] a = coupled.AllParameters.ToArray(), b = penalised.AllParameters.ToArray();
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i], 1e-13);

        // The form the spec warns about, W(1 − λ) − ∂L/∂W without the learning rate, is far off.
        Assert.NotEqual(a[0], a[0] * (1 - wd), 1e-3);
    }

    [Fact]
    public void Adam_weight_decay_is_L2_in_the_gradient_and_AdamW_differs_as_it_should()
    {
        const int m = 16;
        const double wd = 0.1, lr = 0.01;
        var (x, y) = Regression(m, [2, -1], 0.5, 0.1, seed: 3);
        Sequential<double> adam = Linear(2, m, Penalty.None, new Adam(lr: lr, weightDecay: wd));
        Sequential<double> adamL2 = Linear(2, m, Penalty.Ridge(wd * m) with { IncludeBiases = true }, new Adam(lr: lr));
        Sequential<double> adamW = Linear(2, m, Penalty.None, new AdamW(lr: lr, weightDecay: wd));

        // One AdamW step by hand: w1 = w0·(1 − lr·wd) − lr·m̂/(√v̂ + ε) with m̂ = g, v̂ = g² on step 1.
        double[] w0 = adamW.AllParameters.ToArray();
        adamW.ComputeGradients(x, y, m);
        double[] g = adamW.AllGradients.ToArray();
        adamW.TrainStep(x, y, m);
        for (int i = 0; i < w0.Length; i++)
            Assert.Equal(w0[i] * (1 - lr * wd) - lr * g[i] / (Math.Abs(g[i]) + 1e-8), adamW.AllParameters[i], 1e-15);

        for (int step = 0; step < 100; step++)
        {
            adam.TrainStep(x, y, m);
            adamL2.TrainStep(x, y, m);
            if (step > 0) adamW.TrainStep(x, y, m);
        }
        // Adam's coupled decay is exactly Adam on the L2 objective ...
        for (int i = 0; i < 3; i++) Assert.Equal(adam.AllParameters[i], adamL2.AllParameters[i], 1e-12);
        // ... and AdamW is not: its decay is not rescaled by the second moment.
        double gap = 0;
        for (int i = 0; i < 3; i++) gap = Math.Max(gap, Math.Abs(adam.AllParameters[i] - adamW.AllParameters[i]));
        Assert.True(gap > 1e-4, $"AdamW and Adam+L2 should differ, max gap {gap}");
    }

    /// <summary>
    /// Reference lasso by cyclic coordinate descent on ||y − Xw − b||² + λ·||w||₁ (the objective
    /// (1/m)·MSE-sum + (λ/m)·Σ|w| times m), intercept unpenalised: center, then
    /// w_j = S(x̃_jᵀ r_j, λ/2) / ||x̃_j||² with S the soft threshold.
    /// </summary>
    private static (double[] W, double B) LassoByCoordinateDescent(double[] x, double[] y, int m, int d, double lambda)
    {
        double[] mean = new double[d];
        double yMean = y.Average();
        for (int i = 0; i < m; i++) for (int j = 0; j < d; j++) mean[j] += x[i * d + j] / m;
        double[] w = new double[d];
        double[] r = new double[m];
        for (int i = 0; i < m; i++) r[i] = y[i] - yMean;
        for (int sweep = 0; sweep < 10_000; sweep++)
        {
            double change = 0;
            for (int j = 0; j < d; j++)
            {
                double rho = 0, norm = 0;
                for (int i = 0; i < m; i++)
                {
                    double xij = x[i * d + j] - mean[j];
                    rho += xij * (r[i] + xij * w[j]);
                    norm += xij * xij;
                }
                double wj = Math.Sign(rho) * Math.Max(Math.Abs(rho) - lambda / 2, 0) / norm;
                for (int i = 0; i < m; i++) r[i] -= (x[i * d + j] - mean[j]) * (wj - w[j]);
                change = Math.Max(change, Math.Abs(wj - w[j]));
                w[j] = wj;
            }
            if (change < 1e-15) break;
        }
        double b = yMean;
        for (int j = 0; j < d; j++) b -= mean[j] * w[j];
        return (w, b);
    }

    [Fact]
    public void Proximal_L1_reaches_exact_zeros_and_converges_to_the_lasso_solution()
    {
        const int m = 60, d = 6;
        const double lambda = 6;
        var (x, y) = Regression(m, [3, 0, -2, 0, 0.05, 1], 0.5, 0.2, seed: 4);
        Sequential<double> model = Linear(d, m, Penalty.Lasso(lambda), new Sgd(lr: 0.2));
        for (int step = 0; step < 3000; step++) model.TrainStep(x, y, m);

        var (wRef, bRef) = LassoByCoordinateDescent(x, y, m, d, lambda);
        Span<double> w = model.GetParameter("0.weight");
        for (int j = 0; j < d; j++) Assert.Equal(wRef[j], w[j], 1e-9);
        Assert.Equal(bRef, model.GetParameter("0.bias")[0], 1e-9);
        int zerosRef = wRef.Count(v => v == 0);
        Assert.True(zerosRef >= 2, "the reference solution should be sparse");
        Assert.Equal(zerosRef, w.ToArray().Count(v => v == 0.0)); // exact zeros, not small values
        Assert.Equal(d - zerosRef, model.CountNonZero(model.Parameters[0]));

        // The subgradient form hovers around zero without reaching it.
        Sequential<double> sub = Linear(d, m, Penalty.Lasso(lambda, L1Method.Subgradient), new Sgd(lr: 0.2));
        for (int step = 0; step < 3000; step++) sub.TrainStep(x, y, m);
        Assert.Equal(0, sub.GetParameter("0.weight").ToArray().Count(v => v == 0.0));
    }

    [Fact]
    public void Ridge_by_gradient_descent_converges_to_the_closed_form_worked_example()
    {
        // y = 4x + 0.1·noise, 100 points; objective (1/m)Σ(wx + b − y)² + (λ/2m)·w², so
        // dJ/dw = (2/m)·Xᵀ(Xw + b − y) + (λ/m)·w and the minimiser is
        // w = Σx̃ỹ / (Σx̃² + λ/2), b = ȳ − w·x̄ (x̃, ỹ centred).
        const int m = 100;
        const double lambda = 10;
        var (x, y) = Regression(m, [4], 0, 0.1, seed: 5);
        Sequential<double> model = Linear(1, m, Penalty.Ridge(lambda), new Sgd(lr: 0.5));
        for (int step = 0; step < 2000; step++) model.TrainStep(x, y, m);

        double xm = x.Average(), ym = y.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < m; i++) { sxy += (x[i] - xm) * (y[i] - ym); sxx += (x[i] - xm) * (x[i] - xm); }
        double w = sxy / (sxx + lambda / 2), b = ym - w * xm;
        Assert.Equal(w, model.GetParameter("0.weight")[0], 1e-12);
        Assert.Equal(b, model.GetParameter("0.bias")[0], 1e-12);
        Assert.True(w < 4 - 0.05, "the penalty visibly shrinks the slope");

        // The analytic gradient is the spec's formula.
        model.ComputeGradients(x, y, m);
        double wNow = model.GetParameter("0.weight")[0], bNow = model.GetParameter("0.bias")[0], dw = 0;
        for (int i = 0; i < m; i++) dw += 2.0 / m * x[i] * (x[i] * wNow + bNow - y[i]);
        dw += lambda / m * wNow;
        Assert.Equal(dw, model.GetGradient(model.Parameters[0])[0], 1e-14);
    }

    [Fact]
    public void The_reported_objective_includes_every_penalty_term()
    {
        var model = new Sequential<double>(2, 3, LossKind.MeanSquaredError,
            [new Dense(3), new HardConcreteGate(0.7), new Dense(1) { Penalty = Penalty.Lasso(0.4) }], seed: 2)
        { Penalty = Penalty.Ridge(0.3), Optimizer = new Sgd(lr: 0.01) };
        double[] x = [0.5, -0.1, 0.2, 0.8, -0.3, 0.4], y = [1, 0, -1];
        double data = model.Objective(x, y, 3) - 0; // includes penalties; recompute the parts by hand
        Span<double> w0 = model.GetParameter("0.weight"), w2 = model.GetParameter("2.weight"), la = model.GetParameter("1.log_alpha");
        double l2 = 0, l1 = 0, l0 = 0;
        foreach (double v in w0) l2 += v * v;
        foreach (double v in w2) l1 += Math.Abs(v);
        foreach (double a in la) l0 += 1 / (1 + Math.Exp(-(a - 2.0 / 3 * Math.Log(0.1 / 1.1))));
        double penalty = 0.3 / (2 * 3) * l2 + 0.4 / 3 * l1 + 0.7 / 3 * l0;
        double objective = model.TrainStep(x, y, 3);
        Assert.Equal(data, objective, 1e-15);
        Assert.Equal(penalty, model.LastPenalty, 1e-15);
        Assert.Equal(objective, model.LastDataLoss + model.LastPenalty, 1e-15);
    }
}

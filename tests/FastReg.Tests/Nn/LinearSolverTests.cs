using FastReg.Nn;
using FastReg.Nn.Linear;
using FastReg.Nn.Training;
using FastReg.Tests.Support;

namespace FastReg.Tests.Nn;

/// <summary>
/// The linear solver: its objective is the network path's (value and gradient), L-BFGS reaches the
/// stationary point and scikit-learn's coefficients, OWL-QN reaches exact zeros with its optimality
/// conditions, ridge matches the normal equations.
/// </summary>
public class LinearSolverTests
{
    // The fixture of tests/FastReg.Tests/Nn/linear_reference.py: x_ij = sin(1.3i + 0.7j + 0.1ij), 60 × 3,
    // score = x0 + 0.5·x1 − x2 + 0.8·sin(5i); binary label score > 0, three classes cut at ±0.6.
    private const int N = 60, D = 3;

    private static double[] FixtureX()
    {
        var x = new double[N * D];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < D; j++) x[i * D + j] = Math.Sin(1.3 * i + 0.7 * j + 0.1 * i * j);
        return x;
    }

    private static double Score(double[] x, int i) => x[i * D] + 0.5 * x[i * D + 1] - x[i * D + 2] + 0.8 * Math.Sin(5.0 * i);

    private static Dataset<double> Binary()
    {
        double[] x = FixtureX();
        var y = new double[N];
        for (int i = 0; i < N; i++) y[i] = Score(x, i) > 0 ? 1 : 0;
        return Dataset<double>.Regression(x, D, y);
    }

    private static Dataset<double> ThreeClasses()
    {
        double[] x = FixtureX();
        var y = new int[N];
        for (int i = 0; i < N; i++) { double s = Score(x, i); y[i] = s < -0.6 ? 0 : s < 0.6 ? 1 : 2; }
        return Dataset<double>.Classification(x, D, y);
    }

    private static LinearSolverOptions Tight => new() { Tolerance = 1e-14, MaxIterations = 10_000 };

    [Fact]
    public void L2_logistic_regression_matches_scikit_learn_LogisticRegression_with_C_one_over_lambda()
    {
        // /usr/bin/python3 tests/FastReg.Tests/Nn/linear_reference.py (scikit-learn 1.2.1):
        // LogisticRegression(C=1.0, tol=1e-12, max_iter=100000).fit(X, y_binary). Its objective C·Σ loss + ½‖w‖²,
        // divided by C·n, is FastReg's J + (λ/2n)‖w‖² with λ = 1/C = 1. scikit-learn's L-BFGS-B also stops on its
        // ftol (2.2e-9 relative), leaving a gradient of 1.7e-7 (the script prints it): its coefficients are good to
        // ~1e-5, ours to the gradient norm checked below, so 2e-5 is the comparison's tolerance.
        double[] coef = [1.0595242815423183, 1.088800931008476, -2.5002125685944114];
        const double intercept = 0.14565788356373569;
        LinearFit<double> fit = LinearSolver.Fit(Binary(), LossKind.BinaryCrossEntropyWithLogits, Penalty.Ridge(1.0), options: Tight);
        Assert.True(fit.Result.Converged, fit.Result.StopReason.ToString());
        Assert.Equal(1, fit.Model.OutputSize);
        ReadOnlySpan<double> w = fit.Model.GetParameter("0.weight");
        for (int j = 0; j < D; j++) Assert.Equal(coef[j], w[j], 2e-5);
        Assert.Equal(intercept, fit.Model.GetParameter("0.bias")[0], 2e-5);
        Assert.True(fit.Result.GradientNorm < 1e-7, $"gradient norm {fit.Result.GradientNorm}");
    }

    [Fact]
    public void L2_softmax_regression_matches_scikit_learn_multinomial_LogisticRegression_and_the_exact_optimum()
    {
        // LogisticRegression(C=1.0, multi_class="multinomial", tol=1e-12, max_iter=100000) on the three classes stops
        // with a gradient of 8.9e-6 (its ftol), so it is compared at 1e-4; SciPy's BFGS on the same objective with
        // gtol 1e-13 (gradient 3e-11; linear_reference.py) is the exact optimum, compared at 1e-8. Both start at 0,
        // so the unpenalized intercepts keep summing to 0 and are comparable one by one.
        double[] sklearnCoef = [-0.4142011128204199, -1.1709478694790603, 2.4870983453292803, 0.06285000737862362, 0.06620859499603643,
            0.024818616361055885, 0.35135110544179626, 1.1047392744830233, -2.5119169616903365];
        double[] sklearnIntercept = [-0.6071375847981808, 0.9003027305405167, -0.29316514574233726];
        double[] exactCoef = [-0.4142146095061934, -1.1709606074613554, 2.4870985265613608, 0.06290091095335991, 0.06623336472054078,
            0.024832536101380153, 0.3513136985528336, 1.1047272427408146, -2.5119310626627405];
        double[] exactIntercept = [-0.6071215029474324, 0.9003011012231954, -0.2931795982757617];
        LinearFit<double> fit = LinearSolver.Fit(ThreeClasses(), LossKind.SoftmaxCrossEntropy, Penalty.Ridge(1.0), options: Tight);
        Assert.True(fit.Result.Converged);
        ReadOnlySpan<double> w = fit.Model.GetParameter("0.weight"), b = fit.Model.GetParameter("0.bias");
        for (int i = 0; i < exactCoef.Length; i++)
        {
            Assert.Equal(sklearnCoef[i], w[i], 1e-4);
            Assert.Equal(exactCoef[i], w[i], 1e-8);
        }
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(sklearnIntercept[c], b[c], 1e-4);
            Assert.Equal(exactIntercept[c], b[c], 1e-8);
        }
        Assert.True(fit.Result.GradientNorm < 1e-9, $"gradient norm {fit.Result.GradientNorm}");
    }

    [Theory]
    [InlineData(LossKind.SoftmaxCrossEntropy, 0.7, 0.0, false, 23)]
    [InlineData(LossKind.BinaryCrossEntropyWithLogits, 0.3, 0.2, true, 23)]
    [InlineData(LossKind.MeanSquaredError, 2.0, 0.0, false, 23)]
    [InlineData(LossKind.SoftmaxCrossEntropy, 0.7, 0.1, false, 1100)] // three blocks of the objective's pass, the last one short
    [InlineData(LossKind.BinaryCrossEntropyWithLogits, 0.3, 0.0, false, 1100)]
    public void The_objective_and_its_gradient_are_the_network_paths_and_match_finite_differences(LossKind loss, double l2, double l1, bool biases, int n)
    {
        var rng = new Random(7);
        const int d = 5, k = 3;
        var x = new double[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = 2 * rng.NextDouble() - 1;
        int outputs = loss == LossKind.BinaryCrossEntropyWithLogits ? 2 : k;
        var labels = new int[n];
        var targets = new double[n * outputs];
        for (int i = 0; i < n; i++) labels[i] = rng.Next(k);
        for (int i = 0; i < targets.Length; i++) targets[i] = loss == LossKind.BinaryCrossEntropyWithLogits ? rng.Next(2) : 3 * rng.NextDouble();
        const int m = 17; // penaltyExamples ≠ n: λ/m is the network path's m
        var objective = new LinearObjective(x, n, d, outputs, loss, loss == LossKind.SoftmaxCrossEntropy ? labels : null,
            loss == LossKind.SoftmaxCrossEntropy ? null : targets, l2 / m, l1 / m, biases);
        var theta = new double[objective.ParameterCount];
        for (int i = 0; i < theta.Length; i++) theta[i] = rng.NextDouble() - 0.5;
        var gradient = new double[theta.Length];
        double value = objective.Evaluate(theta, gradient) + objective.L1Term(theta);

        // The same parameters in a one-Dense network with the same penalty and m give the same objective.
        var penalty = new Penalty { L2 = l2, L1 = l1, IncludeBiases = biases };
        var net = new Sequential<double>(d, n, loss, [new Dense(outputs)]) { Penalty = penalty, PenaltyExamples = m };
        theta.CopyTo(net.AllParameters);
        double network = loss == LossKind.SoftmaxCrossEntropy ? net.Objective(x, labels, n) : net.Objective(x, targets, n);
        Assert.Equal(network, value, 1e-12);

        const double h = 1e-6;
        var scratch = new double[theta.Length];
        for (int i = 0; i < theta.Length; i++)
        {
            double keep = theta[i];
            theta[i] = keep + h;
            double plus = objective.Evaluate(theta, scratch);
            theta[i] = keep - h;
            double minus = objective.Evaluate(theta, scratch);
            theta[i] = keep;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-7 * Math.Max(1, Math.Abs(numeric)), $"θ[{i}]: analytic {gradient[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Ridge_regression_matches_the_normal_equations()
    {
        var rng = new Random(3);
        const int n = 40, d = 4;
        const double lambda = 3.0;
        var x = new double[n * d];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0.5;
            for (int j = 0; j < d; j++) s += (j - 1.5) * (x[i * d + j] = 2 * rng.NextDouble() - 1);
            y[i] = s + 0.3 * (rng.NextDouble() - 0.5) + 10;
        }
        LinearFit<double> fit = LinearSolver.Fit(Dataset<double>.Regression(x, d, y), LossKind.MeanSquaredError, Penalty.Ridge(lambda), options: Tight);

        // ∇ = (2/n)·Xᵀ(Xw + b − y) + (λ/n)·w = 0 with b free: (X̃ᵀX̃ + (λ/2)·I)·w = X̃ᵀỹ on centred data, b = ȳ − x̄ᵀw.
        var mean = new double[d];
        double yMean = 0;
        for (int i = 0; i < n; i++) { yMean += y[i] / n; for (int j = 0; j < d; j++) mean[j] += x[i * d + j] / n; }
        var a = new double[d, d + 1];
        for (int i = 0; i < n; i++)
            for (int r = 0; r < d; r++)
            {
                double xr = x[i * d + r] - mean[r];
                for (int c = 0; c < d; c++) a[r, c] += xr * (x[i * d + c] - mean[c]);
                a[r, d] += xr * (y[i] - yMean);
            }
        for (int r = 0; r < d; r++) a[r, r] += lambda / 2;
        double[] w = Solve(a, d);
        double b = yMean;
        for (int j = 0; j < d; j++) b -= mean[j] * w[j];

        ReadOnlySpan<double> fitted = fit.Model.GetParameter("0.weight");
        for (int j = 0; j < d; j++) Assert.Equal(w[j], fitted[j], 1e-8);
        Assert.Equal(b, fit.Model.GetParameter("0.bias")[0], 1e-8);
    }

    [Theory]
    [InlineData(1.0)]  // lasso
    [InlineData(0.5)]  // elastic net
    public void Owlqn_reaches_exact_zeros_that_satisfy_the_subgradient_optimality_conditions(double l1Ratio)
    {
        // 12 features of which 3 carry the classes: a strong L1 must zero most of the rest exactly.
        var rng = new Random(11);
        const int n = 200, d = 12, k = 3;
        var x = new double[n * d];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) x[i * d + j] = 2 * rng.NextDouble() - 1;
            double s = x[i * d] - 0.8 * x[i * d + 1] + 0.6 * x[i * d + 2] + 0.2 * (rng.NextDouble() - 0.5);
            labels[i] = s < -0.4 ? 0 : s < 0.4 ? 1 : 2;
        }
        const double lambda = 8.0;
        Penalty penalty = Penalty.ElasticNet(lambda, l1Ratio);
        LinearFit<double> fit = LinearSolver.Fit(Dataset<double>.Classification(x, d, labels), LossKind.SoftmaxCrossEntropy, penalty, options: Tight);
        Assert.True(fit.Result.Converged, fit.Result.StopReason.ToString());
        Assert.True(fit.Result.ExactZeros >= 10, $"{fit.Result.ExactZeros} exact zeros of {fit.Result.Weights}");
        Assert.True(fit.Result.ExactZeros < fit.Result.Weights);

        // Gradient of the smooth part (data loss + L2) from the network path, then the KKT conditions of c·Σ|w|:
        // w ≠ 0: g + c·sign(w) = 0; w = 0: |g| ≤ c. Biases are unpenalized: g = 0.
        var smooth = new Sequential<double>(d, n, LossKind.SoftmaxCrossEntropy, [new Dense(k)]) { Penalty = Penalty.Ridge(penalty.L2), PenaltyExamples = n };
        fit.Model.AllParameters.CopyTo(smooth.AllParameters);
        smooth.ComputeGradients(x, labels, n);
        double c = penalty.L1 / n;
        ReadOnlySpan<double> w = smooth.GetParameter("0.weight"), g = smooth.GetGradient(smooth.Parameters[0]), gb = smooth.GetGradient(smooth.Parameters[1]);
        for (int i = 0; i < w.Length; i++)
        {
            if (w[i] != 0) Assert.True(Math.Abs(g[i] + c * Math.Sign(w[i])) < 1e-6, $"w[{i}] = {w[i]}: g + c·sign(w) = {g[i] + c * Math.Sign(w[i])}");
            else Assert.True(Math.Abs(g[i]) <= c + 1e-6, $"w[{i}] = 0 but |g| = {Math.Abs(g[i])} > c = {c}");
        }
        foreach (double v in gb) Assert.True(Math.Abs(v) < 1e-6);
        Assert.True(fit.Result.GradientNorm < 1e-6);
    }

    [Fact]
    public void The_iteration_cap_ends_a_fit_that_has_no_finite_optimum_and_says_it_did_not_converge()
    {
        // Separable classes without a penalty: the weights grow without bound.
        var x = new double[] { -2, -1, 1, 2 };
        var y = new double[] { 0, 0, 1, 1 };
        LinearFit<double> fit = LinearSolver.Fit(Dataset<double>.Regression(x, 1, y), LossKind.BinaryCrossEntropyWithLogits, Penalty.None,
            options: new LinearSolverOptions { MaxIterations = 7 });
        Assert.False(fit.Result.Converged);
        Assert.Equal(LinearStopReason.IterationCap, fit.Result.StopReason);
        Assert.Equal(7, fit.Result.Iterations);
    }

    [Fact]
    public void The_solver_loop_allocates_nothing_after_setup()
    {
        double[] x = FixtureX();
        Dataset<double> data = ThreeClasses();
        var objective = new LinearObjective(x, N, D, 3, LossKind.SoftmaxCrossEntropy, data.Labels, null, 1.0 / N, 0.5 / N, false);
        var solver = new QuasiNewton(objective, Tight);
        var theta = new double[objective.ParameterCount];
        solver.Minimize(theta);
        long least = Allocation.Least(() =>
        {
            Array.Clear(theta);
            long before = GC.GetAllocatedBytesForCurrentThread();
            solver.Minimize(theta);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
        Assert.Equal(0, least);
    }

    [Fact]
    public void Max_norm_and_top_k_are_refused_with_a_message_naming_them()
    {
        var e = Assert.Throws<ArgumentException>(() => LinearSolver.Fit(Binary(), LossKind.BinaryCrossEntropyWithLogits, Penalty.MaxNormConstraint(2)));
        Assert.Contains("max-norm", e.Message, StringComparison.Ordinal);
    }

    private static double[] Solve(double[,] a, int d)
    {
        for (int p = 0; p < d; p++)
        {
            int best = p;
            for (int r = p + 1; r < d; r++) if (Math.Abs(a[r, p]) > Math.Abs(a[best, p])) best = r;
            for (int c = 0; c <= d; c++) (a[p, c], a[best, c]) = (a[best, c], a[p, c]);
            for (int r = 0; r < d; r++)
            {
                if (r == p) continue;
                double f = a[r, p] / a[p, p];
                for (int c = p; c <= d; c++) a[r, c] -= f * a[p, c];
            }
        }
        var w = new double[d];
        for (int r = 0; r < d; r++) w[r] = a[r, d] / a[r, r];
        return w;
    }
}

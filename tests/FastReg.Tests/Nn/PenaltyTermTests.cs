using FastReg.Nn;
using FastReg.Nn.Linear;
using FastReg.Nn.Training;

namespace FastReg.Tests.Nn;

/// <summary>Penalty terms (Penalty.Terms, Penalty.With) and the group lasso, the library's own term.</summary>
public class PenaltyTermTests
{
    private static Sequential<double> Mlp(Penalty penalty) =>
        new(3, 4, LossKind.MeanSquaredError, [new Dense(5), new Activation(ActivationKind.Tanh), new Dense(2)], seed: 1) { Penalty = penalty };

    [Fact]
    public void Penalties_with_equal_terms_are_equal_and_with_replaces_a_term_of_the_same_type()
    {
        Penalty a = Penalty.Ridge(0.1).With(new GroupLassoTerm(0.5));
        Penalty b = Penalty.Ridge(0.1).With(new GroupLassoTerm(0.5));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Penalty.Ridge(0.1).With(new GroupLassoTerm(0.25)));
        Assert.NotEqual(a, Penalty.Ridge(0.1));
        Assert.Equal(new GroupLassoTerm(2), Assert.Single(a.With(new GroupLassoTerm(2)).Terms));
        Assert.Equal(Penalty.Ridge(0.1), a.With(new GroupLassoTerm(0))); // λ 0 removes the term
        Assert.Equal("L2 0.1, group lasso 0.5", a.ToString());
        Assert.True(Penalty.None.With(new GroupLassoTerm(1)).IsActive);
        Assert.False(Penalty.None.With(new GroupLassoTerm(0)).IsActive);
    }

    [Fact]
    public void Bad_terms_are_refused_by_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Penalty.None.With(new GroupLassoTerm(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Penalty.None.With(new GroupLassoTerm(double.NaN)));
        Assert.Throws<ArgumentNullException>(() => Penalty.None.With(null!));
        var twice = Assert.Throws<ArgumentException>(() => new Penalty { Terms = [new GroupLassoTerm(1), new GroupLassoTerm(2)] });
        Assert.Contains("GroupLassoTerm", twice.Message, StringComparison.Ordinal);
        var solver = Assert.Throws<ArgumentException>(() => LinearSolver.Fit(
            Dataset<double>.Regression([1, 2, 3, 4], 1, [1, 2, 3, 4]), LossKind.MeanSquaredError, Penalty.None.With(new GroupLassoTerm(1))));
        Assert.Contains("group lasso", solver.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_lasso_is_the_sum_of_row_norms_on_weights_only_and_its_gradient_checks()
    {
        Sequential<double> model = Mlp(Penalty.None.With(new GroupLassoTerm(0.8)));
        double[] x = [.. Enumerable.Range(0, 12).Select(i => Math.Sin(i * 0.9))];
        double[] y = [.. Enumerable.Range(0, 8).Select(i => Math.Cos(i * 0.4))];
        double with = model.Objective(x, y, 4);
        double expected = 0;
        foreach (ParameterTensor t in model.Parameters)
        {
            if (t.Kind != ParameterKind.Weight) continue;
            ReadOnlySpan<double> w = model.GetParameter(t);
            for (int r = 0; r < t.Rows; r++)
            {
                double s = 0;
                for (int c = 0; c < t.Cols; c++) s += w[r * t.Cols + c] * w[r * t.Cols + c];
                expected += 0.8 / 4 * Math.Sqrt(s);
            }
        }
        model.Penalty = Penalty.None;
        Assert.Equal(expected, with - model.Objective(x, y, 4), 12);
        // Biases are not groups: IncludeBiases adds nothing.
        ParameterTensor bias = model.Parameters[1];
        Assert.Empty(Penalty.None.With(new GroupLassoTerm(1)).Components<double>(bias));
        Assert.Empty((Penalty.None.With(new GroupLassoTerm(1)) with { IncludeBiases = true }).Components<double>(bias));

        model.Penalty = Penalty.Ridge(0.2).With(new GroupLassoTerm(0.8));
        GradientCheckResult check = GradientChecker.Check(model, x, y, 4);
        Assert.True(check.Passed, check.Message);
    }

    [Fact]
    public void A_row_at_zero_gets_no_gradient_and_training_shrinks_whole_rows()
    {
        Sequential<double> model = Mlp(Penalty.None.With(new GroupLassoTerm(5)));
        ParameterTensor w0 = model.Parameters[0];
        model.GetParameter(w0)[..w0.Cols].Clear(); // row 0 exactly 0
        double[] x = new double[12], y = new double[8];
        model.Optimizer = new Sgd(0.05);
        double[] before = new double[w0.Rows];
        for (int r = 1; r < w0.Rows; r++) before[r] = RowNorm(model, w0, r);
        for (int step = 0; step < 20; step++) model.TrainStep(x, y, 4); // zero data: only the penalty moves the weights
        Assert.Equal(0, RowNorm(model, w0, 0));
        for (int r = 1; r < w0.Rows; r++) Assert.True(RowNorm(model, w0, r) < before[r], $"row {r}: {before[r]} -> {RowNorm(model, w0, r)}");
    }

    private static double RowNorm(Sequential<double> model, ParameterTensor t, int r)
    {
        double s = 0;
        foreach (double v in model.GetParameter(t).Slice(r * t.Cols, t.Cols)) s += v * v;
        return Math.Sqrt(s);
    }
}

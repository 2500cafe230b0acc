using FastReg.Nn.Metrics;

namespace FastReg.Tests.Nn.Metrics;

/// <summary>
/// The evaluation metrics against scikit-learn 1.2: every expected value below was printed by
/// tests/FastReg.Tests/Nn/Metrics/sklearn_metrics.py (the line of its output is named beside each).
/// </summary>
public class MetricsTests
{
    private static readonly int[] ATrue = [0, 0, 1, 1, 1, 2, 2, 0, 1, 2];
    private static readonly int[] APred = [0, 1, 1, 1, 0, 1, 0, 0, 1, 1];
    private static readonly int[] BTrue = [0, 1, 1, 0, 1, 1];
    private static readonly int[] BPred = [0, 1, 2, 0, 0, 1];

    private static void Near(double expected, double actual) => Assert.True(Math.Abs(expected - actual) <= 1e-15 * Math.Max(1, Math.Abs(expected)), $"{actual:R} != {expected:R}");

    private static void Near(ClassMetrics m, double precision, double recall, double f1, long support)
    {
        Near(precision, m.Precision);
        Near(recall, m.Recall);
        Near(f1, m.F1);
        Assert.Equal(support, m.Support);
    }

    [Fact]
    public void Confusion_matrix_rows_are_actual_and_columns_predicted_as_sklearn()
    {
        // "A confusion [[2, 1, 0], [1, 3, 0], [1, 2, 0]]"
        var m = ConfusionMatrix.From(ATrue, APred, 3);
        Assert.Equal([[2, 1, 0], [1, 3, 0], [1, 2, 0]], m.ToArray());
        Assert.Equal(10, m.Total);
        Assert.Equal(5, m.Correct);
        Assert.Equal(3, m.Support(2));
        Assert.Equal(0, m.Predicted(2));
    }

    [Fact]
    public void Report_matches_sklearn_where_a_class_is_never_predicted()
    {
        var r = ClassificationReport.From(ATrue, APred, ["a", "b", "c"]);
        Near(0.5, r.Accuracy); // "A accuracy 0.5"
        // "A None ['0.5', '0.5', '0.0'] ['0.6666666666666666', '0.75', '0.0'] ['0.5714285714285715', '0.6', '0.0'] [3 4 3]"
        Near(r.PerClass[0], 0.5, 0.6666666666666666, 0.5714285714285715, 3);
        Near(r.PerClass[1], 0.5, 0.75, 0.6, 4);
        Near(r.PerClass[2], 0.0, 0.0, 0.0, 3);
        Near(r.MacroAverage, 0.3333333333333333, 0.47222222222222215, 0.3904761904761905, 10); // "A macro"
        Near(r.WeightedAverage, 0.35, 0.5, 0.41142857142857137, 10); // "A weighted"
        Assert.Equal(["precision of 'c' (never predicted)"], r.Undefined);
    }

    [Fact]
    public void Averages_leave_out_a_class_that_occurs_neither_as_actual_nor_predicted_as_sklearns_default_labels()
    {
        // Four model classes; 'd' occurs nowhere, 'c' is predicted once but has no actual rows.
        var r = ClassificationReport.From(BTrue, BPred, ["a", "b", "c", "d"]);
        Near(0.6666666666666666, r.Accuracy); // "B accuracy"
        // "B None ['0.6666666666666666', '1.0', '0.0'] ['1.0', '0.5', '0.0'] ['0.8', '0.6666666666666666', '0.0'] [2 4 0]"
        Near(r.PerClass[0], 0.6666666666666666, 1.0, 0.8, 2);
        Near(r.PerClass[1], 1.0, 0.5, 0.6666666666666666, 4);
        Near(r.PerClass[2], 0.0, 0.0, 0.0, 0);
        Assert.Equal([true, true, true, false], r.Present);
        Near(r.MacroAverage, 0.5555555555555555, 0.5, 0.48888888888888893, 6); // "B macro"
        Near(r.WeightedAverage, 0.8888888888888888, 0.6666666666666666, 0.7111111111111111, 6); // "B weighted"
        Assert.Equal(["recall of 'c' (no actual rows)"], r.Undefined);
    }

    [Fact]
    public void Regression_metrics_match_sklearn_per_target_and_as_the_uniform_average()
    {
        double[] y = [3.0, -0.5, -0.5, 2.0, 2.0, 7.0, 7.0, 1.5, 4.25, 3.0];
        double[] yhat = [2.5, 0.0, 0.0, 2.5, 2.0, 8.0, 8.0, 1.0, 4.0, 2.5];
        var r = RegressionReport.From(y, yhat, ["u", "v"]);
        Assert.Equal(5, r.Rows);
        // "rmse ['0.5590169943749475', '0.6324555320336759'] 0.5957362632043117"
        Near(0.5590169943749475, r.PerTarget[0].Rmse);
        Near(0.6324555320336759, r.PerTarget[1].Rmse);
        Near(0.5957362632043117, r.Average.Rmse);
        // "mae ['0.45', '0.6'] 0.525"
        Near(0.45, r.PerTarget[0].Mae);
        Near(0.6, r.PerTarget[1].Mae);
        Near(0.525, r.Average.Mae);
        // "r2 ['0.9491042345276873', '0.9348534201954397'] 0.9419788273615635"
        Near(0.9491042345276873, r.PerTarget[0].R2);
        Near(0.9348534201954397, r.PerTarget[1].R2);
        Near(0.9419788273615635, r.Average.R2);
    }

    [Fact]
    public void R2_of_a_constant_target_is_one_when_perfect_else_zero_and_NaN_for_one_row_as_sklearn()
    {
        // "r2 constant, perfect 1.0 imperfect 0.0", "r2 one row nan"
        Assert.Equal(1.0, RegressionReport.From([5.0, 5.0, 5.0], [5.0, 5.0, 5.0], ["y"]).Average.R2);
        Assert.Equal(0.0, RegressionReport.From([5.0, 5.0, 5.0], [5.0, 4.0, 5.0], ["y"]).Average.R2);
        Assert.True(double.IsNaN(RegressionReport.From([1.0], [2.0], ["y"]).Average.R2));
    }

    [Fact]
    public void Bad_input_is_refused_with_the_reason()
    {
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([0, 1], [0], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.From([0, 2], [0, 1], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(0));
        Assert.Contains("nothing to score", Assert.Throws<ArgumentException>(() => ClassificationReport.From(new ConfusionMatrix(2))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ClassificationReport.From(ConfusionMatrix.From([0], [1], 2), ["a"]));
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => RegressionReport.From([1.0, double.NaN], [1.0, 2.0], ["y"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RegressionReport.From([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], ["u", "v"]));
        Assert.Throws<ArgumentException>(() => RegressionReport.From([], [], ["y"]));
    }

    /// <summary>The example of docs/evaluation.md, line for line.</summary>
    [Fact]
    public void Docs_example_runs()
    {
        int[] actual = [0, 0, 1, 1, 1, 2, 2, 0, 1, 2], predicted = [0, 1, 1, 1, 0, 1, 0, 0, 1, 1];
        ClassificationReport report = ClassificationReport.From(actual, predicted, ["a", "b", "c"]);
        Console.WriteLine($"accuracy {report.Accuracy}, macro F1 {report.MacroAverage.F1:F4}, 'b' predicted as 'a' {report.Matrix[1, 0]} times");
        RegressionReport fit = RegressionReport.From([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0], ["y"]);
        Console.WriteLine($"RMSE {fit.Average.Rmse:F4}, MAE {fit.Average.Mae}, R² {fit.Average.R2:F4}");

        Assert.Equal(1, report.Matrix[1, 0]);
        Near(0.5, fit.Average.Mae);
        Near(0.9486081370449679, fit.Average.R2); // "r2 docs example"
    }
}

using FastReg.Nn;
using FastReg.Nn.Metrics;
using FastReg.Nn.Preprocessing;
using FastReg.Nn.Training;

namespace FastReg.Tests.Nn.Metrics;

/// <summary>ModelScore's reports of a trained model on its own (preprocessed, scaled) rows: in the targets' units, consistent with Score.</summary>
public class ModelReportTests
{
    private static double[] Random(int n, int seed)
    {
        var rng = new Random(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.NextDouble() * 2 - 1;
        return v;
    }

    [Fact]
    public void Regression_report_unscales_predictions_and_targets_to_the_targets_units()
    {
        var network = new Sequential<double>(2, 16, LossKind.MeanSquaredError, [new Dense(1)], seed: 3);
        var scaler = new TargetScaler(["y"], [10.0], [2.0]);
        var model = new TrainedModel<double>(network, targetScaler: scaler);
        double[] x = Random(40, 1), scaled = Random(20, 2);
        var rows = Dataset<double>.Regression(x, 2, scaled);

        RegressionReport report = ModelScore.Regression(model, rows);
        var raw = new double[20];
        network.Predict(x, raw); // the network's own, scaled, outputs
        RegressionReport inScaledUnits = RegressionReport.From(scaled, raw, ["y"]);
        Assert.Equal(2 * inScaledUnits.Average.Rmse, report.Average.Rmse, 12); // RMSE and MAE scale with σ = 2
        Assert.Equal(2 * inScaledUnits.Average.Mae, report.Average.Mae, 12);
        Assert.Equal(inScaledUnits.Average.R2, report.Average.R2, 12); // R² does not
        Assert.Equal(ModelScore.Score(network, rows).Rmse * 2, report.Average.Rmse, 12);
        Assert.Throws<ArgumentException>(() => ModelScore.Classification(model, rows));
    }

    [Fact]
    public void Classification_report_accuracy_is_scores_and_its_matrix_counts_every_row()
    {
        var network = new Sequential<double>(2, 16, LossKind.SoftmaxCrossEntropy, [new Dense(3)], seed: 4);
        var model = new TrainedModel<double>(network, classes: ["a", "b", "c"]);
        int[] labels = [.. Enumerable.Range(0, 30).Select(i => i % 3)];
        var rows = Dataset<double>.Classification(Random(60, 5), 2, labels);

        ClassificationReport report = ModelScore.Classification(model, rows);
        Assert.Equal(ModelScore.Score(network, rows).Accuracy, report.Accuracy, 15);
        Assert.Equal(30, report.Matrix.Total);
        Assert.Equal(["a", "b", "c"], report.Classes);
        Assert.Throws<ArgumentException>(() => ModelScore.Regression(model, rows));
    }
}

using System.Globalization;
using System.Text.Json;
using FastReg.IO;
using FastReg.Nn;
using FastReg.Nn.Preprocessing;

namespace FastReg.Tests.Cli;

/// <summary>
/// End to end on scikit-learn's datasets (data/sklearn): <c>fastreg train --save</c> with default flags (features,
/// and regression targets, standardized on the training rows), then <c>fastreg predict</c>, whose output must
/// equal what the library's <see cref="TrainedModel{T}"/> predicts from the same file and raw rows.
/// </summary>
public class SklearnDataTests
{
    private static string Data(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "data", "sklearn", name))) return Path.Combine(dir.FullName, "data", "sklearn", name);
        throw new FileNotFoundException($"data/sklearn/{name} not found above the test binaries");
    }

    [Theory]
    [InlineData("iris.csv", 0.9)]
    [InlineData("wine.csv", 0.9)]
    public void A_classifier_trained_with_default_flags_predicts_as_the_library_does(string file, double minAccuracy)
    {
        using var cli = new CliRunner();
        string csv = Data(file), weights = cli.PathOf("m.safetensors"), predictions = cli.PathOf("p.csv");
        CliRun train = cli.Run("train", csv, "--save", weights, "--json");
        Assert.True(train.ExitCode == 0, train.Error);
        using (JsonDocument summary = JsonDocument.Parse(train.Out))
            Assert.True(summary.RootElement.GetProperty("validation_accuracy").GetDouble() >= minAccuracy, train.Out);
        Assert.Equal(0, cli.Run("predict", csv, "--weights", weights, "--out", predictions).ExitCode);

        TrainedModel<double> model = TrainedModel<double>.Load(weights);
        Assert.NotNull(model.Preprocessing.Standardizer); // on by default
        CsvTable table = Csv.Read(csv);
        DataColumn[] columns = [.. model.Inputs.Select(c => DataColumn.Numeric(c.Name, table.NumericMatrix([c.Name])))];
        Predictions library = model.Predict(columns);
        CsvTable written = Csv.Read(predictions);
        Assert.Equal(library.Classes, written.TextColumn(written.Columns[0]));
        double[] truth = table.NumericMatrix([table.Columns[^1]]);
        int right = 0;
        for (int r = 0; r < truth.Length; r++) if (library.Classes![r] == truth[r].ToString(CultureInfo.InvariantCulture)) right++;
        Assert.True(right >= minAccuracy * truth.Length, $"{right} of {truth.Length} right");
    }

    [Fact]
    public void Regression_targets_are_scaled_for_training_and_predictions_are_in_their_units()
    {
        using var cli = new CliRunner();
        string csv = Data("diabetes.csv"), weights = cli.PathOf("d.safetensors"), predictions = cli.PathOf("d.csv");
        CliRun train = cli.Run("train", csv, "--hidden", "none", "--save", weights, "--json", "--valid-fraction", "0");
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Equal(0, cli.Run("predict", csv, "--weights", weights, "--out", predictions).ExitCode);
        TrainedModel<double> model = TrainedModel<double>.Load(weights);
        Assert.NotNull(model.TargetScaler);
        CsvTable table = Csv.Read(csv);
        double[] y = table.NumericMatrix([table.Columns[^1]]);
        CsvTable written = Csv.Read(predictions);
        double[] p = written.NumericMatrix([written.Columns[0]]);
        double sse = 0;
        for (int r = 0; r < y.Length; r++) sse += (p[r] - y[r]) * (p[r] - y[r]);
        double rmse = Math.Sqrt(sse / y.Length);
        // The reported RMSE is in the target's units: the same as computed from the written predictions.
        using JsonDocument summary = JsonDocument.Parse(train.Out);
        Assert.Equal(rmse, summary.RootElement.GetProperty("train_rmse").GetDouble(), rmse * 1e-4);
        Assert.True(rmse < 60, $"RMSE {rmse}: the linear model did not fit the diabetes targets"); // LinearRegression: 53.5
        // Unstandardized, 100 Adam epochs (the gradient path) do not get there.
        CliRun raw = cli.Run("train", csv, "--hidden", "none", "--json", "--valid-fraction", "0", "--no-standardize", "--solver", "gradient");
        using JsonDocument rawSummary = JsonDocument.Parse(raw.Out);
        Assert.True(rawSummary.RootElement.GetProperty("train_rmse").GetDouble() > 100);
        cli.Run("train", csv, "--standardize", "--no-standardize").AssertOneLineError("contradict");
    }

    [Fact]
    public void Predict_reads_the_text_columns_of_a_library_model_and_warns_of_unseen_categories()
    {
        using var cli = new CliRunner();
        DataColumn[] columns =
        [
            DataColumn.Numeric("size", [10, 20, 30, 40, 50, 60, 15, 45]),
            DataColumn.Text("color", ["red", "blue", null, "red", "blue", "red", "blue", "red"]),
        ];
        int[] labels = [0, 0, 0, 1, 1, 1, 0, 1];
        Preprocessor p = Preprocessor.Fit(columns, [0, 1, 2, 3, 4, 5, 6, 7], new PreprocessingOptions { Impute = ImputeStrategy.MostFrequent });
        double[] x = p.Transform(columns);
        var network = new Sequential<double>(p.FeatureCount, 8, LossKind.SoftmaxCrossEntropy, [new Dense(2)], seed: 4) { Optimizer = new Adam(0.1) };
        for (int step = 0; step < 100; step++) network.TrainStep(x, labels, 8);
        var model = new TrainedModel<double>(network, p, classes: ["small", "big"], targets: ["label"]);
        string weights = cli.PathOf("text.safetensors"), output = cli.PathOf("out.csv");
        model.Save(weights);

        string csv = cli.Write("new.csv", "color,size\nred,12\n,58\npurple,33\nblue,47\n"); // columns by name, a gap, an unseen color
        CliRun run = cli.Run("predict", csv, "--weights", weights, "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("warning: column 'color': 1 row(s) hold a category not seen in training", run.Error, StringComparison.Ordinal);
        Predictions library = model.Predict([DataColumn.Numeric("size", [12, 58, 33, 47]), DataColumn.Text("color", ["red", null, "purple", "blue"])]);
        CsvTable written = Csv.Read(output);
        Assert.Equal(["predicted_label", "p_small", "p_big"], written.Columns);
        Assert.Equal(library.Classes, written.TextColumn("predicted_label"));
        Assert.Equal(library.Probabilities![0], written.NumericMatrix(["p_small"])[0]);
    }
}

using System.Globalization;
using System.Text.Json;

namespace FastReg.Tests.Cli;

/// <summary>
/// fastreg train --hidden none on the shipped scikit-learn CSVs, default flags (+ --standardize), train and predict on
/// the split bench/linear_vs_sklearn.py uses (every 4th row held out). The bounds are scikit-learn's figures on that
/// split, computed by that script (scikit-learn 1.2.1: StandardScaler + LogisticRegression() / LinearRegression()),
/// less the margins: 3 accuracy points, 0.05 R². On this split FastReg matches them to 4 digits (docs/linear-models.md).
/// </summary>
public class LinearModelEndToEndTests
{
    private static string Shipped(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", "sklearn", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"data/sklearn/{name} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Writes train.csv (rows i % 4 != 0) and test.csv (i % 4 == 0, no target column); returns the test targets.</summary>
    private static double[] Split(CliRunner cli, string name)
    {
        string[] lines = File.ReadAllLines(Shipped(name));
        string header = lines[0];
        var train = new List<string> { header };
        var test = new List<string> { header[..header.LastIndexOf(',')] };
        var targets = new List<double>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            int row = i - 1;
            if (row % 4 != 0) { train.Add(lines[i]); continue; }
            int cut = lines[i].LastIndexOf(',');
            test.Add(lines[i][..cut]);
            targets.Add(double.Parse(lines[i][(cut + 1)..], CultureInfo.InvariantCulture));
        }
        File.WriteAllLines(cli.PathOf("train.csv"), train);
        File.WriteAllLines(cli.PathOf("test.csv"), test);
        return [.. targets];
    }

    /// <summary>Trains with the given extra flags, predicts the test rows, returns the first prediction column and the train run.</summary>
    private static (double[] Predicted, CliRun Train, string[] PredictionLines) TrainAndPredict(CliRunner cli, params string[] flags)
    {
        string weights = cli.PathOf("model.safetensors"), output = cli.PathOf("predictions.csv");
        CliRun train = cli.Run(["train", cli.PathOf("train.csv"), "--hidden", "none", "--standardize", "--valid-fraction", "0", "--save", weights, .. flags]);
        Assert.True(train.ExitCode == 0, train.Error);
        CliRun predict = cli.Run("predict", cli.PathOf("test.csv"), "--weights", weights, "--out", output);
        Assert.True(predict.ExitCode == 0, predict.Error);
        string[] lines = File.ReadAllLines(output);
        double[] predicted = lines.Skip(1).Select(l => double.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).ToArray();
        return (predicted, train, lines);
    }

    private static double Accuracy(double[] predicted, double[] truth) => predicted.Zip(truth).Count(p => p.First == p.Second) / (double)truth.Length;

    [Theory]
    [InlineData("wine.csv", 0.9778)]
    [InlineData("iris.csv", 0.9737)]
    [InlineData("breast_cancer.csv", 0.9790)]
    public void A_linear_classifier_at_default_flags_is_within_three_points_of_scikit_learn(string name, double sklearn)
    {
        using var cli = new CliRunner();
        double[] truth = Split(cli, name);
        var (predicted, train, _) = TrainAndPredict(cli);
        Assert.Contains("L-BFGS", train.Out, StringComparison.Ordinal);
        Assert.Contains("converged", train.Out, StringComparison.Ordinal);
        Assert.Equal("", train.Error); // no ConvergenceWarning, no note
        double accuracy = Accuracy(predicted, truth);
        Assert.True(accuracy >= sklearn - 0.03, $"{name}: accuracy {accuracy:F4}, scikit-learn {sklearn:F4}");
    }

    [Fact]
    public void Linear_regression_on_diabetes_at_default_flags_is_within_0_05_r2_of_scikit_learn()
    {
        using var cli = new CliRunner();
        double[] truth = Split(cli, "diabetes.csv");
        var (predicted, _, _) = TrainAndPredict(cli);
        double mean = truth.Average(), total = truth.Sum(t => (t - mean) * (t - mean));
        double residual = predicted.Zip(truth).Sum(p => (p.First - p.Second) * (p.First - p.Second));
        double r2 = 1 - residual / total;
        Assert.True(r2 >= 0.4629 - 0.05, $"R² {r2:F4}, scikit-learn LinearRegression 0.4629");
    }

    [Fact]
    public void Breast_cancer_is_a_binary_classifier_with_one_logit_and_l1_reaches_ml_nets_zero_count()
    {
        // ML.NET 5.0.1 LbfgsLogisticRegression(L1Regularization = 1, L2Regularization = 0) on this split, standardized:
        // 97.9% test accuracy, 15 of 30 weights exactly zero (bench/FastReg.LinearPeer). The same λ here: --l1 1 (m = N).
        using var cli = new CliRunner();
        double[] truth = Split(cli, "breast_cancer.csv");
        var (predicted, train, lines) = TrainAndPredict(cli, "--l1", "1", "--json");
        using JsonDocument json = JsonDocument.Parse(train.Out);
        JsonElement root = json.RootElement;
        Assert.Equal("owlqn", root.GetProperty("solver").GetString());
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.Equal(31, root.GetProperty("parameters").GetInt32()); // one logit: 30 weights and a bias
        Assert.True(root.GetProperty("exact_zeros").GetInt32() >= 15, train.Out);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("warning").ValueKind);
        Assert.True(Accuracy(predicted, truth) >= 0.979 - 0.01);
        // predict writes the class and both probabilities, which sum to 1.
        Assert.Equal("predicted_diagnosis,p_0,p_1", lines[0]);
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            double p0 = double.Parse(cells[1], CultureInfo.InvariantCulture), p1 = double.Parse(cells[2], CultureInfo.InvariantCulture);
            Assert.Equal(1, p0 + p1, 1e-12);
            Assert.Equal(p1 > 0.5 ? "1" : "0", cells[0]);
        }
    }

    [Fact]
    public void Loss_bce_trains_a_binary_classifier_that_reports_accuracy()
    {
        using var cli = new CliRunner();
        Split(cli, "breast_cancer.csv");
        CliRun run = cli.Run("train", cli.PathOf("train.csv"), "--hidden", "8", "--loss", "bce", "--standardize", "--epochs", "5");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("classification:", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 outputs", run.Out, StringComparison.Ordinal);
        Assert.Contains("accuracy", run.Out, StringComparison.Ordinal);
        cli.Run("train", Shipped("wine.csv"), "--loss", "bce").AssertOneLineError("--loss bce is a binary classifier, but the target has 3 classes");
    }

    [Fact]
    public void The_iteration_cap_and_a_still_falling_gradient_run_warn_on_stderr_and_in_json()
    {
        using var cli = new CliRunner();
        Split(cli, "wine.csv");
        CliRun capped = cli.Run("train", cli.PathOf("train.csv"), "--hidden", "none", "--standardize", "--max-iter", "3", "--json");
        Assert.Equal(0, capped.ExitCode);
        Assert.StartsWith("ConvergenceWarning: the L-BFGS solver reached its iteration cap (3)", capped.Error, StringComparison.Ordinal);
        Assert.Single(capped.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using (JsonDocument json = JsonDocument.Parse(capped.Out))
        {
            Assert.False(json.RootElement.GetProperty("converged").GetBoolean());
            Assert.StartsWith("ConvergenceWarning:", json.RootElement.GetProperty("warning").GetString(), StringComparison.Ordinal);
        }

        // Adam at 1e-3 for 10 epochs on an unscaled linear model: the loss is still falling steeply when it ends.
        CliRun falling = cli.Run("train", cli.PathOf("train.csv"), "--hidden", "none", "--solver", "gradient", "--epochs", "10");
        Assert.Equal(0, falling.ExitCode);
        Assert.Contains("ConvergenceWarning: training ended while the loss was still falling", falling.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void L1_auto_cross_validates_solver_fits_and_sweep_and_bias_variance_fit_linear_models_by_the_solver()
    {
        using var cli = new CliRunner();
        Split(cli, "breast_cancer.csv");
        CliRun auto = cli.Run("train", cli.PathOf("train.csv"), "--hidden", "none", "--standardize", "--l1", "auto", "--auto-lambdas", "0.1:10:3", "--auto-folds", "3");
        Assert.True(auto.ExitCode == 0, auto.Error);
        Assert.Contains("--l1 auto: 3-fold cross-validation of solver fits", auto.Out, StringComparison.Ordinal);
        Assert.Contains("linear model by OWL-QN", auto.Out, StringComparison.Ordinal);
        CliRun sweep = cli.Run("sweep", cli.PathOf("train.csv"), "--hidden", "none", "--standardize", "--penalty", "l1", "--lambdas", "0.1,10", "--cv", "3", "--out", cli.PathOf("sweep"));
        Assert.True(sweep.ExitCode == 0, sweep.Error);
        // A binary classifier on one logit is still judged by 0-1 loss in the bias-variance decomposition.
        CliRun bv = cli.Run("bias-variance", cli.PathOf("train.csv"), "--hidden", "none", "--standardize", "--lambdas", "0.1,10", "--rounds", "3", "--out", cli.PathOf("bv"));
        Assert.True(bv.ExitCode == 0, bv.Error);
        Assert.Contains("0-1 loss", bv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradient_flags_are_noted_or_refused_with_the_solver_and_penalty_examples_is_checked()
    {
        using var cli = new CliRunner();
        Split(cli, "iris.csv");
        CliRun noted = cli.Run("train", cli.PathOf("train.csv"), "--hidden", "none", "--standardize", "--epochs", "7", "--lr", "0.5");
        Assert.Equal(0, noted.ExitCode);
        Assert.Equal("note: --epochs, --lr do not apply to the L-BFGS solver of --hidden none (full batch, run to convergence) and are ignored; --solver gradient trains by epochs instead.",
            noted.Error.Trim());
        cli.Run("train", cli.PathOf("train.csv"), "--hidden", "none", "--max-norm", "3").AssertOneLineError("--max-norm applies to gradient training");
        cli.Run("train", cli.PathOf("train.csv"), "--hidden", "8", "--solver", "lbfgs").AssertOneLineError("--solver lbfgs fits linear models");
        cli.Run("train", cli.PathOf("train.csv"), "--penalty-examples", "some").AssertOneLineError("--penalty-examples must be batch, all or a positive count");
        CliRun all = cli.Run("train", cli.PathOf("train.csv"), "--hidden", "4", "--l2", "1", "--penalty-examples", "all", "--epochs", "2");
        Assert.True(all.ExitCode == 0, all.Error);
    }
}

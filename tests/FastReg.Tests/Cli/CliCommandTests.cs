using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using FastReg.IO;

namespace FastReg.Tests.Cli;

/// <summary>Each fastreg command run end to end in-process, on data the test writes.</summary>
public class CliCommandTests
{
    [Fact]
    public void The_main_job_trains_every_regularizer_prints_the_table_and_writes_parseable_plots()
    {
        using var cli = new CliRunner();
        string output = cli.PathOf("out");
        CliRun run = cli.Run("--epochs", "3", "--train-size", "60", "--out", output);
        Assert.Equal(0, run.ExitCode);
        string[] arms = ["none", "L2", "L1", "elastic net", "dropout", "early stopping", "augmentation", "max-norm", "L0 gates",
            "label smoothing", "mixup", "Gaussian dropout", "SWA", "EMA"];
        foreach (string arm in arms)
            Assert.Contains("│ " + arm + " ", run.Out, StringComparison.Ordinal);
        Assert.Contains("Best test accuracy", run.Out, StringComparison.Ordinal);
        Assert.Contains(output, run.Out, StringComparison.Ordinal);
        string[] svgs = Directory.GetFiles(output, "*.svg");
        Assert.Equal(arms.Length + 2, svgs.Length); // one per arm, the grid and the L0 units-against-λ plot
        Assert.Contains("L0 gates against λ", run.Out, StringComparison.Ordinal);
        foreach (string svg in svgs) XDocument.Load(svg);
        Assert.Empty(Directory.GetFiles(output, "*.tmp")); // atomic writes leave no temporaries
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Train_saves_weights_that_predict_reloads_and_uses_with_the_same_class_names()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string weights = cli.PathOf("model.safetensors");
        CliRun train = cli.Run("train", csv, "--target", "kind", "--hidden", "8", "--epochs", "60", "--lr", "0.05", "--standardize", "--save", weights);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("accuracy", train.Out, StringComparison.Ordinal);

        SafeTensorsFile file = SafeTensors.Read(weights);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], file.Tensors.Select(t => t.Name));
        Assert.Equal([8, 2], file.Find("0.weight")!.Shape);
        Assert.Equal(TensorType.F32, file.Find("0.weight")!.Type);

        string predictions = cli.PathOf("pred.csv");
        CliRun predict = cli.Run("predict", csv, "--weights", weights, "--out", predictions);
        Assert.Equal(0, predict.ExitCode);
        string[] lines = File.ReadAllLines(predictions);
        Assert.Equal("predicted_kind,p_down,p_up", lines[0]);
        Assert.Equal(121, lines.Length);
        string[] truth = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')[2]).ToArray();
        int correct = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            string[] cells = lines[i + 1].Split(',');
            if (cells[0] == truth[i]) correct++;
            double p = double.Parse(cells[1], CultureInfo.InvariantCulture) + double.Parse(cells[2], CultureInfo.InvariantCulture);
            Assert.Equal(1.0, p, 1e-9);
        }
        Assert.True(correct >= 110, $"only {correct} of 120 training rows predicted correctly");
    }

    [Fact]
    public void Train_with_json_prints_one_parseable_summary_and_nothing_else()
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run("train", cli.RegressionCsv(), "--target", "y", "--hidden", "none", "--solver", "gradient", "--optimizer", "sgd", "--lr", "0.1", "--epochs", "50", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        JsonElement root = json.RootElement;
        Assert.Equal("regression", root.GetProperty("task").GetString());
        Assert.Equal(3, root.GetProperty("parameters").GetInt32()); // y = w·x + b, two features
        Assert.Equal(50, root.GetProperty("train_loss_history").GetArrayLength());
        Assert.True(root.GetProperty("validation_rmse").GetDouble() < 0.05);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("train_accuracy").ValueKind);
    }

    [Fact]
    public void Train_and_predict_read_and_write_npy_and_init_continues_from_saved_weights()
    {
        using var cli = new CliRunner();
        var rng = new Random(3);
        int n = 80;
        var x = new double[n * 3];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++) x[i * 3 + j] = rng.NextDouble();
            y[i] = x[i * 3] + x[i * 3 + 1] > 1 ? 1 : 0;
        }
        string xs = cli.PathOf("x.npy"), ys = cli.PathOf("y.npy");
        Npy.Write(xs, x, [n, 3], NpyType.Float64);
        Npy.Write(ys, y, [n], NpyType.Int64);
        string weights = cli.PathOf("w.safetensors");
        CliRun first = cli.Run("train", "--x", xs, "--y", ys, "--hidden", "6", "--epochs", "5", "--dtype", "f64", "--save", weights);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("classification", first.Out, StringComparison.Ordinal);
        Assert.Equal(TensorType.F64, SafeTensors.Read(weights).Find("0.weight")!.Type);

        CliRun resumed = cli.Run("train", "--x", xs, "--y", ys, "--hidden", "6", "--epochs", "1", "--dtype", "f64", "--init", weights, "--json");
        Assert.Equal(0, resumed.ExitCode);

        string predictions = cli.PathOf("p.npy");
        Assert.Equal(0, cli.Run("predict", "--x", xs, "--weights", weights, "--out", predictions).ExitCode);
        NpyArray p = Npy.Read(predictions);
        Assert.Equal([n], p.Shape);
        Assert.All(p.Data, v => Assert.True(v is 0 or 1));
    }

    [Fact]
    public void An_explicit_loss_settles_the_task_and_bce_predicts_a_probability_per_target()
    {
        using var cli = new CliRunner();
        var rng = new Random(4);
        var text = new System.Text.StringBuilder("a,b,left,high\n");
        for (int i = 0; i < 100; i++)
        {
            double a = rng.NextDouble(), b = rng.NextDouble();
            text.Append(FormattableString.Invariant($"{a:R},{b:R},{(a > b ? 1 : 0)},{(b > 0.5 ? 1 : 0)}\n"));
        }
        string csv = cli.Write("two.csv", text.ToString());

        CliRun mse = cli.Run("train", csv, "--target", "left", "--loss", "mse", "--epochs", "2", "--json");
        Assert.Equal(0, mse.ExitCode);
        Assert.Contains("\"task\": \"regression\"", mse.Out, StringComparison.Ordinal); // 0/1 integers, but mse was asked for

        string weights = cli.PathOf("w.safetensors"), predictions = cli.PathOf("p.csv");
        CliRun bce = cli.Run("train", csv, "--target", "left,high", "--loss", "bce", "--hidden", "8", "--epochs", "3", "--save", weights);
        Assert.Equal(0, bce.ExitCode);
        Assert.Equal(0, cli.Run("predict", csv, "--weights", weights, "--out", predictions).ExitCode);
        string[] lines = File.ReadAllLines(predictions);
        Assert.Equal("predicted_left,predicted_high", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.All(l.Split(','), c =>
        {
            double p = double.Parse(c, CultureInfo.InvariantCulture);
            Assert.InRange(p, 0, 1);
        }));

        cli.Run("train", csv, "--target", "left", "--loss", "mse", "--task", "classification").AssertOneLineError("--loss mse needs real-valued targets");
    }

    [Fact]
    public void Sweep_reports_the_best_and_one_standard_error_lambda_and_writes_the_curve()
    {
        using var cli = new CliRunner();
        string output = cli.PathOf("out");
        CliRun run = cli.Run("sweep", cli.ClassificationCsv(), "--hidden", "4", "--epochs", "3", "--cv", "3", "--lambdas", "0.01:10:4", "--out", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3-fold cross-validation of l2", run.Out, StringComparison.Ordinal);
        Assert.Contains("best λ = ", run.Out, StringComparison.Ordinal);
        Assert.Contains("one-standard-error λ = ", run.Out, StringComparison.Ordinal);
        XDocument svg = XDocument.Load(Path.Combine(output, "sweep-l2.svg"));
        Assert.Contains("best λ", svg.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bias_variance_decomposes_squared_error_for_regression()
    {
        using var cli = new CliRunner();
        string output = cli.PathOf("out");
        CliRun run = cli.Run("bias-variance", cli.RegressionCsv(), "--hidden", "4", "--epochs", "3", "--rounds", "3", "--lambdas", "0.1,1", "--penalty", "l1", "--out", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("bias²", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "bias-variance-l1.svg")));
    }

    [Fact]
    public void Gradcheck_passes_every_component_and_fails_with_exit_code_2_under_an_impossible_bound()
    {
        using var cli = new CliRunner();
        CliRun ok = cli.Run("gradcheck", "--hidden", "5,4", "--dropout", "0.2", "--l2", "0.1", "--l0-gates", "0.1");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("all ", ok.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", ok.Out, StringComparison.Ordinal);

        CliRun strict = cli.Run("gradcheck", "--bound", "1e-30");
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("FAIL", strict.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradcheck_checks_the_network_on_a_data_files_rows_relu_128_64_at_178_by_13_and_the_digits()
    {
        using var cli = new CliRunner();
        // Wine's shape and scales: 178 rows, 13 features from 0.1 to 1000, 3 classes (the default bound failed here once: 4.4e-3).
        var rng = new Random(7);
        var text = new System.Text.StringBuilder(string.Join(",", Enumerable.Range(0, 13).Select(j => $"f{j}")) + ",y\n");
        for (int i = 0; i < 178; i++)
        {
            int c = rng.Next(3);
            for (int j = 0; j < 13; j++) text.Append(FormattableString.Invariant($"{(c + rng.NextDouble()) * Math.Pow(10, j % 5 - 1):R},"));
            text.Append(FormattableString.Invariant($"{c}\n"));
        }
        string csv = cli.Write("wine-like.csv", text.ToString());
        CliRun wine = cli.Run("gradcheck", csv, "--target", "y", "--hidden", "128,64", "--entries", "24");
        Assert.True(wine.ExitCode == 0, wine.Out + wine.Error);
        Assert.Contains("178 rows of 13 inputs from wine-like.csv, up to 24 entries per tensor", wine.Out, StringComparison.Ordinal);
        Assert.Contains("dense:128 relu dense:64 relu dense:3 / ce", wine.Out, StringComparison.Ordinal);

        string digits = Path.Combine(FindRepositoryFolder(), "data", "digits.csv.gz");
        CliRun run = cli.Run("gradcheck", digits, "--entries", "8");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("1797 rows of 64 inputs from digits.csv.gz", run.Out, StringComparison.Ordinal);
    }

    private static string FindRepositoryFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "data", "digits.csv.gz"))) return dir.FullName;
        throw new DirectoryNotFoundException("data/digits.csv.gz not found above the test binaries");
    }

    [Fact]
    public void Info_names_the_active_path_and_bench_short_measures_every_section()
    {
        using var cli = new CliRunner();
        CliRun info = cli.Run("info");
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("active path: ", info.Out, StringComparison.Ordinal);
        Assert.Contains("GEMM", info.Out, StringComparison.Ordinal);

        CliRun bench = cli.Run("bench", "--short");
        Assert.Equal(0, bench.ExitCode);
        foreach (string section in new[] { "limits", "kernels", "gemm" })
            Assert.Contains("│ " + section, bench.Out, StringComparison.Ordinal);
    }
}

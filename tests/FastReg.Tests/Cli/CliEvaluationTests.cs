using System.Globalization;
using System.Text.Json;
using FastReg.Cli;
using FastReg.Cli.Output;
using FastReg.IO;
using FastReg.Nn.Metrics;

namespace FastReg.Tests.Cli;

/// <summary>
/// Evaluation end to end (issue 17): predict scores data that still hold the target (report, confusion matrix,
/// RMSE/MAE/R², --metrics-json), train --test and --confusion-matrix, --proba-npy, and RFC 4180 quoting of every
/// CSV predict writes.
/// </summary>
public class CliEvaluationTests
{
    private static string Data(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "data", "sklearn", name))) return Path.Combine(dir.FullName, "data", "sklearn", name);
        throw new FileNotFoundException($"data/sklearn/{name} not found above the test binaries");
    }

    private static string Train(CliRunner cli, string csv, params string[] flags)
    {
        string weights = cli.PathOf(Path.GetFileNameWithoutExtension(csv) + ".safetensors");
        CliRun train = cli.Run(["train", csv, "--save", weights, "--seed", "3", .. flags]);
        Assert.True(train.ExitCode == 0, train.Error);
        return weights;
    }

    private static double D(JsonElement e, string name) => e.GetProperty(name).GetDouble();

    [Fact]
    public void Predict_on_data_with_the_target_prints_and_writes_the_classification_report_and_confusion_matrix()
    {
        using var cli = new CliRunner();
        string iris = Data("iris.csv");
        string weights = Train(cli, iris, "--hidden", "8", "--epochs", "40", "--standardize");
        string predictions = cli.PathOf("pred.csv"), metrics = cli.PathOf("metrics.json");
        CliRun run = cli.Run("predict", iris, "--weights", weights, "--out", predictions, "--metrics-json", metrics);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("│ macro avg ", run.Out, StringComparison.Ordinal);
        Assert.Contains("│ weighted avg ", run.Out, StringComparison.Ordinal);
        Assert.Contains("confusion matrix (rows: actual class, columns: predicted)", run.Out, StringComparison.Ordinal);

        // The JSON agrees with the predictions file and the true labels, counted here independently.
        CsvTable written = Csv.Read(predictions);
        Assert.Equal("predicted_species", written.Columns[0]);
        double[] predicted = written.NumericColumn("predicted_species"), truth = Csv.Read(iris).NumericColumn("species");
        var matrix = new long[3, 3];
        for (int i = 0; i < truth.Length; i++) matrix[(int)truth[i], (int)predicted[i]]++;
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(metrics));
        JsonElement root = doc.RootElement;
        Assert.Equal(MetricsDocument.SchemaName, root.GetProperty("schema").GetString());
        Assert.Equal("classification", root.GetProperty("task").GetString());
        Assert.Equal(150, root.GetProperty("rows").GetInt32());
        Assert.Equal((matrix[0, 0] + matrix[1, 1] + matrix[2, 2]) / 150.0, D(root, "accuracy"), 15);
        JsonElement[] rows = [.. root.GetProperty("confusion_matrix").EnumerateArray()];
        for (int a = 0; a < 3; a++)
            for (int p = 0; p < 3; p++) Assert.Equal(matrix[a, p], rows[a][p].GetInt64());
        JsonElement first = root.GetProperty("per_class")[0];
        Assert.Equal("0", first.GetProperty("class").GetString());
        Assert.Equal((double)matrix[0, 0] / (matrix[0, 0] + matrix[1, 0] + matrix[2, 0]), D(first, "precision"), 15);
        Assert.Equal(50, first.GetProperty("support").GetInt32());
        Assert.False(root.TryGetProperty("targets", out _)); // the other task's fields are left out
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"accuracy {D(root, "accuracy"):P2}"), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_on_regression_data_reports_rmse_mae_and_r2_in_the_targets_units()
    {
        using var cli = new CliRunner();
        string diabetes = Data("diabetes.csv");
        string weights = Train(cli, diabetes, "--hidden", "none", "--standardize");
        string predictions = cli.PathOf("pred.csv"), metrics = cli.PathOf("m.json");
        CliRun run = cli.Run("predict", diabetes, "--weights", weights, "--out", predictions, "--metrics-json", metrics);
        Assert.True(run.ExitCode == 0, run.Error);
        double[] y = Csv.Read(diabetes).NumericColumn("progression"), yhat = Csv.Read(predictions).NumericColumn("predicted_progression");
        double mean = y.Average(), ssRes = 0, ssTot = 0, abs = 0;
        for (int i = 0; i < y.Length; i++) (ssRes, ssTot, abs) = (ssRes + (y[i] - yhat[i]) * (y[i] - yhat[i]), ssTot + (y[i] - mean) * (y[i] - mean), abs + Math.Abs(y[i] - yhat[i]));
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(metrics));
        JsonElement target = doc.RootElement.GetProperty("targets")[0];
        Assert.Equal("progression", target.GetProperty("target").GetString());
        Assert.Equal(1 - ssRes / ssTot, D(target, "r2"), 12);
        Assert.Equal(abs / y.Length, D(target, "mae"), 9);
        Assert.Equal(Math.Sqrt(ssRes / y.Length), D(target, "rmse"), 9);
        Assert.InRange(D(target, "rmse"), 40, 70); // the targets' units (progression 25..346), not scaled ones
        Assert.Contains("│ progression ", run.Out, StringComparison.Ordinal);
        Assert.Contains("R²", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_target_column_predict_only_predicts_and_metrics_json_is_refused_with_the_reason()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string weights = Train(cli, csv, "--hidden", "4", "--epochs", "5");
        string[] lines = File.ReadAllLines(csv);
        string features = cli.Write("features.csv", string.Join('\n', lines.Select(l => l[..l.LastIndexOf(',')])) + "\n");
        CliRun plain = cli.Run("predict", features, "--weights", weights, "--out", cli.PathOf("p.csv"));
        Assert.True(plain.ExitCode == 0, plain.Error);
        Assert.DoesNotContain("score", plain.Out, StringComparison.Ordinal);
        Assert.Equal("", plain.Error);
        cli.Run("predict", features, "--weights", weights, "--out", cli.PathOf("p.csv"), "--metrics-json", cli.PathOf("m.json"))
            .AssertOneLineError("--metrics-json would be ignored: " + features + " has no target column 'kind'");
        Assert.False(File.Exists(cli.PathOf("m.json")));
    }

    [Fact]
    public void A_file_with_only_some_of_a_multi_target_models_target_columns_is_refused_naming_the_missing_ones()
    {
        // Scoring half the targets would mislead: every target column to score, or none to predict only.
        using var cli = new CliRunner();
        var text = new System.Text.StringBuilder("x,y1,y2\n");
        for (int i = 0; i < 40; i++) text.Append(System.FormattableString.Invariant($"{i * 0.1},{i * 0.2 + 1},{1 - i * 0.05}\n"));
        string csv = cli.Write("two.csv", text.ToString());
        string weights = Train(cli, csv, "--target", "y1,y2", "--hidden", "none");
        string partial = cli.Write("partial.csv", string.Join('\n', File.ReadAllLines(csv).Select(l => l[..l.LastIndexOf(',')])) + "\n");
        string predictions = cli.PathOf("p.csv");
        cli.Run("predict", partial, "--weights", weights, "--out", predictions)
            .AssertOneLineError(partial + ": has the target column(s) y1 but not y2; give every target column to score the predictions, or none to predict only.");
        Assert.False(File.Exists(predictions));
        cli.Run("train", csv, "--target", "y1,y2", "--hidden", "none", "--test", partial)
            .AssertOneLineError(partial + ": has the target column(s) y1 but not y2");
        string features = cli.Write("features.csv", string.Join('\n', File.ReadAllLines(csv).Select(l => l[..l.IndexOf(',')])) + "\n");
        CliRun plain = cli.Run("predict", features, "--weights", weights, "--out", predictions);
        Assert.True(plain.ExitCode == 0, plain.Error);
    }

    [Fact]
    public void A_class_the_model_never_saw_is_one_error_naming_it_and_its_line_and_nothing_is_written()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string weights = Train(cli, csv, "--hidden", "4", "--epochs", "5");
        string[] lines = File.ReadAllLines(csv);
        lines[4] = lines[4][..(lines[4].LastIndexOf(',') + 1)] + "sideways";
        string odd = cli.Write("odd.csv", string.Join('\n', lines) + "\n");
        string output = cli.PathOf("p.csv");
        cli.Run("predict", odd, "--weights", weights, "--out", output)
            .AssertOneLineError("target 'kind' holds class(es) the model was not trained on: 'sideways' (first at line 5); the model knows down, up");
        Assert.False(File.Exists(output));

        // A missing target cell is not an error: that row is left out of the score and said so.
        lines = File.ReadAllLines(csv);
        lines[4] = lines[4][..(lines[4].LastIndexOf(',') + 1)];
        CliRun gap = cli.Run("predict", cli.Write("gap.csv", string.Join('\n', lines) + "\n"), "--weights", weights, "--out", output);
        Assert.True(gap.ExitCode == 0, gap.Error);
        Assert.Contains("119 rows (1 rows without a target left out)", gap.Out, StringComparison.Ordinal);
        Assert.Equal(121, File.ReadAllLines(output).Length); // every row is still predicted
    }

    [Fact]
    public void Class_names_with_commas_quotes_and_line_breaks_make_a_header_and_cells_that_read_back_whole()
    {
        using var cli = new CliRunner();
        var rng = new Random(5);
        var text = new System.Text.StringBuilder("id,x0,x1,\"kind, \"\"quoted\"\"\"\n");
        for (int i = 0; i < 90; i++)
        {
            double a = rng.NextDouble() * 2 - 1, b = rng.NextDouble() * 2 - 1;
            string kind = a > 0.3 ? "\"up, right\"" : a < -0.3 ? "\"say \"\"hi\"\"\"" : "\"two\nlines\"";
            text.Append(CultureInfo.InvariantCulture, $"\"r{i},x\",{a:R},{b:R},{kind}\n");
        }
        string csv = cli.Write("odd-names.csv", text.ToString());
        string weights = Train(cli, csv, "--id", "id", "--hidden", "8", "--epochs", "30", "--task", "classification");
        string output = cli.PathOf("pred.csv");
        CliRun run = cli.Run("predict", csv, "--weights", weights, "--id", "id", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        CsvTable written = Csv.Read(output);
        Assert.Equal(["id", "predicted_kind, \"quoted\"", "p_say \"hi\"", "p_two\nlines", "p_up, right"], written.Columns);
        Assert.Equal(90, written.Rows);
        Assert.Equal("r7,x", written.TextColumn("id")[7]);
        Assert.Contains(written.TextColumn("predicted_kind, \"quoted\"")[0], (string[])["say \"hi\"", "two\nlines", "up, right"]);
    }

    [Fact]
    public void Proba_npy_writes_every_class_probability_for_softmax_and_binary_models_and_is_refused_for_regression()
    {
        using var cli = new CliRunner();
        string iris = Data("iris.csv");
        string weights = Train(cli, iris, "--hidden", "8", "--epochs", "10");
        string predictions = cli.PathOf("pred.csv"), proba = cli.PathOf("proba.npy");
        CliRun run = cli.Run("predict", iris, "--weights", weights, "--out", predictions, "--proba-npy", proba);
        Assert.True(run.ExitCode == 0, run.Error);
        NpyArray p = Npy.Read(proba);
        Assert.Equal([150, 3], p.Shape);
        CsvTable written = Csv.Read(predictions);
        for (int c = 0; c < 3; c++)
        {
            double[] column = written.NumericColumn("p_" + c.ToString(CultureInfo.InvariantCulture));
            for (int i = 0; i < 150; i++) Assert.Equal(column[i], p.Data[i * 3 + c]);
        }

        string cancer = Data("breast_cancer.csv");
        string binary = Train(cli, cancer, "--hidden", "none", "--standardize", "--loss", "bce");
        CliRun two = cli.Run("predict", cancer, "--weights", binary, "--out", cli.PathOf("b.csv"), "--proba-npy", cli.PathOf("b.npy"));
        Assert.True(two.ExitCode == 0, two.Error);
        NpyArray q = Npy.Read(cli.PathOf("b.npy"));
        Assert.Equal([569, 2], q.Shape);
        Assert.Equal(1.0, q.Data[0] + q.Data[1], 12);

        string regression = Train(cli, Data("diabetes.csv"), "--hidden", "none");
        cli.Run("predict", Data("diabetes.csv"), "--weights", regression, "--out", cli.PathOf("r.csv"), "--proba-npy", cli.PathOf("r.npy"))
            .AssertOneLineError("--proba-npy would be ignored: a regression model predicts values");
        cli.Run("predict", iris, "--weights", weights, "--out", predictions, "--proba-npy", cli.PathOf("p.csv")).AssertOneLineError("--proba-npy must end in .npy");
        cli.Run("predict", iris, "--weights", weights, "--out", proba, "--proba-npy", proba).AssertOneLineError("each output needs its own file");
        cli.Run("predict", iris, "--weights", weights, "--out", predictions, "--metrics-json", iris).AssertOneLineError("would destroy the input");
    }

    [Fact]
    public void Npy_features_are_scored_against_y()
    {
        using var cli = new CliRunner();
        string x = cli.PathOf("x.npy"), y = cli.PathOf("y.npy");
        var rng = new Random(4);
        double[] xs = new double[200], ys = new double[100];
        for (int i = 0; i < 100; i++) (xs[2 * i], xs[2 * i + 1], ys[i]) = (rng.NextDouble(), rng.NextDouble(), 0);
        for (int i = 0; i < 100; i++) ys[i] = 3 * xs[2 * i] - xs[2 * i + 1];
        Npy.Write(x, xs, [100, 2], NpyType.Float64);
        Npy.Write(y, ys, [100], NpyType.Float64);
        string weights = cli.PathOf("m.safetensors");
        Assert.Equal(0, cli.Run("train", "--x", x, "--y", y, "--hidden", "none", "--save", weights).ExitCode);
        CliRun run = cli.Run("predict", "--x", x, "--y", y, "--weights", weights, "--out", cli.PathOf("p.npy"), "--metrics-json", cli.PathOf("m.json"));
        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(cli.PathOf("m.json")));
        Assert.InRange(D(doc.RootElement.GetProperty("average"), "r2"), 0.99, 1.0);
        Assert.Equal(y, doc.RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public void Train_test_scores_the_final_model_on_a_held_out_file_with_r2_and_mae_in_the_table_and_the_json()
    {
        using var cli = new CliRunner();
        string[] lines = File.ReadAllLines(Data("diabetes.csv"));
        string train = cli.Write("train.csv", string.Join('\n', lines[..343]) + "\n");
        string test = cli.Write("test.csv", string.Join('\n', [lines[0], .. lines[343..]]) + "\n");
        CliRun run = cli.Run("train", train, "--test", test, "--hidden", "none", "--standardize");
        Assert.True(run.ExitCode == 0, run.Error);
        string table = run.Out;
        Assert.Contains("│ metric │", table, StringComparison.Ordinal);
        Assert.Contains(" test │", table, StringComparison.Ordinal);
        Assert.Contains("│ MAE ", table, StringComparison.Ordinal);
        Assert.Contains("│ R² ", table, StringComparison.Ordinal);

        CliRun json = cli.Run("train", train, "--test", test, "--hidden", "none", "--standardize", "--json");
        Assert.True(json.ExitCode == 0, json.Error);
        using JsonDocument doc = JsonDocument.Parse(json.Out);
        JsonElement scores = doc.RootElement.GetProperty("test");
        Assert.Equal(test, scores.GetProperty("source").GetString());
        Assert.Equal(100, scores.GetProperty("rows").GetInt32());
        double r2 = D(scores.GetProperty("average"), "r2");
        Assert.InRange(r2, 0.3, 0.7);
        // The table's test R² is the JSON's, and the saved model scored by predict gives the same.
        Assert.Contains(r2.ToString("F4", CultureInfo.InvariantCulture) + " │", table, StringComparison.Ordinal);
        string weights = cli.PathOf("m.safetensors");
        Assert.Equal(0, cli.Run("train", train, "--hidden", "none", "--standardize", "--save", weights).ExitCode);
        Assert.Equal(0, cli.Run("predict", test, "--weights", weights, "--out", cli.PathOf("p.csv"), "--metrics-json", cli.PathOf("m.json")).ExitCode);
        using JsonDocument predicted = JsonDocument.Parse(File.ReadAllText(cli.PathOf("m.json")));
        Assert.Equal(r2, D(predicted.RootElement.GetProperty("average"), "r2"), 6); // train scores in f32, predict in f64
    }

    [Fact]
    public void Confusion_matrix_on_request_and_every_flag_that_would_be_ignored_or_break_an_input_is_refused()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string test = cli.ClassificationCsv("test.csv", rows: 40, seed: 9);
        CliRun run = cli.Run("train", csv, "--test", test, "--hidden", "4", "--epochs", "20", "--confusion-matrix");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("confusion matrix of the validation rows", run.Out, StringComparison.Ordinal);
        Assert.Contains($"confusion matrix of the test rows ({test})", run.Out, StringComparison.Ordinal);
        Assert.Contains("│ accuracy ", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("confusion matrix", cli.Run("train", csv, "--test", test, "--hidden", "4", "--epochs", "2").Out, StringComparison.Ordinal);

        string line = cli.RegressionCsv();
        cli.Run("train", line, "--confusion-matrix", "--epochs", "1").AssertOneLineError("--confusion-matrix would be ignored: it counts classes, and this task is regression");
        cli.Run("train", csv, "--confusion-matrix", "--json", "--epochs", "1").AssertOneLineError("--confusion-matrix would be ignored");
        cli.Run("train", csv, "--test", line, "--epochs", "1").AssertOneLineError($"--test {line}: no target column 'kind'");
        cli.Run("train", csv, "--test", test, "--save", test, "--epochs", "1").AssertOneLineError("is the same file as the input --test");
        string x = cli.PathOf("x.npy"), y = cli.PathOf("y.npy");
        Npy.Write(x, [.. Enumerable.Range(0, 40).Select(i => (double)i)], [20, 2], NpyType.Float64);
        Npy.Write(y, [.. Enumerable.Range(0, 20).Select(i => (double)(i % 2))], [20], NpyType.Float64);
        cli.Run("train", "--x", x, "--y", y, "--test", test, "--epochs", "1").AssertOneLineError("--test takes a CSV with the training columns");
    }

    [Fact]
    public void At_80_columns_no_line_of_predicts_scores_is_wider_and_too_many_classes_for_a_matrix_get_a_note()
    {
        using var cli = new CliRunner();
        string wine = Data("wine.csv");
        string weights = Train(cli, wine, "--hidden", "8", "--epochs", "10", "--standardize");
        CliRun run = cli.RunAt(80, "predict", wine, "--weights", weights, "--out", cli.PathOf("p.csv"));
        Assert.True(run.ExitCode == 0, run.Error);
        // Lines naming a path may run long (a path is never broken); every other line, table rows included, fits.
        foreach (string l in run.Out.Split('\n'))
            if (!l.Contains('/', StringComparison.Ordinal)) Assert.True(l.Length <= 80, $"{l.Length} > 80: {l}");
        Assert.Contains("confusion matrix (rows", run.Out, StringComparison.Ordinal);
        CliRun train = cli.RunAt(80, "train", wine, "--test", wine, "--hidden", "4", "--epochs", "3", "--confusion-matrix");
        Assert.True(train.ExitCode == 0, train.Error);
        foreach (string l in train.Out.Split('\n'))
            if (!l.Contains('/', StringComparison.Ordinal)) Assert.True(l.Length <= 80, $"{l.Length} > 80: {l}");
        Assert.Contains(" test │", train.Out, StringComparison.Ordinal);

        var classes = Enumerable.Range(0, 30).Select(c => "class" + c.ToString(CultureInfo.InvariantCulture)).ToArray();
        int[] labels = [.. Enumerable.Range(0, 60).Select(i => i % 30)];
        var report = ClassificationReport.From(labels, labels, classes);
        using var output = new StringWriter();
        using var error = new StringWriter();
        EvaluationText.WriteConfusion(CliConsole.ForWriters(output, error, 80), report, "confusion matrix");
        Assert.Contains("confusion matrix: 30 classes do not fit 80 columns", output.ToString(), StringComparison.Ordinal);
    }
}

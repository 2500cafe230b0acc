using System.Globalization;
using System.Text;
using System.Text.Json;
using FastReg.Nn.Selection;

namespace FastReg.Tests.Cli;

/// <summary>
/// sweep and bias-variance end to end: preprocessing fitted inside each fold, --json, --save with --choose
/// refitting on every row for predict, the one-standard-error rule per penalty, the progress line on stderr.
/// </summary>
public class SweepTests
{
    private const string Erase = "\r\u001b[2K";

    /// <summary>
    /// y = 2x + 1 on 100 rows, where the held-out rows of fold 0 (the CLI's 5-fold split at --seed 0, which
    /// <see cref="Folds.KFold"/> reproduces) sit near x = 1000 and every other row near 0.
    /// </summary>
    internal static string ShiftedFoldCsv(CliRunner cli)
    {
        int[] fold = Folds.KFold(100, 5, shuffle: true, seed: 0);
        var rng = new Random(3);
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < fold.Length; i++)
        {
            double x = (fold[i] == 0 ? 1000 : 0) + (rng.NextDouble() * 2 - 1);
            text.Append(FormattableString.Invariant($"{x:R},{2 * x + 1:R}\n"));
        }
        return cli.Write("shifted.csv", text.ToString());
    }

    private static JsonElement Json(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement;
    }

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    [Fact]
    public void Sweep_fits_the_standardizer_inside_each_fold_so_held_out_rows_never_shape_it()
    {
        // Fitted on all rows (today's main before this change), the standardizer's mean ≈ 200 and σ ≈ 400 come
        // mostly from fold 0's held-out rows: fold 0's training rows all map to ≈ −0.5, ridge shrinks their
        // tiny slope to ≈ 0 and the model predicts ≈ 1 for rows where y ≈ 2001 (RMSE ≈ 2000). Fitted on fold 0's
        // own training rows (σ ≈ 0.6), the slope survives and extrapolates to the shifted rows.
        using var cli = new CliRunner();
        string csv = ShiftedFoldCsv(cli);
        JsonElement json = Json(cli.Run("sweep", csv, "--target", "y", "--hidden", "none", "--penalty", "l2", "--lambdas", "0.01",
            "--cv", "5", "--metric", "rmse", "--json", "--out", cli.PathOf("out")));
        double[] fold0 = Doubles(json.GetProperty("fold_scores")[0]);
        Assert.Equal(5, fold0.Length);
        Assert.True(fold0[0] < 100, $"fold 0's held-out RMSE {fold0[0]}: its preprocessing saw its held-out rows");
        // The other folds train on the shifted rows too, so their scaling is wide either way: they fit well.
        for (int f = 1; f < 5; f++) Assert.True(fold0[f] < 50, $"fold {f}: RMSE {fold0[f]}");
    }

    [Fact]
    public void Sweep_folds_may_differ_in_one_hot_width_when_a_category_is_absent_from_a_folds_training_rows()
    {
        using var cli = new CliRunner();
        var rng = new Random(4);
        var text = new StringBuilder("x,colour,kind\n");
        for (int i = 0; i < 60; i++)
        {
            double x = rng.NextDouble() * 2 - 1;
            string colour = i == 7 ? "teal" : i % 2 == 0 ? "red" : "blue"; // teal: one row, in one fold's held-out rows only
            text.Append(FormattableString.Invariant($"{x:R},{colour},{(x > 0 ? "up" : "down")}\n"));
        }
        string csv = cli.Write("colours.csv", text.ToString());
        CliRun run = cli.Run("sweep", csv, "--target", "kind", "--hidden", "4", "--epochs", "5", "--lambdas", "0,0.1", "--cv", "3", "--out", cli.PathOf("out"),
            "--save", cli.PathOf("colours.safetensors"));
        Assert.True(run.ExitCode == 0, run.Error);
        // The refit on every row knows teal; predict reads the model back.
        CliRun predict = cli.Run("predict", csv, "--weights", cli.PathOf("colours.safetensors"), "--out", cli.PathOf("p.csv"));
        Assert.True(predict.ExitCode == 0, predict.Error);
    }

    [Fact]
    public void Sweep_save_refits_on_every_row_at_the_chosen_lambda_exactly_as_train_would()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv(rows: 90);
        string[] network = ["--target", "kind", "--hidden", "8", "--epochs", "15", "--seed", "3"];
        JsonElement json = Json(cli.Run(["sweep", csv, .. network, "--lambdas", "0.001,0.01,10", "--cv", "3", "--choose", "best",
            "--save", cli.PathOf("swept.safetensors"), "--json", "--out", cli.PathOf("out")]));
        Assert.Equal("sweep", json.GetProperty("command").GetString());
        Assert.Equal("best", json.GetProperty("choose").GetString());
        double chosen = json.GetProperty("chosen_lambda").GetDouble();
        Assert.Equal(json.GetProperty("best_lambda").GetDouble(), chosen);
        Assert.Equal(cli.PathOf("swept.safetensors"), json.GetProperty("saved_model").GetString());

        // train on every row (--valid-fraction 0) at that λ, the same flags: the same network, bit for bit.
        CliRun train = cli.Run(["train", csv, .. network, "--l2", chosen.ToString("R", CultureInfo.InvariantCulture), "--valid-fraction", "0",
            "--save", cli.PathOf("trained.safetensors")]);
        Assert.True(train.ExitCode == 0, train.Error);
        foreach (string model in new[] { "swept", "trained" })
        {
            CliRun predict = cli.Run("predict", csv, "--weights", cli.PathOf(model + ".safetensors"), "--out", cli.PathOf(model + ".csv"));
            Assert.True(predict.ExitCode == 0, predict.Error);
        }
        Assert.Equal(File.ReadAllText(cli.PathOf("trained.csv")), File.ReadAllText(cli.PathOf("swept.csv")));
    }

    [Fact]
    public void Sweep_chooses_the_one_standard_error_lambda_by_default_and_says_so()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv(rows: 90);
        CliRun run = cli.Run("sweep", csv, "--target", "kind", "--hidden", "4", "--epochs", "5", "--lambdas", "0.001,0.01", "--cv", "3",
            "--save", cli.PathOf("m.safetensors"), "--out", cli.PathOf("out"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("refitted on all 90 rows at the one-standard-error λ = ", run.Out, StringComparison.Ordinal);
        Assert.Contains("(--choose 1se; --choose best for the lowest held-out score, as GridSearchCV)", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(cli.PathOf("m.safetensors")));
        Assert.Equal("", run.Error); // stderr is no terminal here: no progress line
    }

    [Theory]
    [InlineData("l2", "0,0.0001,0.001")]           // small λ, close scores: the largest within one SE
    [InlineData("weight-decay", "0,0.0001,0.001")]
    [InlineData("max-norm", "0.3,1000,10000")]      // c = 1000 and 10⁴ never bind: equal scores, and the smaller c is the stronger
    public void The_one_standard_error_rule_picks_the_most_regularized_model_for_every_penalty(string penalty, string grid)
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv(rows: 150);
        JsonElement json = Json(cli.Run("sweep", csv, "--target", "kind", "--hidden", "8", "--epochs", "20", "--lr", "0.05", "--penalty", penalty,
            "--lambdas", grid, "--cv", "3", "--json", "--out", cli.PathOf("out")));
        double[] lambdas = Doubles(json.GetProperty("grid"));
        double[] mean = Doubles(json.GetProperty("mean_validation"));
        double[] se = Doubles(json.GetProperty("standard_error"));
        int best = json.GetProperty("best_index").GetInt32(), oneSe = json.GetProperty("one_se_index").GetInt32();
        Assert.Equal(lambdas[oneSe], json.GetProperty("one_se_lambda").GetDouble());
        Assert.Equal(lambdas[oneSe], json.GetProperty("chosen_lambda").GetDouble()); // --choose 1se is the default
        bool smallerIsStronger = penalty == "max-norm";
        // Strength: λ itself, or 1/c (c = 0, no bound, the weakest).
        double Strength(double v) => smallerIsStronger ? (v == 0 ? 0 : 1 / v) : v;
        for (int i = 0; i < lambdas.Length; i++)
            if (mean[i] <= mean[best] + se[best]) Assert.True(Strength(lambdas[i]) <= Strength(lambdas[oneSe]), $"{penalty}: {lambdas[i]} is within one SE and stronger than {lambdas[oneSe]}");
        if (smallerIsStronger) Assert.NotEqual(10000, lambdas[oneSe]); // the least regularized of the tie, which the λ rule would pick
    }

    [Fact]
    public void Sweep_checks_its_save_path_before_any_work()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        // 10⁶ epochs: a check after the search would time the test out.
        cli.Run("sweep", csv, "--target", "kind", "--hidden", "4", "--epochs", "1000000", "--save", csv, "--out", cli.PathOf("out"))
            .AssertOneLineError("--save '" + csv + "' is the same file as the input data");
        cli.Run("sweep", csv, "--target", "kind", "--hidden", "4", "--epochs", "1000000", "--save", cli.PathOf(Path.Combine("missing", "m.safetensors")), "--out", cli.PathOf("out"))
            .AssertOneLineError("--save");
        // The validation curve's file in --out: the plot would replace the saved model.
        Directory.CreateDirectory(cli.PathOf("out"));
        cli.Run("sweep", csv, "--target", "kind", "--hidden", "4", "--epochs", "1000000", "--save", cli.PathOf(Path.Combine("out", "sweep-l2.svg")), "--out", cli.PathOf("out"))
            .AssertOneLineError("--save '" + cli.PathOf(Path.Combine("out", "sweep-l2.svg")) + "' is the same file as --out");
        Assert.False(File.Exists(cli.PathOf(Path.Combine("out", "sweep-l2.svg"))));
        cli.Run("sweep", csv, "--target", "kind", "--choose", "worst").AssertOneLineError("--choose");
    }

    [Fact]
    public void Sweep_json_is_one_object_with_the_grid_fold_scores_and_choices()
    {
        using var cli = new CliRunner();
        string csv = cli.RegressionCsv();
        CliRun run = cli.Run("sweep", csv, "--target", "y", "--hidden", "4", "--epochs", "5", "--lambdas", "0,0.1,1", "--cv", "4", "--json", "--out", cli.PathOf("out"));
        JsonElement json = Json(run);
        // The documented schema (README "sweep saves its model"), key for key and in order.
        Assert.Equal(["command", "penalty", "method", "folds", "rows", "validation_rows", "metric", "scaled_targets", "grid", "mean_train", "mean_validation",
            "standard_error", "fold_scores", "best_index", "best_lambda", "one_se_index", "one_se_lambda", "one_se_rule", "choose", "chosen_lambda",
            "saved_model", "plot", "notes"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("cross-validation", json.GetProperty("method").GetString());
        Assert.Equal(4, json.GetProperty("folds").GetInt32());
        Assert.Equal(100, json.GetProperty("rows").GetInt32());
        Assert.Equal([0, 0.1, 1], Doubles(json.GetProperty("grid")));
        double[] mean = Doubles(json.GetProperty("mean_validation"));
        double[] se = Doubles(json.GetProperty("standard_error"));
        for (int i = 0; i < 3; i++)
        {
            double[] folds = Doubles(json.GetProperty("fold_scores")[i]);
            Assert.Equal(4, folds.Length);
            Assert.Equal(folds.Average(), mean[i], 12);
            Assert.Equal(OneStandardErrorRule.StandardError(folds), se[i], 12);
        }
        Assert.Equal(JsonValueKind.Null, json.GetProperty("saved_model").ValueKind);
        Assert.True(File.Exists(json.GetProperty("plot").GetString()));

        // Hold-out: no folds, no standard error, the validation rows counted.
        JsonElement holdout = Json(cli.Run("sweep", csv, "--target", "y", "--hidden", "4", "--epochs", "5", "--lambdas", "0,1", "--cv", "0", "--valid-fraction", "0.25", "--json", "--out", cli.PathOf("out")));
        Assert.Equal("hold-out", holdout.GetProperty("method").GetString());
        Assert.Equal(25, holdout.GetProperty("validation_rows").GetInt32());
        Assert.Equal(JsonValueKind.Null, holdout.GetProperty("fold_scores").ValueKind);
        Assert.Equal(JsonValueKind.Null, holdout.GetProperty("folds").ValueKind);
    }

    [Fact]
    public void Bias_variance_json_carries_its_terms_per_lambda()
    {
        using var cli = new CliRunner();
        JsonElement regression = Json(cli.Run("bias-variance", cli.RegressionCsv(), "--target", "y", "--hidden", "4", "--epochs", "5", "--rounds", "3",
            "--lambdas", "0.1,1", "--json", "--out", cli.PathOf("out")));
        Assert.Equal(["command", "penalty", "rounds", "train_rows", "test_rows", "decomposition", "scaled_targets", "grid", "expected_loss", "bias_squared",
            "bias_squared_without_noise", "noise", "bias", "variance", "plot", "notes"], regression.EnumerateObject().Select(p => p.Name));
        Assert.Equal("bias-variance", regression.GetProperty("command").GetString());
        Assert.Equal("squared-error", regression.GetProperty("decomposition").GetString());
        Assert.Equal(70, regression.GetProperty("train_rows").GetInt32());
        Assert.Equal(30, regression.GetProperty("test_rows").GetInt32());
        double[] loss = Doubles(regression.GetProperty("expected_loss")), bias2 = Doubles(regression.GetProperty("bias_squared")), variance = Doubles(regression.GetProperty("variance"));
        Assert.Equal(2, loss.Length);
        for (int i = 0; i < 2; i++) Assert.Equal(loss[i], bias2[i] + variance[i], 1e-9 * loss[i]); // squared error = bias² + variance
        Assert.Equal(2, Doubles(regression.GetProperty("noise")).Length);
        Assert.Equal(JsonValueKind.Null, regression.GetProperty("bias").ValueKind);

        JsonElement classes = Json(cli.Run("bias-variance", cli.ClassificationCsv(), "--target", "kind", "--hidden", "4", "--epochs", "5", "--rounds", "3",
            "--lambdas", "0,1", "--json", "--out", cli.PathOf("out")));
        Assert.Equal("zero-one", classes.GetProperty("decomposition").GetString());
        Assert.Equal(2, Doubles(classes.GetProperty("bias")).Length);
        Assert.Equal(JsonValueKind.Null, classes.GetProperty("bias_squared").ValueKind);
        Assert.Equal(JsonValueKind.Null, classes.GetProperty("noise").ValueKind);
    }

    [Fact]
    public void A_terminal_stderr_gets_one_progress_line_redrawn_in_place_and_erased_and_stdout_is_unchanged()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv(rows: 60);
        string[] sweep = ["sweep", csv, "--target", "kind", "--hidden", "4", "--epochs", "3", "--lambdas", "0,0.1", "--cv", "3", "--out", cli.PathOf("out")];
        CliRun plain = cli.Run(sweep);
        CliRun terminal = cli.RunWithTerminalStderr(sweep);
        Assert.True(terminal.ExitCode == 0, terminal.Error);
        Assert.Equal("", plain.Error);
        Assert.Equal(plain.Out, terminal.Out); // the table is untouched; the line lives on stderr only
        Assert.DoesNotContain('\n', terminal.Error);           // one line, redrawn in place
        Assert.Contains(Erase + "sweep l2: 6/6 fits, ", terminal.Error, StringComparison.Ordinal);
        Assert.EndsWith(Erase, terminal.Error, StringComparison.Ordinal); // erased at the end

        CliRun bv = cli.RunWithTerminalStderr("bias-variance", csv, "--target", "kind", "--hidden", "4", "--epochs", "3", "--lambdas", "0,0.1", "--rounds", "2", "--out", cli.PathOf("out"));
        Assert.True(bv.ExitCode == 0, bv.Error);
        Assert.Contains(Erase + "bias-variance l2: 4/4 fits, ", bv.Error, StringComparison.Ordinal);
        Assert.EndsWith(Erase, bv.Error, StringComparison.Ordinal);

        // A usage error is found before the line starts: stderr holds the error line alone.
        cli.RunWithTerminalStderr("sweep", csv, "--target", "kind", "--cv", "1000", "--out", cli.PathOf("out")).AssertOneLineError("--cv");
    }
}

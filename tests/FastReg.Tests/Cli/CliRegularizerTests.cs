using System.Text.Json;
using FastReg.IO;

namespace FastReg.Tests.Cli;

/// <summary>The regularizer flags of issue 16 end to end: accepted, reported, saved and reloaded, and refused with the flag named.</summary>
public class CliRegularizerTests
{
    [Fact]
    public void Train_takes_every_new_regularizer_reports_closed_gates_and_saves_the_average()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv(rows: 200);
        string weights = cli.PathOf("model.safetensors");
        CliRun train = cli.Run("train", csv, "--target", "kind", "--hidden", "16,8", "--epochs", "20", "--standardize",
            "--l0-gates", "0.5", "--gate-lr-scale", "20", "--label-smoothing", "0.1", "--clip-grad-norm", "1", "--clip-grad-value", "0.5",
            "--gaussian-noise", "0.05", "--gaussian-dropout", "0.1", "--activity-l1", "1e-4", "--activity-l2", "1e-4",
            "--mixup", "0.2", "--ema", "0.9", "--optimizer", "adamw", "--decay-biases", "false", "--decay-gates", "false",
            "--early-stopping", "--monitor", "val_objective", "--patience", "50", "--save", weights);
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("averaged weights", train.Out, StringComparison.Ordinal);
        Assert.Contains("hidden units closed", train.Out, StringComparison.Ordinal);
        Assert.Contains("gaussiannoise:0.05", train.Out, StringComparison.Ordinal);
        Assert.Contains("activity:0.0001/0.0001", train.Out, StringComparison.Ordinal);

        // The file names the new layers, so predict rebuilds the same network (identity layers at inference).
        CliRun predict = cli.Run("predict", csv, "--weights", weights, "--out", cli.PathOf("pred.csv"));
        Assert.True(predict.ExitCode == 0, predict.Error);
        Assert.Equal("", predict.Error);
    }

    [Fact]
    public void Closed_gates_count_in_trains_json_zero_fraction()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv(rows: 200);
        CliRun run = cli.Run("train", csv, "--target", "kind", "--hidden", "32", "--epochs", "100", "--l0-gates", "1", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(run.Out);
        Assert.True(doc.RootElement.GetProperty("zero_fraction").GetDouble() > 0.3, run.Out);
    }

    [Fact]
    public void The_objective_can_be_monitored_with_an_explicit_mode()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        Assert.Equal(0, cli.Run("train", csv, "--target", "kind", "--hidden", "4", "--epochs", "5", "--l2", "1",
            "--early-stopping", "--monitor", "train_objective").ExitCode);
        Assert.Equal(0, cli.Run("train", csv, "--target", "kind", "--hidden", "4", "--epochs", "5",
            "--early-stopping", "--monitor", "val_accuracy", "--monitor-mode", "max").ExitCode);
        cli.Run("train", csv, "--target", "kind", "--hidden", "4", "--early-stopping", "--monitor", "nonsense").AssertOneLineError("--monitor");
    }

    [Fact]
    public void L2_auto_cross_validates_on_the_training_rows_reports_the_grid_and_refits_at_the_one_se_lambda()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv(rows: 150);
        CliRun run = cli.Run("train", csv, "--target", "kind", "--hidden", "8", "--epochs", "30", "--lr", "0.05", "--l2", "auto",
            "--auto-lambdas", "0.01,1,1000", "--auto-folds", "3");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("3-fold cross-validation on the 120 training rows", run.Out, StringComparison.Ordinal);
        Assert.Contains("1-SE", run.Out, StringComparison.Ordinal);
        Assert.Contains("chosen --l2 ", run.Out, StringComparison.Ordinal);
        // λ = 1000 flattens the network to a constant (loss ln 2): the CV must not pick it.
        Assert.DoesNotContain("chosen --l2 1000 ", run.Out, StringComparison.Ordinal);

        // max-norm: the strongest constraint within one SE is the smallest c.
        CliRun maxNorm = cli.Run("train", csv, "--target", "kind", "--hidden", "8", "--epochs", "30", "--lr", "0.05", "--max-norm", "auto",
            "--auto-lambdas", "0.01,3,10", "--auto-folds", "3");
        Assert.True(maxNorm.ExitCode == 0, maxNorm.Error);
        Assert.Contains("the smallest c within one SE", maxNorm.Out, StringComparison.Ordinal);
        Assert.Equal(0, cli.Run("train", csv, "--target", "kind", "--hidden", "4", "--epochs", "5", "--optimizer", "adamw",
            "--weight-decay", "auto", "--auto-lambdas", "0.001,0.1", "--auto-folds", "2").ExitCode);

        cli.Run("train", csv, "--target", "kind", "--l2", "auto", "--l1", "auto").AssertOneLineError("one penalty");
        cli.Run("train", csv, "--target", "kind", "--weight-decay", "-1").AssertOneLineError("--weight-decay");
        cli.Run("train", csv, "--target", "kind", "--l2", "abc").AssertOneLineError("--l2");
        cli.Run("sweep", csv, "--target", "kind", "--l2", "auto").AssertOneLineError("--l2 auto");
        cli.Run("train", csv, "--target", "kind", "--l1", "auto", "--auto-folds", "1").AssertOneLineError("--auto-folds");
    }

    [Fact]
    public void L0_gates_auto_rebuilds_the_gated_network_per_lambda_and_refits_at_the_one_se_lambda()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv(rows: 150);
        CliRun run = cli.Run("train", csv, "--target", "kind", "--hidden", "16", "--epochs", "40", "--lr", "0.01", "--l0-gates", "auto",
            "--auto-lambdas", "0.01,1,10000", "--auto-folds", "3");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("--l0-gates auto: 3-fold cross-validation on the 120 training rows", run.Out, StringComparison.Ordinal);
        Assert.Contains("the largest λ within one SE", run.Out, StringComparison.Ordinal);
        // λ = 10⁴ closes every gate (a constant model): never chosen. The refit network carries the chosen gates.
        Assert.DoesNotContain("chosen --l0-gates 10000 ", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"chosen --l0-gates (0\.01|1) ", run.Out);
        Assert.Contains("L0 gates:", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"l0gate:(0\.01|1)\b", run.Out);
        cli.Run("train", csv, "--target", "kind", "--l0-gates", "auto", "--l2", "auto").AssertOneLineError("one penalty");
        cli.Run("train", csv, "--target", "kind", "--l0-gates", "-1").AssertOneLineError("--l0-gates");
    }

    [Fact]
    public void Sweep_varies_the_l0_gates_lambda_and_plots_its_validation_curve()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv(rows: 150);
        string output = cli.PathOf("plots");
        CliRun run = cli.Run("sweep", csv, "--target", "kind", "--hidden", "16", "--epochs", "30", "--lr", "0.01", "--penalty", "l0-gates",
            "--lambdas", "0.01,1,10000", "--cv", "3", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("3-fold cross-validation of l0-gates λ", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("one-standard-error λ = 10000 ", run.Out, StringComparison.Ordinal);
        string svg = File.ReadAllText(Path.Combine(output, "sweep-l0-gates.svg"));
        Assert.Contains("l0-gates validation curve", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweeps_one_se_rule_for_max_norm_picks_the_smallest_c_as_train_does()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv(rows: 150);
        // c = 1000 and 10000 never bind: identical scores. The λ rule would pick 10000, the least regularized model.
        CliRun run = cli.Run("sweep", csv, "--target", "kind", "--hidden", "8", "--epochs", "20", "--lr", "0.05", "--penalty", "max-norm",
            "--lambdas", "0.3,1000,10000", "--cv", "3", "--out", cli.PathOf("plots"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("(the smallest c within one SE of the best)", run.Out, StringComparison.Ordinal);
        var m = System.Text.RegularExpressions.Regex.Match(run.Out, @"best λ = ([0-9.eE+-]+); one-standard-error λ = ([0-9.eE+-]+) ");
        Assert.True(m.Success, run.Out);
        double best = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        double oneSe = double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(oneSe <= best && oneSe < 10000, run.Out);

        // The hold-out curve follows the same rule.
        CliRun holdout = cli.Run("sweep", csv, "--target", "kind", "--hidden", "8", "--epochs", "20", "--lr", "0.05", "--penalty", "max-norm",
            "--lambdas", "1000,10000", "--cv", "0", "--valid-fraction", "0.3", "--out", cli.PathOf("plots2"));
        Assert.True(holdout.ExitCode == 0, holdout.Error);
        Assert.Contains("one-standard-error λ = 1000 ", holdout.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--label-smoothing", "1.5", "--label-smoothing")]
    [InlineData("--clip-grad-norm", "0", "--clip-grad-norm")]
    [InlineData("--clip-grad-value", "-1", "--clip-grad-value")]
    [InlineData("--gaussian-noise", "-0.1", "--gaussian-noise")]
    [InlineData("--gaussian-dropout", "1", "--gaussian-dropout")]
    [InlineData("--activity-l1", "NaN", "--activity-l1")]
    [InlineData("--ema", "1", "--ema")]
    [InlineData("--swa-start", "0", "--swa-start")]
    [InlineData("--mixup", "-1", "--mixup")]
    [InlineData("--gate-lr-scale", "0", "--gate-lr-scale")]
    public void A_bad_regularizer_value_names_the_flag(string flag, string value, string named)
    {
        using var cli = new CliRunner();
        cli.Run("train", cli.ClassificationCsv(), "--target", "kind", flag, value).AssertOneLineError(named);
    }

    [Fact]
    public void Conflicting_or_misapplied_options_are_refused()
    {
        using var cli = new CliRunner();
        cli.Run("train", cli.RegressionCsv(), "--label-smoothing", "0.1").AssertOneLineError("--label-smoothing");
        string csv = cli.ClassificationCsv();
        cli.Run("train", csv, "--target", "kind", "--ema", "0.9", "--swa-start", "2").AssertOneLineError("choose one");
        cli.Run("train", csv, "--target", "kind", "--ema", "0.9", "--early-stopping", "--restore-best").AssertOneLineError("--restore-best");
    }
}

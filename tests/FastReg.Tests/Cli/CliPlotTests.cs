namespace FastReg.Tests.Cli;

/// <summary>The plots the commands write say what happened: early stopping and restored epochs, λ = 0, the noise term.</summary>
public class CliPlotTests
{
    [Fact]
    public void The_training_plot_marks_where_early_stopping_ended_and_which_epoch_was_restored()
    {
        using var cli = new CliRunner();
        string svg = cli.PathOf("train.svg");
        CliRun run = cli.Run("train", cli.ClassificationCsv(rows: 200), "--epochs", "300", "--early-stopping", "--patience", "3", "--restore-best", "--plot", svg);
        Assert.True(run.ExitCode == 0, run.Error);
        string text = File.ReadAllText(svg);
        Assert.Contains("stopped at ", text, StringComparison.Ordinal);
        Assert.Contains("restored ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sweep_plot_keeps_lambda_zero_visible_and_can_use_a_log_score_axis()
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run("sweep", cli.ClassificationCsv(), "--penalty", "l2", "--lambdas", "0,0.01,0.1,1", "--cv", "2", "--epochs", "5", "--log-y", "--out", cli.PathOf("out"));
        Assert.True(run.ExitCode == 0, run.Error);
        string text = File.ReadAllText(cli.PathOf(Path.Combine("out", "sweep-l2.svg")));
        Assert.Contains("λ = 0: validation ", text, StringComparison.Ordinal);
        Assert.Contains("class=\"reference\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_regression_bias_variance_plot_shows_the_noise_term()
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run("bias-variance", cli.RegressionCsv(rows: 120), "--penalty", "l2", "--lambdas", "0,0.1,1", "--rounds", "3", "--epochs", "5", "--out", cli.PathOf("out"));
        Assert.True(run.ExitCode == 0, run.Error);
        string text = File.ReadAllText(cli.PathOf(Path.Combine("out", "bias-variance-l2.svg")));
        Assert.Contains(">noise<", text, StringComparison.Ordinal);
    }
}

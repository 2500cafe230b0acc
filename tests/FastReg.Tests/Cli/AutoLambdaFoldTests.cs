using System.Globalization;
using System.Text.Json;

namespace FastReg.Tests.Cli;

/// <summary>
/// train's auto λ (--l2 auto and the other auto penalties, the solver's and gradient training's alike) cross-validates
/// with preprocessing fitted inside each fold, as sweep does: the same folds, the same scores.
/// </summary>
public class AutoLambdaFoldTests
{
    /// <summary>The cells of the cross-validation table's row for λ: λ, train loss, CV loss, ± SE.</summary>
    private static double[] CvRow(CliRun run, string lambda)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        foreach (string line in run.Out.Split('\n'))
        {
            string[] cells = line.Replace("│", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length >= 4 && cells[0] == lambda)
                return [.. cells.Take(4).Select(c => double.Parse(c, CultureInfo.InvariantCulture))];
        }
        throw new Xunit.Sdk.XunitException($"no cross-validation row for λ = {lambda}:\n{run.Out}");
    }

    private static double G4(double v) => double.Parse(v.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("lbfgs")]
    [InlineData("gradient --optimizer adam --lr 0.05 --epochs 300")]
    public void Train_l2_auto_fits_the_standardizer_inside_each_fold_and_scores_as_sweep_does(string solver)
    {
        // Fold 0's held-out rows sit near x = 1000, every other row near 0 (SweepTests.ShiftedFoldCsv). Standardized
        // over every training row (the old behaviour), fold 0's training rows all map to ≈ −0.5, ridge shrinks their
        // slope and the fold predicts ≈ 1 where y ≈ 2001: measured, CV loss 1.18 against a train loss of 3.4e-7 (scaled
        // units), a ratio of 3.5e6. Fitted per fold, the slope survives: 0.0039 against 0.0023 (the target's units).
        using var cli = new CliRunner();
        string csv = SweepTests.ShiftedFoldCsv(cli);
        string[] model = ["--target", "y", "--hidden", "none", "--solver", .. solver.Split(' '), "--seed", "0"];
        CliRun train = cli.Run(["train", csv, .. model, "--valid-fraction", "0", "--l2", "auto", "--auto-lambdas", "0.01", "--auto-folds", "5"]);
        double[] row = CvRow(train, "0.01");
        Assert.True(row[2] < 10 * row[1], $"CV loss {row[2]}, train loss {row[1]}: a fold's preprocessing saw its held-out rows\n{train.Out}");

        // sweep, the same flags: the same folds, the same per-fold preprocessing, the same mean held-out MSE and SE.
        JsonElement sweep = JsonDocument.Parse(cli.Run(["sweep", csv, .. model, "--penalty", "l2", "--lambdas", "0.01", "--cv", "5", "--json",
            "--out", cli.PathOf("out")]).Out).RootElement;
        Assert.Equal(G4(sweep.GetProperty("mean_train")[0].GetDouble()), row[1]);
        Assert.Equal(G4(sweep.GetProperty("mean_validation")[0].GetDouble()), row[2]);
        Assert.Equal(G4(sweep.GetProperty("standard_error")[0].GetDouble()), row[3]);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("none")]
    public void Train_auto_folds_may_differ_in_one_hot_width_when_a_category_is_absent_from_a_folds_training_rows(string hidden)
    {
        // teal: one row, so in every fold but one it is absent from the training rows and has no one-hot column there.
        using var cli = new CliRunner();
        var rng = new Random(4);
        var text = new System.Text.StringBuilder("x,colour,kind\n");
        for (int i = 0; i < 60; i++)
        {
            double x = rng.NextDouble() * 2 - 1;
            string colour = i == 7 ? "teal" : i % 2 == 0 ? "red" : "blue";
            text.Append(FormattableString.Invariant($"{x:R},{colour},{(x > 0 ? "up" : "down")}\n"));
        }
        string csv = cli.Write("colours.csv", text.ToString());
        CliRun run = cli.Run("train", csv, "--target", "kind", "--hidden", hidden, "--epochs", "5", "--valid-fraction", "0",
            "--l2", "auto", "--auto-lambdas", "0.01,1", "--auto-folds", "3", "--save", cli.PathOf("colours.safetensors"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("3-fold cross-validation", run.Out, StringComparison.Ordinal);
        // The final model is fitted on every training row and knows teal: predict reads it back.
        CliRun predict = cli.Run("predict", csv, "--weights", cli.PathOf("colours.safetensors"), "--out", cli.PathOf("p.csv"));
        Assert.True(predict.ExitCode == 0, predict.Error);
    }

    [Fact]
    public void Several_scaled_targets_say_their_cross_validation_is_in_scaled_units_and_one_target_does_not()
    {
        using var cli = new CliRunner();
        var text = new System.Text.StringBuilder("x,y1,y2\n");
        var rng = new Random(5);
        for (int i = 0; i < 40; i++)
        {
            double x = rng.NextDouble();
            text.Append(FormattableString.Invariant($"{x:R},{100 * x + rng.NextDouble():R},{1 - x:R}\n"));
        }
        string csv = cli.Write("two.csv", text.ToString());
        string[] auto = ["--hidden", "none", "--l2", "auto", "--auto-lambdas", "0.01,1", "--auto-folds", "3"];
        CliRun two = cli.Run(["train", csv, "--target", "y1,y2", .. auto]);
        Assert.True(two.ExitCode == 0, two.Error);
        Assert.Contains("score: held-out loss (scaled targets)", two.Out, StringComparison.Ordinal);
        CliRun one = cli.Run(["train", csv, "--target", "y1", "--drop", "y2", .. auto]);
        Assert.True(one.ExitCode == 0, one.Error);
        Assert.Contains("score: held-out loss\n", one.Out.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

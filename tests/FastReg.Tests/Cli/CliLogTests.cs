using System.Text.Json;

namespace FastReg.Tests.Cli;

/// <summary>Logs (issue 17 item 2): --verbose prints every epoch, --log writes every epoch as CSV or JSON Lines, --json carries them.</summary>
public class CliLogTests
{
    [Fact]
    public void Verbose_prints_every_epoch_with_its_metrics()
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run("train", cli.ClassificationCsv(), "--epochs", "12", "--verbose");
        Assert.True(run.ExitCode == 0, run.Error);
        for (int e = 1; e <= 12; e++) Assert.Contains($"epoch {e}/12: loss ", run.Out, StringComparison.Ordinal);
        Assert.Contains("val_accuracy ", run.Out, StringComparison.Ordinal);
        Assert.Contains("lr 0.001", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_log_has_one_row_per_epoch_with_every_metric()
    {
        using var cli = new CliRunner();
        string log = cli.PathOf("run.csv");
        CliRun run = cli.Run("train", cli.ClassificationCsv(), "--epochs", "7", "--log", log);
        Assert.True(run.ExitCode == 0, run.Error);
        string[] lines = File.ReadAllLines(log);
        Assert.Equal("epoch,loss,val_loss,accuracy,val_accuracy,rmse,val_rmse,lr,penalty,weight_norm,sparsity,seconds", lines[0]);
        Assert.Equal(8, lines.Length);
        string[] cells = lines[7].Split(',');
        Assert.Equal("7", cells[0]);
        Assert.True(double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture) is >= 0 and <= 1);
        Assert.Equal("", cells[5]); // no RMSE for a classifier
    }

    [Fact]
    public void A_jsonl_log_for_regression_holds_rmse_and_no_accuracy()
    {
        using var cli = new CliRunner();
        string log = cli.PathOf("run.jsonl");
        CliRun run = cli.Run("train", cli.RegressionCsv(), "--epochs", "5", "--log", log);
        Assert.True(run.ExitCode == 0, run.Error);
        string[] lines = File.ReadAllLines(log);
        Assert.Equal(5, lines.Length);
        using JsonDocument last = JsonDocument.Parse(lines[4]);
        Assert.Equal(5, last.RootElement.GetProperty("epoch").GetInt32());
        Assert.True(last.RootElement.GetProperty("rmse").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, last.RootElement.GetProperty("accuracy").ValueKind);
    }

    [Fact]
    public void Json_output_carries_every_epoch()
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run("train", cli.ClassificationCsv(), "--epochs", "4", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument doc = JsonDocument.Parse(run.Out);
        JsonElement epochs = doc.RootElement.GetProperty("epochs");
        Assert.Equal(4, epochs.GetArrayLength());
        Assert.True(epochs[3].GetProperty("val_accuracy").GetDouble() is >= 0 and <= 1);
    }

    [Fact]
    public void A_log_with_an_unknown_extension_is_refused_before_training()
    {
        using var cli = new CliRunner();
        cli.Run("train", cli.ClassificationCsv(), "--log", cli.PathOf("run.txt")).AssertOneLineError("--log must end in .csv or .jsonl");
    }

    [Fact]
    public void A_log_that_is_the_input_is_refused()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        cli.Run("train", csv, "--log", csv).AssertOneLineError("--log");
    }
}

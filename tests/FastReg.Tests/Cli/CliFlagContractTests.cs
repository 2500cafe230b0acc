namespace FastReg.Tests.Cli;

/// <summary>
/// The flag contract: a usage error is one "fastreg: error:" line naming the flag and what it accepts
/// (no .NET type name, no help dump on stdout), each command's help lists only its own flags, and a
/// flag that would be ignored is refused with the reason.
/// </summary>
public class CliFlagContractTests
{
    [Theory]
    [InlineData("--lr", "abc", "--lr: 'abc' is not a number.")]
    [InlineData("--epochs", "1.5", "--epochs: '1.5' is not an integer.")]
    [InlineData("--optimizer", "foo", "--optimizer: 'foo' is not one of adam, adamw, sgd.")]
    public void A_value_of_the_wrong_kind_names_the_flag_and_what_it_accepts(string flag, string value, string message)
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run("train", cli.ClassificationCsv(), flag, value);
        run.AssertOneLineError(message);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void A_flag_without_its_value_says_what_value_it_needs()
    {
        using var cli = new CliRunner();
        cli.Run("train", cli.ClassificationCsv(), "--lr").AssertOneLineError("--lr needs a value: a number.");
    }

    [Fact]
    public void A_mistyped_flag_suggests_the_nearest_one()
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run("train", cli.ClassificationCsv(), "--lossx", "ce");
        run.AssertOneLineError("unknown option '--lossx' for 'fastreg train' (did you mean --loss?)");
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void A_mistyped_command_suggests_the_nearest_one()
    {
        using var cli = new CliRunner();
        cli.Run("trian").AssertOneLineError("'trian' for 'fastreg' (did you mean train?)");
    }

    [Fact]
    public void A_missing_required_flag_is_named_without_the_help_text_dump()
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run("predict", cli.ClassificationCsv());
        run.AssertOneLineError("--weights is required");
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Predict_help_lists_only_the_flags_predict_uses()
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run("predict", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--weights", run.Out, StringComparison.Ordinal);
        Assert.Contains("--hidden", run.Out, StringComparison.Ordinal); // shapes a PyTorch file's layers
        foreach (string trainingOnly in (string[])["--lr", "--momentum", "--l2", "--optimizer", "--weight-decay", "--clip-grad-norm", "--epochs"])
            Assert.DoesNotContain(trainingOnly + " ", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--momentum 0.9", "--momentum would be ignored: it applies only to --optimizer sgd (the optimizer here is adam).")]
    [InlineData("--optimizer sgd --nesterov", "--nesterov would be ignored: it needs --momentum > 0")]
    [InlineData("--l1-ratio 0.3", "--l1-ratio would be ignored: it splits the elastic net's λ; give --elastic-net too.")]
    [InlineData("--l1-mode subgradient", "--l1-mode would be ignored")]
    [InlineData("--gate-lr-scale 5", "--gate-lr-scale would be ignored: it applies to L0 gates")]
    [InlineData("--decay-biases false", "--decay-biases would be ignored")]
    [InlineData("--penalize-biases", "--penalize-biases would be ignored")]
    [InlineData("--hidden none --dropout 0.2", "--dropout would be ignored: it acts on hidden layers, and --hidden none has none.")]
    [InlineData("--hidden none --activation tanh", "--activation would be ignored")]
    [InlineData("--patience 3", "--patience would be ignored: it applies to --early-stopping; give it too.")]
    [InlineData("--monitor val_accuracy", "--monitor would be ignored")]
    [InlineData("--restore-best", "--restore-best would be ignored")]
    [InlineData("--auto-folds 3", "--auto-folds would be ignored: it applies when a penalty's λ is 'auto'")]
    public void A_flag_that_would_be_ignored_is_refused_with_the_reason(string flags, string message)
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run(["train", cli.ClassificationCsv(), "--epochs", "1", .. flags.Split(' ')]);
        run.AssertOneLineError(message);
    }

    [Theory]
    [InlineData("--optimizer sgd --momentum 0.9 --nesterov")]
    [InlineData("--elastic-net 0.01 --l1-ratio 0.3 --l1-mode subgradient")]
    [InlineData("--l0-gates 0.1 --gate-lr-scale 5 --decay-gates false")]
    [InlineData("--weight-decay 0.01 --decay-biases false")]
    [InlineData("--l2 0.01 --penalize-biases")]
    [InlineData("--early-stopping --patience 3 --monitor val_loss --restore-best")]
    [InlineData("--optimizer adamw --decay-biases false")]
    public void The_same_flags_with_what_they_act_on_are_accepted(string flags)
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run(["train", cli.ClassificationCsv(), "--epochs", "2", .. flags.Split(' ')]);
        Assert.True(run.ExitCode == 0, run.Error);
    }

    [Fact]
    public void A_sweep_of_the_elastic_net_accepts_its_ratio()
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run("sweep", cli.ClassificationCsv(), "--penalty", "elastic-net", "--l1-ratio", "0.2", "--lambdas", "0,0.01", "--cv", "2", "--epochs", "1", "--out", cli.PathOf("out"));
        Assert.True(run.ExitCode == 0, run.Error);
    }

    [Fact]
    public void Library_argument_names_never_reach_the_user()
    {
        using var error = new StringWriter();
        int code = FastReg.Cli.FastRegApp.Report(error, new ArgumentOutOfRangeException("fraction", "The hold-out fraction must lie in (0, 1)."));
        Assert.Equal(1, code);
        Assert.Equal("fastreg: error: The hold-out fraction must lie in (0, 1).", error.ToString().TrimEnd());
    }
}

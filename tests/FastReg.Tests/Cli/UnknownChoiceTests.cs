using FastReg.Cli;
using FastReg.Cli.Data;
using FastReg.Cli.Modeling;
using FastReg.Nn;

namespace FastReg.Tests.Cli;

/// <summary>A choice the CLI does not know is refused by name, never read as another choice.</summary>
public class UnknownChoiceTests
{
    [Fact]
    public void An_unknown_swept_penalty_is_refused_not_swept_as_l0_gates()
    {
        var e = Assert.Throws<CliException>(() => SweptPenalty.BuildAt<double>("l3", new NetworkConfig(), _ => throw new InvalidOperationException("not built")));
        Assert.Contains("'l3'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_loss_does_not_leave_the_task_to_be_guessed()
    {
        var source = new DataSource("x.csv", null, null, [], TaskKind.Auto);
        Assert.Equal(TaskKind.Regression, source.WithTaskImpliedBy("mse").Task);
        Assert.Equal(TaskKind.Auto, source.WithTaskImpliedBy("auto").Task);
        Assert.Throws<CliException>(() => source.WithTaskImpliedBy("hinge"));
    }
}

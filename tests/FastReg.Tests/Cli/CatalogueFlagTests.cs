using System.CommandLine;
using FastReg.Cli.Jobs;
using FastReg.Cli.Modeling;
using FastReg.Nn;

namespace FastReg.Tests.Cli;

/// <summary>The CLI's choices and the main job's penalty arms come from the library's catalogue, and every entry has its flag.</summary>
public class CatalogueFlagTests
{
    private static bool Accepts(Option option, string value)
    {
        var command = new RootCommand { option };
        return command.Parse([option.Name, value]).Errors.Count == 0;
    }

    [Fact]
    public void The_activation_and_loss_flags_take_exactly_the_catalogue_names()
    {
        var flags = new NetworkFlags();
        foreach (ActivationEntry a in ActivationCatalog.Entries) Assert.True(Accepts(flags.Activation, a.Name), a.Name);
        foreach (LossEntry l in LossCatalog.Entries) Assert.True(Accepts(flags.Loss, l.Name), l.Name);
        Assert.True(Accepts(flags.Loss, "auto"));
        Assert.False(Accepts(flags.Activation, "swish"));
        Assert.False(Accepts(flags.Loss, "hinge"));
    }

    [Fact]
    public void The_sweep_takes_the_sweepable_entries_and_every_entry_has_its_flag()
    {
        var swept = new SweptPenalty();
        foreach (PenaltyEntry e in PenaltyCatalog.Entries)
            Assert.Equal(e.Sweepable, Accepts(swept.Penalty, e.Token));
        var command = new Command("train");
        new NetworkFlags().AddTo(command);
        foreach (PenaltyEntry e in PenaltyCatalog.Entries)
            Assert.Contains(command.Options, o => o.Name == e.Flag);
        Assert.Equal("l2, l1 or elastic-net", SweptPenalty.ObjectiveTerms());
        Assert.Equal("--l2, --l1 or --elastic-net", SweptPenalty.ObjectiveTerms("--"));
    }

    [Fact]
    public void A_choice_outside_the_catalogue_is_refused_by_name()
    {
        Assert.Contains("'top-k'", Assert.Throws<FastReg.Cli.CliException>(() => SweptPenalty.Swept("top-k")).Message, StringComparison.Ordinal);
        Assert.Throws<FastReg.Cli.CliException>(() => SweptPenalty.SmallerIsStronger("l3"));
        Assert.True(SweptPenalty.SmallerIsStronger("max-norm"));
        Assert.True(SweptPenalty.IsObjectiveTerm("elastic-net"));
        Assert.False(SweptPenalty.IsObjectiveTerm("max-norm"));
    }

    [Fact]
    public void The_main_job_penalty_arms_are_catalogue_entries_by_name_and_builder()
    {
        string[] names = [.. PenaltyCatalog.Entries.Select(e => e.Name)];
        int penaltyArms = 0;
        foreach (RegularizerCase arm in RegularizerCatalog.All(0))
            if (arm.Penalty.IsActive)
            {
                penaltyArms++;
                Assert.Contains(arm.Name, names);
            }
        Assert.Equal(4, penaltyArms); // L2, L1, elastic net, max-norm
        Assert.Contains(RegularizerCatalog.All(0), a => a.Name == PenaltyCatalog.L0Gates.Name);
    }
}

using FastReg.Nn;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.Nn;

public class GradientCheckTests
{
    private const double Bound = 1e-6;

    [Fact]
    public void Random_models_losses_and_penalties_pass_the_check_in_double()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            RandomProblem p = RandomProblem.Create(seed);
            GradientCheckResult r = p.Check();
            return (r.MaxRelativeError < Bound).Label($"{p}\n  -> {r}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}

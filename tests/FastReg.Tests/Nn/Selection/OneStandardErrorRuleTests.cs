using FastReg.Nn.Selection;

namespace FastReg.Tests.Nn.Selection;

public class OneStandardErrorRuleTests
{
    [Fact]
    public void Picks_the_minimum_and_the_largest_lambda_within_one_se_of_it()
    {
        double[] lambdas = [0.001, 0.01, 0.1, 1, 10];
        double[] mean = [0.30, 0.25, 0.27, 0.29, 0.50];
        double[] se = [0.02, 0.03, 0.02, 0.02, 0.05];
        // Best: λ = 0.01 (0.25). Threshold 0.25 + 0.03 = 0.28: λ = 0.1 (0.27) qualifies, λ = 1 (0.29) does not.
        var (best, oneSe) = OneStandardErrorRule.Choose(lambdas, mean, se);
        Assert.Equal(1, best);
        Assert.Equal(2, oneSe);
    }

    [Fact]
    public void Grid_order_does_not_matter_and_nan_scores_never_win()
    {
        double[] lambdas = [10, 1, 0.1, 0.01];
        double[] mean = [double.NaN, 0.20, 0.10, 0.105];
        double[] se = [0, 0.01, 0.01, 0.01];
        var (best, oneSe) = OneStandardErrorRule.Choose(lambdas, mean, se);
        Assert.Equal(2, best);
        Assert.Equal(2, oneSe); // 0.01 is within one SE but smaller than 0.1
    }

    [Fact]
    public void Standard_error_is_sample_std_over_root_n()
    {
        // scores 1,2,3,4: sample std = sqrt(5/3), SE = sqrt(5/3)/2
        Assert.Equal(Math.Sqrt(5.0 / 3) / 2, OneStandardErrorRule.StandardError([1, 2, 3, 4]), 15);
        Assert.Equal(0, OneStandardErrorRule.StandardError([7]));
    }

    [Fact]
    public void Mismatched_lengths_are_rejected() =>
        Assert.Equal("mean", Assert.Throws<ArgumentException>(() => OneStandardErrorRule.Choose([1, 2], [1], [1, 1])).ParamName);

    [Fact]
    public void For_a_bound_where_smaller_is_stronger_it_picks_the_smallest_value_within_one_se_and_zero_is_no_bound()
    {
        // Max-norm c: 0 is no bound, then 0.1 (too tight), 1, 3 and 10 (the last two never bind: equal scores).
        double[] c = [0, 0.1, 1, 3, 10];
        double[] mean = [0.20, 0.60, 0.22, 0.20, 0.20];
        double[] se = [0.03, 0.05, 0.03, 0.03, 0.03];
        var (best, oneSe) = OneStandardErrorRule.Choose(c, mean, se, smallerIsStronger: true);
        Assert.Equal(3, best); // ties go to the stronger bound: 3 beats 10 and 0 (none)
        Assert.Equal(2, oneSe); // 0.22 ≤ 0.20 + 0.03; 0.1 is outside
        // The λ rule on the same numbers goes the other way: the largest value.
        Assert.Equal((4, 4), OneStandardErrorRule.Choose(c, mean, se));
    }
}

using FastReg.Nn.Selection;

namespace FastReg.Tests.Nn.Selection;

public class BiasVarianceMathTests
{
    [Fact]
    public void Squared_error_decomposes_exactly_and_matches_hand_values()
    {
        // 2 rounds × 2 points; y = [1, 3]; predictions round0 = [2, 3], round1 = [0, 5].
        // means [1, 4]; bias² = ((1-1)² + (4-3)²)/2 = 0.5; variance = ((1+1) + (1+1))/4 = 1;
        // loss = ((1 + 0) + (1 + 4))/4 = 1.5 = bias² + variance.
        var d = BiasVarianceMath.SquaredError([2, 3, 0, 5], rounds: 2, [1, 3]);
        Assert.Equal(1.5, d.ExpectedLoss, 15);
        Assert.Equal(0.5, d.BiasSquared, 15);
        Assert.Equal(1.0, d.Variance, 15);
    }

    [Fact]
    public void Zero_one_uses_the_mode_as_main_prediction()
    {
        // 3 rounds × 2 points, y = [0, 1]. Point 0 preds 0,0,1 -> main 0: bias 0, variance 1/3.
        // Point 1 preds 2,2,1 -> main 2: bias 1, variance 1/3. Loss: (1 + 2)/6 = 0.5.
        var d = BiasVarianceMath.ZeroOne([0, 2, 0, 2, 1, 1], rounds: 3, [0, 1]);
        Assert.Equal(0.5, d.ExpectedLoss, 15);
        Assert.Equal(0.5, d.Bias, 15);
        Assert.Equal(2.0 / 6, d.Variance, 15);
    }

    [Fact]
    public void Nearest_neighbour_noise_recovers_known_noise_variance()
    {
        // y = sin(3x) + N(0, 0.3²) on 2,000 points: the estimate should be near 0.09.
        var rng = new Random(5);
        int n = 2000;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rng.NextDouble() * 2 - 1;
            double g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            y[i] = Math.Sin(3 * x[i]) + 0.3 * g;
        }
        Assert.InRange(BiasVarianceMath.NearestNeighbourNoise(x, 1, y), 0.08, 0.10);
    }

    [Fact]
    public void Shape_mismatch_is_rejected() =>
        Assert.Equal("predictions", Assert.Throws<ArgumentException>(() => BiasVarianceMath.SquaredError([1, 2, 3], 2, [1, 2])).ParamName);
}

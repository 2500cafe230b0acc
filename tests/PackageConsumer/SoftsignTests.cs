using FastReg.Nn;
using FastReg.Testing;
using Xunit;

namespace PackageConsumer;

public class SoftsignTests
{
    [Fact]
    public void The_layer_passes_its_gradient_property() => GradientProperties.CheckLayer(new Softsign(), maxTest: 100);

    [Fact]
    public void A_planted_bug_fails_with_the_shape_shrunk_to_one_row_of_one_input()
    {
        Exception e = Assert.ThrowsAny<Exception>(() => GradientProperties.CheckLayer(new Softsign(PlantedBug: true), maxTest: 100));
        Assert.Matches(@"Shrunk:\s+batch 1, inputs 1, seed \d+", e.Message);
        Assert.Contains("input [1, 1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_layer_trains_between_dense_layers()
    {
        var model = new Sequential<float>(2, 8, LossKind.MeanSquaredError, [new Dense(8), new Softsign(), new Dense(1)], seed: 1)
        {
            Optimizer = new Adam(0.01),
        };
        float[] x = [0, 0, 0, 1, 1, 0, 1, 1, 0.5f, 0.5f, 0.2f, 0.9f, 0.9f, 0.1f, 0.3f, 0.3f];
        float[] y = new float[8];
        for (int i = 0; i < 8; i++) y[i] = x[2 * i] * x[2 * i + 1];
        float first = model.TrainStep(x, y, 8), last = first;
        for (int i = 0; i < 500; i++) last = model.TrainStep(x, y, 8);
        Assert.True(last < first / 10, $"{first} -> {last}");
    }
}

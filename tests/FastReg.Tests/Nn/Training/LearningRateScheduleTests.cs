using FastReg.Nn.Training;

namespace FastReg.Tests.Nn.Training;

public class LearningRateScheduleTests
{
    [Fact]
    public void Step_schedule_matches_torch_StepLR()
    {
        // torch: StepLR(opt, step_size=3, gamma=0.5) with lr 0.1 gives per epoch
        // 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025
        var s = new StepLearningRate(3, 0.5);
        double[] expected = [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025];
        for (int e = 0; e < expected.Length; e++) Assert.Equal(expected[e], s.LearningRate(0.1, e), 15);
    }

    [Fact]
    public void Cosine_schedule_matches_torch_CosineAnnealingLR_closed_form()
    {
        // torch: CosineAnnealingLR(opt, T_max=4, eta_min=0.01), lr 0.1:
        // epoch 0: 0.1; 1: 0.01 + 0.09*(1+cos(pi/4))/2 = 0.086819805...; 2: 0.055; 3: 0.023180194...; 4: 0.01
        var s = new CosineLearningRate(4, 0.01);
        Assert.Equal(0.1, s.LearningRate(0.1, 0), 15);
        Assert.Equal(0.0868198051533946, s.LearningRate(0.1, 1), 14);
        Assert.Equal(0.055, s.LearningRate(0.1, 2), 15);
        Assert.Equal(0.0231801948466054, s.LearningRate(0.1, 3), 14);
        Assert.Equal(0.01, s.LearningRate(0.1, 4), 15);
    }

    [Fact]
    public void Bad_schedule_settings_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepLearningRate(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepLearningRate(2, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineLearningRate(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineLearningRate(5, double.NaN));
    }
}

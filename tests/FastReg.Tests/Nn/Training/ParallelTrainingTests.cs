using FastReg.Nn;
using FastReg.Nn.Training;
using FastReg.Tests.Support;

namespace FastReg.Tests.Nn.Training;

/// <summary>Independent models trained on parallel threads end with the weights serial training gives, bit for bit.</summary>
public class ParallelTrainingTests
{
    // 64×128×256 products (8 MFLOP) reach the GEMM's parallel threshold, so the four trainings
    // compete for its workers and most products run on their caller: the results must not care.
    private static Sequential<float> Model(ulong seed) =>
        new(128, 64, LossKind.SoftmaxCrossEntropy,
            [new Dense(256), new Activation(ActivationKind.Relu), new Dropout(0.2), new HardConcreteGate(1e-3), new Dense(4)], seed)
        { Optimizer = new Adam(1e-3), Penalty = Penalty.Lasso(1e-3) };

    private static Dataset<float> Data()
    {
        float[] x = Generators.Uniform<float>(256 * 128, 3);
        var labels = new int[256];
        for (int i = 0; i < labels.Length; i++) labels[i] = (x[i * 128] > 0 ? 1 : 0) + (x[i * 128 + 1] > 0 ? 2 : 0);
        return Dataset<float>.Classification(x, 128, labels);
    }

    private static float[] Train(ulong seed, Dataset<float> data)
    {
        Sequential<float> model = Model(seed);
        new Trainer<float>(model, new TrainingOptions<float> { Epochs = 3, BatchSize = 64, Seed = seed, EvaluateEachEpoch = false }).Fit(data);
        return model.AllParameters.ToArray();
    }

    [Fact]
    public void Four_models_trained_in_parallel_match_serial_training()
    {
        Dataset<float> data = Data();
        float[][] serial = [.. Enumerable.Range(0, 4).Select(s => Train((ulong)s, data))];
        var parallel = new float[4][];
        Concurrently.Run(4, id => parallel[id] = Train((ulong)id, data));
        for (int i = 0; i < 4; i++) Assert.Equal(serial[i], parallel[i]);
    }
}

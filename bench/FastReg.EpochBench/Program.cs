using System.Globalization;
using FastReg.IO;
using FastReg.Nn;
using FastReg.Nn.Training;
using FastReg.Simd;

// One process of the epoch benchmark: 784-256-10 ReLU MLP, softmax cross-entropy, Adam(1e-3), batch 128,
// reshuffled every epoch, on the data bench/epoch/make_data.py wrote. Only public API: Trainer.Fit and
// Blas.MaxThreads (the library's threading option: how many threads one GEMM may use).
//
//   dotnet bench/FastReg.EpochBench/bin/Release/net10.0/FastReg.EpochBench.dll DATA_DIR THREADS EPOCHS [label]
//
// Prints one tab-separated line per timed epoch: contestant, threads, epoch index, seconds, mean training
// objective. Epoch 0 includes JIT and first-call costs. One more epoch runs after the timed ones: the
// trainer evaluates its last epoch on the whole training set, which is not training time; its accuracy is
// printed to stderr as a check that the network learns.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: FastReg.EpochBench DATA_DIR THREADS EPOCHS [label]");
    return 2;
}
string dir = args[0];
int threads = int.Parse(args[1], CultureInfo.InvariantCulture);
int epochs = int.Parse(args[2], CultureInfo.InvariantCulture);
string label = args.Length > 3 ? args[3] : "fastreg";

NpyArray xs = Npy.Read(Path.Combine(dir, "x.npy"));
NpyArray ys = Npy.Read(Path.Combine(dir, "y.npy"));
int rows = xs.Shape[0], features = xs.Shape[1];
var x = new float[xs.Data.Length];
for (int i = 0; i < x.Length; i++) x[i] = (float)xs.Data[i];
var labels = new int[rows];
for (int i = 0; i < rows; i++) labels[i] = (int)ys.Data[i];
Dataset<float> data = Dataset<float>.Classification(x, features, labels);

Blas.MaxThreads = threads;
const int Batch = 128;
var model = new Sequential<float>(features, Batch, LossKind.SoftmaxCrossEntropy,
    [new Dense(256), new Activation(ActivationKind.Relu), new Dense(10)], seed: 1)
{
    Optimizer = new Adam(lr: 1e-3),
};
var trainer = new Trainer<float>(model, new TrainingOptions<float>
{
    Epochs = epochs + 1,
    BatchSize = Batch,
    Shuffle = true,
    Seed = 1,
    EvaluateEachEpoch = false,
    Observer = m =>
    {
        if (m.Epoch < epochs)
            Console.WriteLine(FormattableString.Invariant(
                $"{label}\t{threads}\t{m.Epoch}\t{m.Elapsed.TotalSeconds:F4}\t{m.TrainObjective:F4}"));
    },
});
TrainingResult result = trainer.Fit(data);
Console.Error.WriteLine(FormattableString.Invariant(
    $"{label} {threads}T: path {Isa.Active}, after {epochs + 1} epochs train loss {result.Last.TrainLoss:F4}, accuracy {result.Last.TrainAccuracy:F4}"));
return 0;

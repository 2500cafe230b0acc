using System.Diagnostics;
using FastReg.Nn;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;

namespace FastReg.Bench.Selection;

/// <summary>
/// Issue target: 5-fold × 9-λ cross-validation of the 64-128-10 MLP on 1,400 digits rows,
/// 30 epochs each, on one thread and on all cores. Run:
/// <c>dotnet run -c Release --project bench/FastReg.Bench -- cv-digits</c>.
/// </summary>
public static class CrossValidationBenchmark
{
    public static readonly double[] Lambdas = [0, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];

    public static void Run(TextWriter o)
    {
        Dataset<float> data = DigitsData.Load(rows: 1400, seed: 0);
        o.WriteLine($"cross-validation: {data.Count} digits rows, 64-128-10 ReLU MLP, SGD(lr 0.05, momentum 0.9), batch 32, 30 epochs, L2 λ x {Lambdas.Length}, 5 folds");
        // Warm-up: JIT every path once on a tiny search.
        Search(1, epochs: 1).CrossValidate(data.Subset([.. Enumerable.Range(0, 200)]), [0, 1], k: 2);

        var timings = new List<(int Threads, double Seconds, CrossValidationResult Result)>();
        foreach (int threads in new[] { 1, Environment.ProcessorCount })
        {
            var sw = Stopwatch.StartNew();
            CrossValidationResult cv = Search(threads, epochs: 30).CrossValidate(data, Lambdas, k: 5);
            timings.Add((threads, sw.Elapsed.TotalSeconds, cv));
            o.WriteLine($"  {threads} thread(s): {sw.Elapsed.TotalSeconds:F2} s");
        }
        CrossValidationResult r = timings[^1].Result;
        o.WriteLine($"  speedup {timings[0].Seconds / timings[^1].Seconds:F2}x on {Environment.ProcessorCount} cores; results identical: {Same(timings[0].Result, r)}");
        o.WriteLine("  λ        mean train   mean valid   std err");
        for (int i = 0; i < r.Lambdas.Length; i++)
            o.WriteLine($"  {r.Lambdas[i],-8} {r.MeanTrain[i],10:F4}   {r.MeanValidation[i],10:F4}   {r.StandardError[i],8:F4}{(i == r.BestIndex ? "  best" : "")}{(i == r.OneStandardErrorIndex ? "  one-SE" : "")}");
    }

    private static LambdaSearch<float> Search(int threads, int epochs) =>
        new(() => new Sequential<float>(64, 32, LossKind.SoftmaxCrossEntropy,
                [new Dense(128), new Activation(ActivationKind.Relu), new Dense(10)], seed: 1)
            { Optimizer = new Sgd(0.05, momentum: 0.9) },
            (m, l) => m.Penalty = Penalty.Ridge(l),
            new TrainingOptions<float> { Epochs = epochs, BatchSize = 32, Seed = 0 })
        { MaxDegreeOfParallelism = threads };

    private static bool Same(CrossValidationResult a, CrossValidationResult b) =>
        a.MeanValidation.AsSpan().SequenceEqual(b.MeanValidation) && a.MeanTrain.AsSpan().SequenceEqual(b.MeanTrain);
}

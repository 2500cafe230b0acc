using System.Diagnostics;
using FastReg.Nn;
using FastReg.Simd;

namespace FastReg.HostBench;

/// <summary>
/// The measured cases. Each runs in a fresh process, so "after N calls" counts every call since the
/// process started (what an app's first seconds see). At each checkpoint N the next Window samples (one call,
/// or ten for sub-microsecond calls) are timed and their median is printed (and counted towards the following checkpoint).
/// </summary>
internal static class Cases
{
    public static readonly long[] Checkpoints = [300, 1_000, 20_000, 100_000];
    private const int Window = 200;
    private const int Input = 64, Hidden = 128, Classes = 10, Batch = 32;

    public static void RunChild(string name, TextWriter o)
    {
        // Calls per timed sample: sub-microsecond calls are timed in tens, so the clock's cost stays small.
        (Func<float> call, int reps) = name switch
        {
            "train" => (Train(), 1),
            "infer" => (Infer(), 10),
            "gemm16" => (Gemm(16), 10),
            "gemm64" => (Gemm(64), 1),
            _ => throw new ArgumentException($"unknown case '{name}'", nameof(name)),
        };
        float sink = 0;
        long calls = 0;
        var times = new double[Window];
        foreach (long checkpoint in Checkpoints)
        {
            for (; calls < checkpoint; calls++) sink += call();
            for (int i = 0; i < Window; i++, calls += reps)
            {
                long t0 = Stopwatch.GetTimestamp();
                for (int r = 0; r < reps; r++) sink += call();
                times[i] = (Stopwatch.GetTimestamp() - t0) * 1e6 / Stopwatch.Frequency / reps;
            }
            Array.Sort(times);
            o.WriteLine(FormattableString.Invariant($"{checkpoint}\t{times[Window / 2]:F3}"));
        }
        GC.KeepAlive(sink);
    }

    /// <summary>MLP 64-128-10, batch 32, softmax cross-entropy, SGD(0.01, momentum 0.9, weight decay 1e-4).</summary>
    private static Sequential<float> Model() =>
        new(Input, Batch, LossKind.SoftmaxCrossEntropy,
            [new Dense(Hidden), new Activation(ActivationKind.Relu), new Dense(Classes)], seed: 1)
        {
            Optimizer = new Sgd(lr: 0.01, momentum: 0.9, weightDecay: 1e-4),
        };

    private static float[] Uniform(int n, Random rng)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }

    private static Func<float> Train()
    {
        Sequential<float> model = Model();
        var rng = new Random(1);
        float[] x = Uniform(Batch * Input, rng);
        var labels = new int[Batch];
        for (int i = 0; i < Batch; i++) labels[i] = rng.Next(Classes);
        return () => model.TrainStep(x, labels, Batch);
    }

    private static Func<float> Infer()
    {
        Sequential<float> model = Model();
        float[] one = Uniform(Input, new Random(1));
        var y = new float[Classes];
        return () =>
        {
            model.Predict(one, y, 1);
            return y[0];
        };
    }

    private static Func<float> Gemm(int n)
    {
        var rng = new Random(1);
        float[] a = Uniform(n * n, rng), b = Uniform(n * n, rng), c = new float[n * n];
        return () =>
        {
            Blas.Gemm(Transpose.No, Transpose.No, n, n, n, 1f, a, n, b, n, 0f, c, n);
            return c[0];
        };
    }
}

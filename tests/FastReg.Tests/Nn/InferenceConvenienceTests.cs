using FastReg.Nn;
using FastReg.Tests.Support;

namespace FastReg.Tests.Nn;

/// <summary>Issue 15 item 3: probabilities, classes, single-row and any-row predicts, and the thread-safe predictor.</summary>
public sealed class InferenceConvenienceTests
{
    private static Sequential<float> Model(LossKind loss, int outputs, int maxBatch = 8) =>
        new(5, maxBatch, loss, [new Dense(7), new Activation(ActivationKind.Relu), new Dense(outputs)], seed: 3);

    private static float[] Rows(int rows, int seed = 1)
    {
        var rng = new Random(seed);
        var x = new float[rows * 5];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 4 - 2);
        return x;
    }

    /// <summary>The reference: Predict batch by batch of one row (the workspace-sized call).</summary>
    private static float[] Logits(Sequential<float> model, float[] x)
    {
        int rows = x.Length / model.InputSize, k = model.OutputSize;
        var y = new float[rows * k];
        for (int r = 0; r < rows; r++) model.Predict(x.AsSpan(r * model.InputSize, model.InputSize), y.AsSpan(r * k, k), 1);
        return y;
    }

    [Fact]
    public void Any_number_of_rows_runs_through_the_workspace_bit_identically()
    {
        Sequential<float> model = Model(LossKind.MeanSquaredError, 2);
        float[] x = Rows(29); // 3 full chunks of 8 and one of 5
        float[] expected = Logits(model, x);
        var y = new float[29 * 2];
        model.Predict(x, y);
        Assert.Equal(expected, y);
        var fromSession = new float[29 * 2];
        model.CreateInferenceSession(3).Predict(x, fromSession);
        Assert.Equal(expected, fromSession);
        model.Predict(ReadOnlySpan<float>.Empty, Span<float>.Empty); // zero rows: nothing to do
        Assert.Contains("whole number of rows", Assert.Throws<ArgumentException>(() => model.Predict(x.AsSpan(1), y)).Message, StringComparison.Ordinal);
        Assert.Contains("58 are needed", Assert.Throws<ArgumentException>(() => model.Predict(x, y.AsSpan(1))).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => model.PredictClasses(x, new int[29]));
        Assert.Throws<InvalidOperationException>(() => model.PredictProbabilities(x, y));
    }

    [Fact]
    public void Softmax_probabilities_and_argmax_classes_match_the_logits()
    {
        Sequential<float> model = Model(LossKind.SoftmaxCrossEntropy, 3);
        float[] x = Rows(21, seed: 2);
        float[] logits = Logits(model, x);
        var p = new float[21 * 3];
        var classes = new int[21];
        model.PredictProbabilities(x, p);
        model.PredictClasses(x, classes);
        var session = model.CreateInferenceSession(4);
        var sessionP = new float[21 * 3];
        var sessionClasses = new int[21];
        session.PredictProbabilities(x, sessionP);
        session.PredictClasses(x, sessionClasses);
        Assert.Equal(p, sessionP);
        Assert.Equal(classes, sessionClasses);
        for (int r = 0; r < 21; r++)
        {
            double max = Math.Max(logits[3 * r], Math.Max(logits[3 * r + 1], logits[3 * r + 2])), sum = 0;
            for (int j = 0; j < 3; j++) sum += Math.Exp(logits[3 * r + j] - max);
            for (int j = 0; j < 3; j++) Assert.Equal(Math.Exp(logits[3 * r + j] - max) / sum, p[3 * r + j], 5);
            int argmax = logits[3 * r] >= logits[3 * r + 1] ? (logits[3 * r] >= logits[3 * r + 2] ? 0 : 2) : (logits[3 * r + 1] >= logits[3 * r + 2] ? 1 : 2);
            Assert.Equal(argmax, classes[r]);
            Assert.Equal(argmax, model.PredictClass(x.AsSpan(5 * r, 5)));
            Assert.Equal(argmax, session.PredictClass(x.AsSpan(5 * r, 5)));
        }
        Assert.True(classes.Distinct().Count() > 1, "the test needs rows of more than one class");
        Assert.Contains("InputSize is 5", Assert.Throws<ArgumentException>(() => model.PredictClass(x.AsSpan(0, 4))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sigmoid_probabilities_and_thresholded_classes_for_binary_cross_entropy()
    {
        Sequential<float> model = Model(LossKind.BinaryCrossEntropyWithLogits, 1);
        float[] x = Rows(40, seed: 5);
        float[] logits = Logits(model, x);
        var p = new float[40];
        var classes = new int[40];
        model.PredictProbabilities(x, p);
        model.PredictClasses(x, classes);
        for (int r = 0; r < 40; r++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-logits[r])), p[r], 5);
            Assert.Equal(logits[r] > 0 ? 1 : 0, classes[r]);
        }
        Assert.True(classes.Distinct().Count() == 2, "the test needs rows of both classes");
    }

    [Fact]
    public void Conveniences_allocate_nothing_when_the_caller_gives_the_output()
    {
        Sequential<float> model = Model(LossKind.SoftmaxCrossEntropy, 3);
        var predictor = new ModelPredictor<float>(model, maxBatch: 4, poolSize: 2);
        float[] x = Rows(19);
        var y = new float[19 * 3];
        var classes = new int[19];
        long allocated = DedicatedThread.Run(() =>
        {
            var session = model.CreateInferenceSession(4);
            void All()
            {
                model.Predict(x, y); model.PredictProbabilities(x, y); model.PredictClasses(x, classes); model.PredictClass(x.AsSpan(0, 5));
                session.Predict(x, y); session.PredictProbabilities(x, y); session.PredictClasses(x, classes); session.PredictClass(x.AsSpan(0, 5));
                predictor.Predict(x, y); predictor.PredictProbabilities(x, y); predictor.PredictClasses(x, classes); predictor.PredictClass(x.AsSpan(0, 5));
            }
            All(); // warms the predictor's pool
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++) All();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_predictor_serves_many_threads_bit_identically_to_predict()
    {
        Sequential<float> model = Model(LossKind.SoftmaxCrossEntropy, 3, maxBatch: 64);
        float[] x = Rows(200, seed: 9);
        var expected = new float[200 * 3];
        model.Predict(x, expected);
        var expectedClasses = new int[200];
        model.PredictClasses(x, expectedClasses);
        var predictor = new ModelPredictor<float>(model, maxBatch: 16, poolSize: 3);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = new Thread[12];
        using var start = new ManualResetEventSlim();
        for (int t = 0; t < threads.Length; t++)
        {
            int id = t;
            threads[t] = new Thread(() =>
            {
                var y = new float[200 * 3];
                var classes = new int[200];
                start.Wait();
                for (int round = 0; round < 30; round++)
                {
                    int rows = 1 + (id * 31 + round * 17) % 200; // every thread its own row counts
                    Array.Clear(y);
                    predictor.Predict(x.AsSpan(0, rows * 5), y);
                    if (!y.AsSpan(0, rows * 3).SequenceEqual(expected.AsSpan(0, rows * 3))) failures.Add($"thread {id} round {round}: outputs differ");
                    predictor.PredictClasses(x.AsSpan(0, rows * 5), classes);
                    if (!classes.AsSpan(0, rows).SequenceEqual(expectedClasses.AsSpan(0, rows))) failures.Add($"thread {id} round {round}: classes differ");
                }
            });
            threads[t].Start();
        }
        start.Set();
        foreach (Thread thread in threads) thread.Join();
        Assert.Empty(failures);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelPredictor<float>(model, poolSize: 0));
    }
}

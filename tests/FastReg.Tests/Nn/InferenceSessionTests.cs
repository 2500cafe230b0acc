using System.Numerics;
using FastReg.Nn;
using FastReg.Tests.Support;

namespace FastReg.Tests.Nn;

/// <summary>Inference sessions: many threads over one model's weights, bit-identical to the model's own Predict.</summary>
public class InferenceSessionTests
{
    /// <summary>Every layer kind, with dropout and a gate (which must be off and deterministic at inference).</summary>
    internal static Sequential<T> Model<T>(int maxBatch = 16, int hidden = 48) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(12, maxBatch, LossKind.SoftmaxCrossEntropy,
            [new Dense(hidden), new Activation(ActivationKind.Relu), new Dropout(0.3), new HardConcreteGate(0.01) { InitialDropRate = 0.3 },
             new Dense(hidden / 2), new Activation(ActivationKind.Tanh), new Dense(5)], seed: 3)
        { Optimizer = new Sgd(0.05, momentum: 0.9), Step = 17 };

    private static T[] Predictions<T>(Sequential<T> model, T[] x, int rows, int batch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new T[rows * model.OutputSize];
        for (int r = 0; r < rows; r += batch)
        {
            int b = Math.Min(batch, rows - r);
            model.Predict(x.AsSpan(r * model.InputSize, b * model.InputSize), y.AsSpan(r * model.OutputSize, b * model.OutputSize), b);
        }
        return y;
    }

    [Fact]
    public void A_session_predicts_exactly_what_the_model_predicts_for_every_batch_size()
    {
        Check<float>();
        Check<double>();

        // Same batch on both sides: a batch's rows share products, so a row's value may depend on
        // the batch it is in (one row takes the GEMV path), never on whose workspace runs it.
        static void Check<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            Sequential<T> model = Model<T>(maxBatch: 40);
            // A session's maxBatch is its own: larger than the model's works too.
            InferenceSession<T> session = model.CreateInferenceSession(64);
            T[] x = Generators.Uniform<T>(40 * model.InputSize, 5, scale: 2);
            for (int batch = 1; batch <= 40; batch += batch < 17 ? 1 : 11)
            {
                var got = new T[batch * model.OutputSize];
                session.Predict(x.AsSpan(0, batch * model.InputSize), got, batch);
                Assert.Equal(Predictions(model, x, batch, batch), got);
            }
        }
    }

    [Fact]
    public void A_session_reads_the_current_weights_rather_than_a_copy()
    {
        Sequential<float> model = Model<float>();
        InferenceSession<float> session = model.CreateInferenceSession(8);
        float[] x = Generators.Uniform<float>(8 * model.InputSize, 6);
        var before = new float[8 * model.OutputSize];
        session.Predict(x, before, 8);
        for (int i = 0; i < 3; i++) model.TrainStep(x, [0, 1, 2, 3, 4, 0, 1, 2], 8);
        var after = new float[before.Length];
        session.Predict(x, after, 8);
        Assert.NotEqual(before, after);
        Assert.Equal(Predictions(model, x, 8, 8), after);
    }

    [Fact]
    public void Eight_threads_with_a_session_each_match_the_serial_predictions_bit_for_bit()
    {
        Sequential<float> model = Model<float>(maxBatch: 64, hidden: 160); // 64×160×12 products: large enough for the GEMM's workers
        const int rows = 512, threads = 8, rounds = 40;
        float[] x = Generators.Uniform<float>(rows * model.InputSize, 7, scale: 2);
        int[] batches = [1, 3, 16, 64, 29];
        (int Batch, int Start) Job(int id, int round)
        {
            int batch = batches[(id + round) % batches.Length];
            return (batch, (id * 37 + round * 61) % (rows - batch + 1));
        }
        // The serial answers first, each with the same batch as its concurrent twin.
        var serial = new float[threads, rounds][];
        for (int id = 0; id < threads; id++)
            for (int round = 0; round < rounds; round++)
            {
                var (batch, start) = Job(id, round);
                serial[id, round] = Predictions(model, x.AsSpan(start * model.InputSize, batch * model.InputSize).ToArray(), batch, batch);
            }

        Concurrently.Run(threads, id =>
        {
            InferenceSession<float> session = model.CreateInferenceSession(64);
            var y = new float[64 * model.OutputSize];
            for (int round = 0; round < rounds; round++)
            {
                var (batch, start) = Job(id, round);
                Span<float> got = y.AsSpan(0, batch * model.OutputSize);
                session.Predict(x.AsSpan(start * model.InputSize, batch * model.InputSize), got, batch);
                Assert.True(got.SequenceEqual(serial[id, round]),
                    $"thread {id}, round {round}: batch {batch} at row {start} differs from the serial prediction");
            }
        });
    }

    [Fact]
    public void Session_predictions_allocate_nothing_after_the_first_call()
    {
        Sequential<float> model = Model<float>();
        InferenceSession<float> session = model.CreateInferenceSession(16);
        float[] x = Generators.Uniform<float>(16 * model.InputSize, 8);
        var y = new float[16 * model.OutputSize];
        long allocated = DedicatedThread.Run(() => // see DedicatedThread for why not a pool thread
        {
            session.Predict(x, y, 16);
            session.Predict(x.AsSpan(0, model.InputSize), y.AsSpan(0, model.OutputSize), 1);
            return Allocation.Least(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 200; i++)
                {
                    session.Predict(x, y, 16);
                    session.Predict(x.AsSpan(0, model.InputSize), y.AsSpan(0, model.OutputSize), 1);
                }
                return GC.GetAllocatedBytesForCurrentThread() - before;
            });
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_one_layer_model_needs_no_session_buffers_and_still_predicts()
    {
        var model = new Sequential<double>(3, 2, LossKind.MeanSquaredError, [new Dense(2)], seed: 1);
        double[] x = [1, 2, 3, -1, 0.5, 4];
        var want = new double[4];
        var got = new double[4];
        model.Predict(x, want, 2);
        model.CreateInferenceSession(2).Predict(x, got, 2);
        Assert.Equal(want, got);
    }
}

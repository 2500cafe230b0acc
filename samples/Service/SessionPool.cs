using System.Collections.Concurrent;
using FastReg.Nn;

namespace FastReg.Samples;

/// <summary>
/// Inference sessions over one model for concurrent requests: a request rents a
/// <see cref="Worker"/> (a session and its scaling and output buffers), predicts, and returns it.
/// A model refuses overlapping calls, so each concurrent request needs its own session; the pool
/// keeps at most as many as requests ever overlapped, created on demand.
/// </summary>
public sealed class SessionPool
{
    private readonly ConcurrentBag<Worker> _idle = [];

    public SessionPool(SavedModel model, int maxBatch = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        Model = model;
        MaxBatch = maxBatch;
    }

    public SavedModel Model { get; }

    /// <summary>Rows one session predicts at once; longer requests go through in chunks.</summary>
    public int MaxBatch { get; }

    /// <summary>
    /// Outputs [rows, OutputSize] for <paramref name="x"/> [rows, InputSize], chunked by <see cref="MaxBatch"/>.
    /// </summary>
    public void Predict(ReadOnlySpan<double> x, Span<double> outputs, int rows)
    {
        int inputs = Model.Network.InputSize, width = Model.Network.OutputSize;
        Worker worker = _idle.TryTake(out Worker? w) ? w : new Worker(Model.Network, MaxBatch);
        try
        {
            for (int start = 0; start < rows; start += MaxBatch)
            {
                int batch = Math.Min(MaxBatch, rows - start);
                Model.Predict(worker.Session, x.Slice(start * inputs, batch * inputs), worker.Scaled, outputs.Slice(start * width, batch * width), batch);
            }
        }
        finally
        {
            _idle.Add(worker);
        }
    }

    private sealed class Worker(Sequential<double> network, int maxBatch)
    {
        public InferenceSession<double> Session { get; } = network.CreateInferenceSession(maxBatch);

        public double[] Scaled { get; } = new double[maxBatch * network.InputSize];
    }
}

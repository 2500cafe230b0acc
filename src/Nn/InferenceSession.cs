using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>
/// Inference over a <see cref="Sequential{T}"/>'s parameters with a workspace of its own, so that
/// many threads can predict from one model at once: one session per thread. A session owns only two
/// activation buffers of [MaxBatch, widest hidden layer]; it reads the model's parameters at every
/// call (a session sees the current weights, nothing is copied) and runs exactly the forward pass of
/// <see cref="Sequential{T}.Predict(ReadOnlySpan{T}, Span{T}, int)"/>, so results are bit-identical to it.
/// <para>
/// Thread safety: each session is single-threaded (overlapping calls throw
/// <see cref="InvalidOperationException"/>); different sessions over one model may run concurrently
/// with each other and with the model's own <see cref="Sequential{T}.Predict(ReadOnlySpan{T}, Span{T}, int)"/>, but not while the
/// model's parameters change (training steps, optimizer updates, writes through GetParameter).
/// </para>
/// Holding only managed arrays, a session needs no disposal: drop it when done.
/// </summary>
/// <typeparam name="T">float or double, the model's type.</typeparam>
public sealed class InferenceSession<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string BusyMessage =
        "This InferenceSession is being used by another thread; a session is single-threaded — create one session per thread with CreateInferenceSession.";

    private readonly T[][] _buffers; // two alternating [maxBatch · hidden width] buffers (one for a two-layer model, none for one layer)
    private readonly T[] _logits;    // [maxBatch · OutputSize]: the logits PredictClasses reduces
    private SingleOwnerGuard _guard;

    /// <summary>The single-owner check; tests hold it from another thread to stand for an overlapping call.</summary>
    internal ref SingleOwnerGuard OwnerGuard => ref _guard;

    internal InferenceSession(Sequential<T> model, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        int width = model.HiddenWidth;
        if ((long)maxBatch * width > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, "maxBatch × layer width exceeds the largest array .NET can allocate; use a smaller maxBatch.");
        Model = model;
        MaxBatch = maxBatch;
        _buffers = new T[Math.Min(2, model.Layers.Count - 1)][];
        for (int i = 0; i < _buffers.Length; i++) _buffers[i] = new T[maxBatch * width];
        _logits = new T[(long)maxBatch * model.OutputSize <= Array.MaxLength ? maxBatch * model.OutputSize
            : throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, "maxBatch × OutputSize exceeds the largest array .NET can allocate; use a smaller maxBatch.")];
    }

    /// <summary>The model whose parameters the session reads.</summary>
    public Sequential<T> Model { get; }

    /// <summary>The largest batch the session's workspace holds.</summary>
    public int MaxBatch { get; }

    /// <summary>
    /// y [batch, OutputSize] = network(x [batch, InputSize]) in inference mode (dropout off,
    /// deterministic gates); allocation-free. Same checks and messages as <see cref="Sequential{T}.Predict(ReadOnlySpan{T}, Span{T}, int)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Predict(ReadOnlySpan<T> x, Span<T> y, int batch)
    {
        Model.CheckPrediction(x, y, batch, MaxBatch, "this InferenceSession");
        _guard.Enter(BusyMessage);
        try { Model.Infer(x, y, batch, _buffers); }
        finally { _guard.Exit(); }
    }

    /// <summary>
    /// y [rows, OutputSize] for any number of rows (x.Length / InputSize, 0 included), run
    /// <see cref="MaxBatch"/> rows at a time; one row is a single-row predict. Allocation-free, and
    /// bit-identical to <see cref="Predict(ReadOnlySpan{T}, Span{T}, int)"/> on the same rows.
    /// </summary>
    public void Predict(ReadOnlySpan<T> x, Span<T> y)
    {
        _guard.Enter(BusyMessage);
        try { Prediction.Outputs(Model, _buffers, MaxBatch, x, y, "this InferenceSession"); }
        finally { _guard.Exit(); }
    }

    /// <summary>
    /// Class probabilities [rows, OutputSize] for any number of rows: the softmax of each row's logits
    /// (softmax cross-entropy) or the sigmoid of each logit (binary cross-entropy). Allocation-free.
    /// A regression model throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public void PredictProbabilities(ReadOnlySpan<T> x, Span<T> probabilities)
    {
        Prediction.RequireClassifier(Model);
        Predict(x, probabilities);
        Prediction.ToProbabilities(Model, probabilities, Prediction.RowsOf(Model, x), Model.OutputSize);
    }

    /// <summary>
    /// The predicted class of each row, any number of rows: the argmax of the logits (softmax
    /// cross-entropy; binary cross-entropy with several outputs), or 1 when p &gt; 0.5 else 0 (binary
    /// cross-entropy with one output). Allocation-free. A regression model throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public void PredictClasses(ReadOnlySpan<T> x, Span<int> classes)
    {
        _guard.Enter(BusyMessage);
        try { Prediction.Classes(Model, _buffers, MaxBatch, _logits, x, classes, "this InferenceSession"); }
        finally { _guard.Exit(); }
    }

    /// <summary>The predicted class of one row (<paramref name="row"/> holds InputSize features), as <see cref="PredictClasses"/>.</summary>
    public int PredictClass(ReadOnlySpan<T> row)
    {
        if (row.Length != Model.InputSize)
            throw new ArgumentException($"'row' has {row.Length} elements but InputSize is {Model.InputSize}.", nameof(row));
        int c = 0;
        PredictClasses(row, new Span<int>(ref c));
        return c;
    }
}

namespace FastReg.Nn;

/// <summary>
/// A thread-safe predictor for services: a pool of <see cref="InferenceSession{T}"/>s over one model.
/// Every call borrows a session, predicts and gives it back, so any number of threads may call one
/// predictor at once (an ASP.NET Core app registers it as a singleton). Results are bit-identical to
/// the model's <see cref="Sequential{T}.Predict(ReadOnlySpan{T}, Span{T}, int)"/>.
/// <para>
/// The pool starts empty and grows to as many sessions as calls ever overlap; sessions beyond
/// <see cref="PoolSize"/> are dropped on return. Once the pool is warm, calls allocate nothing.
/// As with sessions, the model's parameters must not change (training, writes through
/// GetParameter) while predictions run.
/// </para>
/// </summary>
/// <typeparam name="T">float or double, the model's type.</typeparam>
public sealed class ModelPredictor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly InferenceSession<T>?[] _idle;
    private readonly Lock _lock = new();
    private int _count; // idle sessions in _idle[..count]

    /// <summary>Creates the predictor.</summary>
    /// <param name="model">The model to predict with.</param>
    /// <param name="maxBatch">Rows each session runs at a time (calls take any number of rows); 64 by default.</param>
    /// <param name="poolSize">Idle sessions kept; by default the number of processors.</param>
    public ModelPredictor(Sequential<T> model, int maxBatch = 64, int? poolSize = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        int size = poolSize ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(poolSize));
        Model = model;
        MaxBatch = maxBatch;
        _idle = new InferenceSession<T>?[size];
    }

    /// <summary>The model whose parameters the sessions read.</summary>
    public Sequential<T> Model { get; }

    /// <summary>Rows each session runs at a time.</summary>
    public int MaxBatch { get; }

    /// <summary>The most idle sessions kept.</summary>
    public int PoolSize => _idle.Length;

    /// <summary>Outputs [rows, OutputSize] for any number of rows, as <see cref="InferenceSession{T}.Predict(ReadOnlySpan{T}, Span{T})"/>.</summary>
    public void Predict(ReadOnlySpan<T> x, Span<T> y)
    {
        InferenceSession<T> session = Rent();
        try { session.Predict(x, y); }
        finally { Return(session); }
    }

    /// <summary>Class probabilities [rows, OutputSize], as <see cref="InferenceSession{T}.PredictProbabilities"/>.</summary>
    public void PredictProbabilities(ReadOnlySpan<T> x, Span<T> probabilities)
    {
        InferenceSession<T> session = Rent();
        try { session.PredictProbabilities(x, probabilities); }
        finally { Return(session); }
    }

    /// <summary>The predicted class of each row, as <see cref="InferenceSession{T}.PredictClasses"/>.</summary>
    public void PredictClasses(ReadOnlySpan<T> x, Span<int> classes)
    {
        InferenceSession<T> session = Rent();
        try { session.PredictClasses(x, classes); }
        finally { Return(session); }
    }

    /// <summary>The predicted class of one row, as <see cref="InferenceSession{T}.PredictClass"/>.</summary>
    public int PredictClass(ReadOnlySpan<T> row)
    {
        InferenceSession<T> session = Rent();
        try { return session.PredictClass(row); }
        finally { Return(session); }
    }

    private InferenceSession<T> Rent()
    {
        lock (_lock)
        {
            if (_count > 0)
            {
                InferenceSession<T> s = _idle[--_count]!;
                _idle[_count] = null;
                return s;
            }
        }
        // Built outside the lock: other callers need not wait for a new session's buffers.
        return Model.CreateInferenceSession(MaxBatch);
    }

    private void Return(InferenceSession<T> session)
    {
        lock (_lock)
        {
            if (_count < _idle.Length) _idle[_count++] = session;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"ModelPredictor<{typeof(T).Name}>({Model}, maxBatch {MaxBatch}, pool {PoolSize})";
}

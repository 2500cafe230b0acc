using System.Runtime.CompilerServices;

namespace FastReg.Nn;

/// <summary>Inference on the model's own workspaces (Predict, probabilities, classes) and the forward pass every <see cref="InferenceSession{T}"/> shares.</summary>
public sealed partial class Sequential<T>
{
    /// <summary>
    /// Inference: y [batch, OutputSize] = network(x) with dropout off and deterministic gates (raw logits
    /// for the cross-entropy losses). Uses the model's workspaces, so it belongs to the model's owner
    /// thread; from other threads use an <see cref="InferenceSession{T}"/>, which gives bit-identical results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Predict(ReadOnlySpan<T> x, Span<T> y, int batch)
    {
        CheckPrediction(x, y, batch, MaxBatch, "the model's workspace");
        _guard.Enter(BusyMessage);
        try { Infer(x, y, batch, _activations); }
        finally { _guard.Exit(); }
    }

    /// <summary>
    /// y [rows, OutputSize] for any number of rows (x.Length / InputSize, 0 included), run through the
    /// model's workspace <see cref="MaxBatch"/> rows at a time; one row is a single-row predict.
    /// Allocation-free; the owner thread's, like <see cref="Predict(ReadOnlySpan{T}, Span{T}, int)"/>.
    /// </summary>
    public void Predict(ReadOnlySpan<T> x, Span<T> y)
    {
        _guard.Enter(BusyMessage);
        try { Prediction.Outputs(this, _activations, MaxBatch, x, y, "the model's workspace"); }
        finally { _guard.Exit(); }
    }

    /// <summary>
    /// Class probabilities [rows, OutputSize], any number of rows: softmax of each row's logits (softmax
    /// cross-entropy) or sigmoid of each logit (binary cross-entropy). Allocation-free; a regression model
    /// throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public void PredictProbabilities(ReadOnlySpan<T> x, Span<T> probabilities)
    {
        Prediction.RequireClassifier(this);
        Predict(x, probabilities);
        Prediction.ToProbabilities(this, probabilities, Prediction.RowsOf(this, x), OutputSize);
    }

    /// <summary>
    /// The predicted class of each row, any number of rows: argmax of the logits (softmax cross-entropy;
    /// binary cross-entropy with several outputs), or 1 when p &gt; 0.5 else 0 (binary cross-entropy
    /// with one output). Allocation-free; a regression model throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public void PredictClasses(ReadOnlySpan<T> x, Span<int> classes)
    {
        _guard.Enter(BusyMessage);
        // The last layer's activation buffer is free in inference (Infer writes the last layer into its y).
        try { Prediction.Classes(this, _activations, MaxBatch, _activations[^1], x, classes, "the model's workspace"); }
        finally { _guard.Exit(); }
    }

    /// <summary>The predicted class of one row (InputSize features), as <see cref="PredictClasses"/>.</summary>
    public int PredictClass(ReadOnlySpan<T> row)
    {
        if (row.Length != InputSize)
            throw new ArgumentException($"'row' has {row.Length} elements but InputSize is {InputSize}.", nameof(row));
        int c = 0;
        PredictClasses(row, new Span<int>(ref c));
        return c;
    }

    /// <summary>
    /// A workspace for inference over this model's parameters, for batches of up to
    /// <paramref name="maxBatch"/> rows (independent of the model's own <see cref="MaxBatch"/>).
    /// Create one per thread: sessions predict concurrently with each other, bit-identically to
    /// <see cref="Predict(ReadOnlySpan{T}, Span{T}, int)"/>, as long as the parameters do not change meanwhile.
    /// </summary>
    /// <param name="maxBatch">The largest batch the session's <see cref="InferenceSession{T}.Predict(ReadOnlySpan{T}, Span{T}, int)"/> will take.</param>
    public InferenceSession<T> CreateInferenceSession(int maxBatch) => new(this, maxBatch);

    /// <summary>
    /// The inference forward pass that <see cref="Predict(ReadOnlySpan{T}, Span{T}, int)"/> and every <see cref="InferenceSession{T}"/>
    /// share. Layer i (all but the last) writes buffers[i % buffers.Length]: the model passes one buffer
    /// per layer, a session two that alternate. In inference mode layers read only x and the parameters
    /// and write only y, so passes over different buffers may run at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Infer(ReadOnlySpan<T> x, Span<T> y, int batch, T[][] buffers)
    {
        var mode = new PassMode(false, Seed, Step);
        Layer<T>[] layers = _layers;
        ReadOnlySpan<T> input = x;
        int last = layers.Length - 1;
        for (int i = 0; i < last; i++)
        {
            Span<T> output = buffers[i % buffers.Length].AsSpan(0, batch * layers[i].OutputSize);
            layers[i].Forward(input, output, batch, mode);
            input = output;
        }
        layers[last].Forward(input, y[..(batch * OutputSize)], batch, mode);
    }

    /// <summary>The widest output of any layer but the last (the session's buffer width); 0 for one layer.</summary>
    internal int HiddenWidth
    {
        get
        {
            int width = 0;
            for (int i = 0; i < _layers.Length - 1; i++) width = Math.Max(width, _layers[i].OutputSize);
            return width;
        }
    }

    /// <summary>Checks an inference call: batch within [1, maxBatch], x exactly [batch, InputSize], y at least [batch, OutputSize] and apart from x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void CheckPrediction(ReadOnlySpan<T> x, Span<T> y, int batch, int maxBatch, string workspace)
    {
        CheckBatch(x, batch, maxBatch, workspace);
        int needed = batch * OutputSize;
        if (y.Length < needed)
            throw new ArgumentException($"'y' has {y.Length} elements but batch × OutputSize = {batch} × {OutputSize} = {needed} are needed.", nameof(y));
        // Layers write y while later rows of x may still be unread: in place cannot work.
        if (x.Overlaps(y[..needed]))
            throw new ArgumentException("'y' overlaps 'x'; inference cannot run in place, pass separate buffers.", nameof(y));
    }
}

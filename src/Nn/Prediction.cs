using System.Runtime.CompilerServices;

namespace FastReg.Nn;

/// <summary>
/// The inference conveniences that <see cref="Sequential{T}"/>, <see cref="InferenceSession{T}"/> and
/// <see cref="ModelPredictor{T}"/> share: any number of rows pushed through a workspace of
/// <c>chunk</c> rows at a time, class probabilities and predicted classes. The caller holds the
/// workspace's single-owner guard for the whole call; nothing here allocates.
/// </summary>
internal static class Prediction
{
    /// <summary>Rows in x: its length must be a whole number of InputSize-wide rows.</summary>
    public static int RowsOf<T>(Sequential<T> model, ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length % model.InputSize != 0)
            throw new ArgumentException($"'x' has {x.Length} elements, not a whole number of rows of InputSize {model.InputSize}.", nameof(x));
        return x.Length / model.InputSize;
    }

    /// <summary>Checks an output span of <paramref name="perRow"/> entries per row against <paramref name="rows"/>.</summary>
    public static void CheckOutput(int rows, int perRow, int length, string name)
    {
        long needed = (long)rows * perRow;
        if (length < needed)
            throw new ArgumentException($"'{name}' has {length} elements but {rows} rows × {perRow} = {needed} are needed.", name);
    }

    /// <summary>y [rows, OutputSize] = network(x [rows, InputSize]), <paramref name="chunk"/> rows at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Outputs<T>(Sequential<T> model, T[][] buffers, int chunk, ReadOnlySpan<T> x, Span<T> y, string workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = RowsOf(model, x), n = model.InputSize, k = model.OutputSize;
        CheckOutput(rows, k, y.Length, nameof(y));
        for (int r = 0; r < rows; r += chunk)
        {
            int b = Math.Min(chunk, rows - r);
            ReadOnlySpan<T> xs = x.Slice(r * n, b * n);
            Span<T> ys = y.Slice(r * k, b * k);
            model.CheckPrediction(xs, ys, b, chunk, workspace);
            model.Infer(xs, ys, b, buffers);
        }
    }

    /// <summary>Turns logits [rows, k] into probabilities in place: softmax per row (ce), sigmoid per entry (bce).</summary>
    public static void ToProbabilities<T>(LossKind loss, Span<T> y, int rows, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows == 0) return;
        Span<T> z = y[..(rows * k)];
        switch (loss)
        {
            case LossKind.SoftmaxCrossEntropy: NnKernels.Softmax<T>(z, z, rows, k); break;
            case LossKind.BinaryCrossEntropyWithLogits: NnKernels.Sigmoid<T>(z, z); break;
            default: RequireClassifier(loss); throw new InvalidOperationException($"No probabilities for loss {loss}.");
        }
    }

    /// <summary>Refuses probabilities and classes for a regression model.</summary>
    public static void RequireClassifier(LossKind loss)
    {
        switch (loss)
        {
            case LossKind.SoftmaxCrossEntropy or LossKind.BinaryCrossEntropyWithLogits: return;
            case LossKind.MeanSquaredError:
                throw new InvalidOperationException("A regression model (MeanSquaredError) has no class probabilities or classes; use Predict for its outputs.");
            default: throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss.");
        }
    }

    /// <summary>
    /// The predicted class of one row of logits: the argmax for ce; for bce with one output 1 when
    /// p &gt; 0.5 (logit &gt; 0) else 0, with several outputs the most probable label (argmax).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ClassOf<T>(LossKind loss, ReadOnlySpan<T> logits) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (loss == LossKind.BinaryCrossEntropyWithLogits && logits.Length == 1) return logits[0] > T.Zero ? 1 : 0;
        int best = 0;
        for (int j = 1; j < logits.Length; j++) if (logits[j] > logits[best]) best = j;
        return best;
    }

    /// <summary>classes [rows] of x, <paramref name="chunk"/> rows at a time through <paramref name="scratch"/> [chunk · OutputSize].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Classes<T>(Sequential<T> model, T[][] buffers, int chunk, T[] scratch, ReadOnlySpan<T> x, Span<int> classes, string workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireClassifier(model.Loss);
        int rows = RowsOf(model, x), n = model.InputSize, k = model.OutputSize;
        CheckOutput(rows, 1, classes.Length, nameof(classes));
        for (int r = 0; r < rows; r += chunk)
        {
            int b = Math.Min(chunk, rows - r);
            ReadOnlySpan<T> xs = x.Slice(r * n, b * n);
            Span<T> logits = scratch.AsSpan(0, b * k);
            model.CheckPrediction(xs, logits, b, chunk, workspace);
            model.Infer(xs, logits, b, buffers);
            for (int i = 0; i < b; i++) classes[r + i] = ClassOf<T>(model.Loss, logits.Slice(i * k, k));
        }
    }
}

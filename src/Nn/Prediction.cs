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

    /// <summary>Turns logits [rows, k] into probabilities in place, as the model's loss reads them (softmax per row for ce, sigmoid per entry for bce).</summary>
    public static void ToProbabilities<T>(Sequential<T> model, Span<T> y, int rows, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows == 0) return;
        model.DataLoss.ToProbabilities(y[..(rows * k)], rows, k);
    }

    /// <summary>Refuses probabilities and classes for a regression model.</summary>
    public static void RequireClassifier<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!model.DataLoss.IsClassifier)
            throw new InvalidOperationException($"A regression model ({model.Loss}) has no class probabilities or classes; use Predict for its outputs.");
    }

    /// <summary>classes [rows] of x, <paramref name="chunk"/> rows at a time through <paramref name="scratch"/> [chunk · OutputSize].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Classes<T>(Sequential<T> model, T[][] buffers, int chunk, T[] scratch, ReadOnlySpan<T> x, Span<int> classes, string workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireClassifier(model);
        int rows = RowsOf(model, x), n = model.InputSize, k = model.OutputSize;
        CheckOutput(rows, 1, classes.Length, nameof(classes));
        for (int r = 0; r < rows; r += chunk)
        {
            int b = Math.Min(chunk, rows - r);
            ReadOnlySpan<T> xs = x.Slice(r * n, b * n);
            Span<T> logits = scratch.AsSpan(0, b * k);
            model.CheckPrediction(xs, logits, b, chunk, workspace);
            model.Infer(xs, logits, b, buffers);
            model.DataLoss.Classes(logits, b, k, classes.Slice(r, b));
        }
    }
}

using System.Numerics;

namespace FastReg.Simd.Reference;

/// <summary>
/// Plain scalar references for <see cref="Activations"/>: the oracle the tests hold every path
/// against. Inputs of any precision are widened to double and evaluated with Math.Exp /
/// Math.Tanh / Math.Log; results are returned in double, unrounded to T.
/// </summary>
public static class ActivationsReference
{
    private static double D<T>(T v) where T : IFloatingPointIeee754<T> => double.CreateTruncating(v);

    /// <summary>y = max(x, 0), NaN stays NaN.</summary>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<double> y) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = D(x[i]) < 0 ? 0 : D(x[i]);
    }

    /// <summary>dx = x &gt; 0 ? dy : 0.</summary>
    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<double> dx) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) dx[i] = D(x[i]) > 0 ? D(dy[i]) : 0;
    }

    /// <summary>y = tanh(x).</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<double> y) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = Math.Tanh(D(x[i]));
    }

    /// <summary>dx = dy·(1 − y²), y the forward output; 1 − y² as (1 − y)(1 + y), which does not cancel near |y| = 1.</summary>
    public static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<double> dx) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < y.Length; i++) dx[i] = D(dy[i]) * ((1 - D(y[i])) * (1 + D(y[i])));
    }

    /// <summary>y = 1/(1 + e^−x), written as e^x/(1 + e^x) for x &lt; 0 so tiny results are not lost.</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<double> y) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = D(x[i]);
            y[i] = v >= 0 ? 1 / (1 + Math.Exp(-v)) : Math.Exp(v) / (1 + Math.Exp(v));
        }
    }

    /// <summary>dx = dy·y·(1 − y), y the forward output.</summary>
    public static void SigmoidBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<double> dx) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < y.Length; i++) dx[i] = D(dy[i]) * D(y[i]) * (1 - D(y[i]));
    }

    /// <summary>Row-wise softmax of a row-major [rows, cols] matrix, shifted by the row max.</summary>
    public static void Softmax<T>(ReadOnlySpan<T> x, Span<double> y, int rows, int cols) where T : IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < cols; j++) max = Math.Max(max, D(x[r * cols + j]));
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += Math.Exp(D(x[r * cols + j]) - max);
            for (int j = 0; j < cols; j++) y[r * cols + j] = Math.Exp(D(x[r * cols + j]) - max) / sum;
        }
    }

    /// <summary>dx = y ⊙ (dy − Σ_j dy_j·y_j) per row.</summary>
    public static void SoftmaxBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<double> dx, int rows, int cols) where T : IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            double s = 0;
            for (int j = 0; j < cols; j++) s += D(dy[r * cols + j]) * D(y[r * cols + j]);
            for (int j = 0; j < cols; j++) dx[r * cols + j] = D(y[r * cols + j]) * (D(dy[r * cols + j]) - s);
        }
    }

    /// <summary>Row-wise log-softmax: y = (x − max) − log Σ e^(x − max).</summary>
    public static void LogSoftmax<T>(ReadOnlySpan<T> x, Span<double> y, int rows, int cols) where T : IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < cols; j++) max = Math.Max(max, D(x[r * cols + j]));
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += Math.Exp(D(x[r * cols + j]) - max);
            double log = Math.Log(sum);
            for (int j = 0; j < cols; j++) y[r * cols + j] = D(x[r * cols + j]) - max - log;
        }
    }

    /// <summary>dx = dy − e^y·Σ_j dy_j per row, y the log-probabilities.</summary>
    public static void LogSoftmaxBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<double> dx, int rows, int cols) where T : IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            double s = 0;
            for (int j = 0; j < cols; j++) s += D(dy[r * cols + j]);
            for (int j = 0; j < cols; j++) dx[r * cols + j] = D(dy[r * cols + j]) - Math.Exp(D(y[r * cols + j])) * s;
        }
    }
}

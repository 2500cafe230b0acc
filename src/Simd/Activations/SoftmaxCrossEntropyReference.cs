using System.Numerics;

namespace FastReg.Simd;

/// <summary>
/// The scalar reference of <see cref="Activations.SoftmaxCrossEntropy{T}(ReadOnlySpan{T}, ReadOnlySpan{int}, Span{T}, Span{T}, int, int, T)"/>:
/// inputs widened to double, Math.Exp and Math.Log, results in double (the tests' oracle for every path).
/// </summary>
public static class SoftmaxCrossEntropyReference
{
    /// <summary>rowLoss[r] = log Σ_j e^(z_rj) − z_r,label; grad_r = scale·(softmax(z_r) − onehot(label_r)).</summary>
    public static void Compute<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<double> grad, Span<double> rowLoss, int rows, int cols, double scale)
        where T : IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            int o = r * cols;
            double m = double.NegativeInfinity;
            for (int j = 0; j < cols; j++) m = Math.Max(m, double.CreateTruncating(logits[o + j]));
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += Math.Exp(double.CreateTruncating(logits[o + j]) - m);
            for (int j = 0; j < cols; j++) grad[o + j] = scale * Math.Exp(double.CreateTruncating(logits[o + j]) - m) / sum;
            grad[o + labels[r]] -= scale;
            rowLoss[r] = m + Math.Log(sum) - double.CreateTruncating(logits[o + labels[r]]);
        }
    }
}

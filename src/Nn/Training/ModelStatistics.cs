using FastReg.Simd;

namespace FastReg.Nn.Training;

/// <summary>Read-only summaries of a model shared by the trainer's metrics and the λ search.</summary>
internal static class ModelStatistics
{
    /// <summary>Over all weight matrices (not biases or gates): non-zero count, total count and Frobenius norm.</summary>
    public static (long NonZero, long Count, double Norm) Weights<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sumSquares = 0;
        long nonZero = 0, count = 0;
        IReadOnlyList<ParameterTensor> tensors = model.Parameters;
        for (int i = 0; i < tensors.Count; i++) // indexed: no enumerator allocation per epoch
        {
            ParameterTensor t = tensors[i];
            if (t.Kind != ParameterKind.Weight) continue;
            ReadOnlySpan<T> w = model.GetParameter(t);
            sumSquares += double.CreateTruncating(Reductions.SumOfSquares(w));
            nonZero += Reductions.CountNonZero(w);
            count += w.Length;
        }
        return (nonZero, count, Math.Sqrt(sumSquares));
    }

    /// <summary>Index of the largest value of a row of logits (the first on ties).</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int j = 1; j < row.Length; j++) if (row[j] > row[best]) best = j;
        return best;
    }
}

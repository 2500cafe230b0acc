namespace FastReg.Nn;

/// <summary>Softmax cross-entropy over integer labels, fused and stable (max subtracted before exp).</summary>
internal static class SoftmaxCrossEntropy
{
    // logits [B, k], labels [B] -> J = (1/B)·Σ_i (lse_i − logits[i, y_i]), dlogits = (softmax − onehot)/B
    public static T Compute<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> dLogits, int batch, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T invB = T.One / T.CreateTruncating(batch), total = T.Zero;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<T> z = logits.Slice(r * k, k);
            Span<T> d = dLogits.Slice(r * k, k);
            T max = z[0];
            for (int j = 1; j < k; j++) max = T.Max(max, z[j]);
            T sum = T.Zero;
            for (int j = 0; j < k; j++)
            {
                T e = T.Exp(z[j] - max);
                d[j] = e;
                sum += e;
            }
            int label = labels[r];
            total += T.Log(sum) + max - z[label];
            T scale = invB / sum;
            for (int j = 0; j < k; j++) d[j] *= scale;
            d[label] -= invB;
        }
        return total * invB;
    }
}

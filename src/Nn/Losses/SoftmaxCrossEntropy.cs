using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>Softmax cross-entropy over integer labels, fused and stable, on the softmax kernel.</summary>
internal static class SoftmaxCrossEntropy
{
    // logits [B, k], labels [B] -> J = (1/B)·Σ_i (lse_i − logits[i, y_i]), dlogits = (softmax − onehot)/B
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Compute<T, TSum>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> dLogits, int batch, int k, ref TSum total)
        where T : unmanaged, IFloatingPointIeee754<T> where TSum : struct, ILossSum<T>
    {
        // p = softmax(logits) (max-shifted inside the kernel), written straight into the gradient buffer.
        NnKernels.Softmax(logits, dLogits, batch, k);
        T invB = T.One / T.CreateTruncating(batch);
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<T> z = logits.Slice(r * k, k);
            Span<T> p = dLogits.Slice(r * k, k);
            // lse = z_max − log p_max: the largest probability is ≥ 1/k, so its log never underflows,
            // unlike log p_label, which can be 0 in floating point for a confidently wrong row.
            int top = 0;
            for (int j = 1; j < k; j++) if (z[j] > z[top]) top = j;
            int label = labels[r];
            total.Add(z[top] - T.Log(p[top]) - z[label]);
            for (int j = 0; j < k; j++) p[j] *= invB;
            p[label] -= invB;
        }
        return total.Scaled(invB);
    }
}

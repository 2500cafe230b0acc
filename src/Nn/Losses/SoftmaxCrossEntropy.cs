namespace FastReg.Nn;

/// <summary>Softmax cross-entropy over integer labels, on the stable log-softmax and softmax kernels.</summary>
internal static class SoftmaxCrossEntropy
{
    // logits [B, k], labels [B] -> J = −(1/B)·Σ_i log softmax(logits_i)[y_i], dlogits = (softmax − onehot)/B
    public static T Compute<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> dLogits, int batch, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // log-softmax first (max-shifted, no log of an underflowed probability), read the labels' entries ...
        NnKernels.LogSoftmax(logits, dLogits, batch, k);
        T total = T.Zero;
        for (int r = 0; r < batch; r++) total -= dLogits[r * k + labels[r]];
        // ... then overwrite the buffer with the gradient.
        NnKernels.Softmax(logits, dLogits, batch, k);
        T invB = T.One / T.CreateTruncating(batch);
        for (int i = 0; i < dLogits.Length; i++) dLogits[i] *= invB;
        for (int r = 0; r < batch; r++) dLogits[r * k + labels[r]] -= invB;
        return total * invB;
    }
}

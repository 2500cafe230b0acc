using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>Softmax cross-entropy over integer labels, fused and stable, on the softmax kernel.</summary>
internal static class SoftmaxCrossEntropy
{
    // Rows per call of the fused kernel (its per-row losses live on the stack).
    private const int FusedChunk = 64;

    // logits [B, k], labels [B] -> J = (1/B)·Σ_i (lse_i − logits[i, y_i]), dlogits = (softmax − onehot)/B
    public static T Compute<T, TSum>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> dLogits, int batch, int k, ref TSum total)
        where T : unmanaged, IFloatingPointIeee754<T> where TSum : struct, ILossSum<T>
        => Compute(logits, labels, dLogits, batch, k, 0, default, 1, ref total);

    /// <summary>The loss with a plain sum (label smoothing and mixup as below).</summary>
    public static T Compute<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> dLogits, int batch, int k,
        double smoothing, ReadOnlySpan<int> labelsB, double mix)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sum = new PlainSum<T>();
        return Compute(logits, labels, dLogits, batch, k, smoothing, labelsB, mix, ref sum);
    }

    /// <summary>
    /// torch.nn.CrossEntropyLoss(label_smoothing=ε) on the target q = (1 − ε)·t + ε/k, where t is the one-hot
    /// label, or with mixup (<paramref name="labelsB"/> not empty) t = mix·onehot(y) + (1 − mix)·onehot(y_b),
    /// which gives mix·CE(y) + (1 − mix)·CE(y_b) (Zhang et al. 2018's mixup criterion):
    /// J = (1/B)·Σ_i (lse_i − Σ_j q_ij·z_ij), dz = (softmax − q)/B. With ε = 0 and no mixup the ordinary loss.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Compute<T, TSum>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> dLogits, int batch, int k,
        double smoothing, ReadOnlySpan<int> labelsB, double mix, ref TSum total)
        where T : unmanaged, IFloatingPointIeee754<T> where TSum : struct, ILossSum<T>
    {
        T invB = T.One / T.CreateTruncating(batch);
        if (smoothing == 0 && labelsB.IsEmpty)
        {
            // Plain labels: the fused kernel (softmax, loss and gradient in one pass per row, in registers).
            Span<T> rowLoss = stackalloc T[FusedChunk];
            for (int r0 = 0; r0 < batch; r0 += FusedChunk)
            {
                int rows = Math.Min(FusedChunk, batch - r0);
                NnKernels.SoftmaxCrossEntropy(logits.Slice(r0 * k, rows * k), labels.Slice(r0, rows), dLogits.Slice(r0 * k, rows * k), rowLoss, rows, k, invB);
                for (int r = 0; r < rows; r++) total.Add(rowLoss[r]);
            }
            return total.Scaled(invB);
        }
        // p = softmax(logits) (max-shifted inside the kernel), written straight into the gradient buffer.
        NnKernels.Softmax(logits, dLogits, batch, k);
        bool smooth = smoothing != 0, mixed = !labelsB.IsEmpty;
        T uniform = T.CreateTruncating(smoothing / k), keep = T.CreateTruncating(1 - smoothing);
        T weightA = keep * T.CreateTruncating(mixed ? mix : 1), weightB = keep * T.CreateTruncating(mixed ? 1 - mix : 0);
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<T> z = logits.Slice(r * k, k);
            Span<T> p = dLogits.Slice(r * k, k);
            // lse = z_max − log p_max: the largest probability is ≥ 1/k, so its log never underflows,
            // unlike log p_label, which can be 0 in floating point for a confidently wrong row.
            int top = 0;
            for (int j = 1; j < k; j++) if (z[j] > z[top]) top = j;
            int label = labels[r];
            T lse = z[top] - T.Log(p[top]);
            for (int j = 0; j < k; j++) p[j] *= invB;
            if (!smooth && !mixed)
            {
                total.Add(lse - z[label]);
                p[label] -= invB;
                continue;
            }
            // Σ_j q_j = 1, so Σ_j q_j·(lse − z_j) = lse − Σ_j q_j·z_j.
            T sumZ = T.Zero;
            if (smooth) foreach (T v in z) sumZ += v;
            T row = lse - weightA * z[label] - uniform * sumZ;
            p[label] -= weightA * invB;
            if (mixed)
            {
                int b = labelsB[r];
                row -= weightB * z[b];
                p[b] -= weightB * invB;
            }
            if (smooth)
                for (int j = 0; j < k; j++) p[j] -= uniform * invB;
            total.Add(row);
        }
        return total.Scaled(invB);
    }
}

/// <summary>The model's softmax cross-entropy: integer labels [rows], with label smoothing and mixup.</summary>
internal sealed class SoftmaxCrossEntropyLoss<T> : DataLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override bool TakesLabels => true;

    public override bool SmoothsLabels => true;

    // logits [rows, k], labels [rows]: a row is correct when its argmax is its label
    public override void Tally(ReadOnlySpan<T> y, ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, ref long correct, ref double squaredError)
    {
        int k = y.Length / labels.Length;
        for (int r = 0; r < labels.Length; r++)
            if (Training.ModelStatistics.ArgMax(y.Slice(r * k, k)) == labels[r]) correct++;
    }

    public override (double Accuracy, double Rmse) Metrics(long correct, double squaredError, int rows, int k) =>
        (correct / (double)rows, double.NaN);

    // logits [rows, k] -> softmax per row
    public override void ToProbabilities(Span<T> z, int rows, int k) => NnKernels.Softmax<T>(z, z, rows, k);

    // Softmax of each row in double, shifted by the row's maximum.
    public override void ReportProbabilities(ReadOnlySpan<double> logits, Span<double> probabilities, int rows, int k)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> z = logits.Slice(r * k, k);
            int best = 0;
            for (int c = 1; c < k; c++) if (z[c] > z[best]) best = c;
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.Exp(z[c] - z[best]);
            for (int c = 0; c < k; c++) probabilities[r * k + c] = Math.Exp(z[c] - z[best]) / sum;
        }
    }

    public override T Compute(in LossBatch<T> b, ref PlainSum<T> sum) =>
        SoftmaxCrossEntropy.Compute(b.Output, b.Labels, b.Gradient, b.Rows, b.Outputs, b.Smoothing, b.MixLabels, b.Mix, ref sum);

    public override T Compute(in LossBatch<T> b, ref CompensatedSum<T> sum) =>
        SoftmaxCrossEntropy.Compute(b.Output, b.Labels, b.Gradient, b.Rows, b.Outputs, b.Smoothing, b.MixLabels, b.Mix, ref sum);
}

internal sealed class SoftmaxCrossEntropyFactory : LossFactory
{
    public override DataLoss<T> Create<T>() => new SoftmaxCrossEntropyLoss<T>();
}

using System.Numerics;

namespace FastReg.Simd.Reference;

/// <summary>
/// Plain scalar references for <see cref="Updates"/>: the oracle the tests hold every path against.
/// Written as PyTorch's algorithm reads, one element at a time, without fused multiply-adds
/// (so the kernels agree with them to a few roundings, not bitwise). Validation is the kernels' job.
/// </summary>
public static class UpdatesReference
{
    /// <summary>g' = g + wd·w (when wd ≠ 0); w := w − lr·g'.</summary>
    public static void Sgd<T>(Span<T> param, ReadOnlySpan<T> grad, T lr, T weightDecay) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < param.Length; i++)
        {
            T g = grad[i];
            if (weightDecay != T.Zero) g += weightDecay * param[i];
            param[i] -= lr * g;
        }
    }

    /// <summary>torch.optim.SGD with momentum (see <see cref="Updates.SgdMomentum{T}(Span{T}, ReadOnlySpan{T}, Span{T}, in SgdSettings{T}, bool)"/>).</summary>
    public static void SgdMomentum<T>(Span<T> param, ReadOnlySpan<T> grad, Span<T> momentumBuffer, in SgdSettings<T> settings, bool firstStep)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T lr = T.CreateTruncating(settings.Lr), momentum = T.CreateTruncating(settings.Momentum);
        T weightDecay = T.CreateTruncating(settings.WeightDecay), oneMinusDampening = T.CreateTruncating(1 - settings.Dampening);
        for (int i = 0; i < param.Length; i++)
        {
            T g = grad[i];
            if (settings.WeightDecay != 0) g += weightDecay * param[i];
            if (settings.Momentum != 0)
            {
                T buf = firstStep ? g : momentum * momentumBuffer[i] + oneMinusDampening * g;
                momentumBuffer[i] = buf;
                g = settings.Nesterov ? g + momentum * buf : buf;
            }
            param[i] -= lr * g;
        }
    }

    /// <summary>torch.optim.Adam / AdamW (see <see cref="Updates.Adam{T}(Span{T}, ReadOnlySpan{T}, Span{T}, Span{T}, Span{T}, in AdamSettings{T}, long)"/>).</summary>
    public static void Adam<T>(Span<T> param, ReadOnlySpan<T> grad, Span<T> expAvg, Span<T> expAvgSq, Span<T> maxExpAvgSq, in AdamSettings<T> settings, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double lr = settings.Lr, beta1 = settings.Beta1, beta2 = settings.Beta2, wd = settings.WeightDecay;
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        T stepSize = T.CreateTruncating(lr / biasCorrection1);
        T biasCorrection2Sqrt = T.CreateTruncating(Math.Sqrt(biasCorrection2));
        T decay = T.CreateTruncating(1 - lr * wd);
        T oneMinusBeta1 = T.CreateTruncating(1 - beta1);
        T oneMinusBeta2 = T.CreateTruncating(1 - beta2);
        T beta2T = T.CreateTruncating(beta2), eps = T.CreateTruncating(settings.Eps), weightDecay = T.CreateTruncating(wd);

        for (int i = 0; i < param.Length; i++)
        {
            T g = grad[i];
            if (wd != 0)
            {
                if (settings.Decoupled) param[i] *= decay;
                else g += weightDecay * param[i];
            }
            expAvg[i] += oneMinusBeta1 * (g - expAvg[i]);
            expAvgSq[i] = expAvgSq[i] * beta2T + oneMinusBeta2 * g * g;
            T v = expAvgSq[i];
            if (settings.Amsgrad) v = maxExpAvgSq[i] = T.Max(maxExpAvgSq[i], v);
            T denom = T.Sqrt(v) / biasCorrection2Sqrt + eps;
            param[i] -= stepSize * expAvg[i] / denom;
        }
    }

    /// <summary>w := sign(w)·max(|w| − threshold, 0).</summary>
    public static void ProximalL1<T>(Span<T> w, T threshold) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < w.Length; i++)
        {
            T shrunk = T.Abs(w[i]) - threshold;
            w[i] = shrunk > T.Zero ? T.CopySign(shrunk, w[i]) : T.IsNaN(w[i]) ? w[i] : T.Zero;
        }
    }

    /// <summary>w := w − lr·g, then soft-threshold at lr·l1.</summary>
    public static void SgdProximalL1<T>(Span<T> w, ReadOnlySpan<T> g, T lr, T l1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < w.Length; i++) w[i] -= lr * g[i];
        ProximalL1(w, T.CreateTruncating(double.CreateTruncating(lr) * double.CreateTruncating(l1)));
    }

    /// <summary>The L2 norm of a row, in double, scaled by its largest entry so it cannot overflow.</summary>
    public static double RowNorm<T>(ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double max = 0;
        foreach (T x in row) max = Math.Max(max, Math.Abs(double.CreateTruncating(x)));
        if (max == 0 || double.IsInfinity(max) || double.IsNaN(max)) return max;
        double s = 0;
        foreach (T x in row)
        {
            double r = double.CreateTruncating(x) / max;
            s += r * r;
        }
        return max * Math.Sqrt(s);
    }

    /// <summary>Rows with L2 norm above maxNorm are multiplied by maxNorm / norm.</summary>
    public static void MaxNormRows<T>(Span<T> w, int rows, int cols, T maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            Span<T> row = w.Slice(r * cols, cols);
            double norm = RowNorm<T>(row);
            if (norm > double.CreateTruncating(maxNorm))
            {
                T scale = maxNorm / T.CreateTruncating(norm);
                for (int j = 0; j < cols; j++) row[j] *= scale;
            }
        }
    }

    /// <summary>
    /// Keeps the k entries of largest |g| (NaN largest; ties to the lowest index) by sorting all
    /// indices, and zeroes the rest. O(n log n) and allocating: an oracle, not a kernel.
    /// </summary>
    public static void TopKMask<T>(Span<T> grad, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = grad.Length;
        if (k >= n) return;
        var order = new int[n];
        var magnitude = new double[n];
        var isNaN = new bool[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            magnitude[i] = Math.Abs(double.CreateTruncating(grad[i]));
            isNaN[i] = T.IsNaN(grad[i]);
        }
        // Largest first; NaN above +∞; equal magnitudes by index.
        Array.Sort(order, (a, b) =>
        {
            if (isNaN[a] != isNaN[b]) return isNaN[a] ? -1 : 1;
            int byMagnitude = isNaN[a] ? 0 : magnitude[b].CompareTo(magnitude[a]);
            return byMagnitude != 0 ? byMagnitude : a.CompareTo(b);
        });
        var keep = new bool[n];
        for (int r = 0; r < k; r++) keep[order[r]] = true;
        for (int i = 0; i < n; i++) if (!keep[i]) grad[i] = T.Zero;
    }
}

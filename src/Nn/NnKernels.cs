using System.Runtime.CompilerServices;
using FastReg.Simd;

namespace FastReg.Nn;

/// <summary>
/// The one seam between the network and the numeric kernels: every call FastReg.Nn makes into
/// FastReg.Simd's kernels goes through here (GEMM, GEMV for one row, activations, softmax,
/// reductions, the element-wise helpers and the fused updates), as one-line calls. Elsewhere Nn
/// uses only the optimizers' settings types (SgdSettings, AdamSettings in Sgd.cs and Adam.cs).
/// </summary>
[SkipLocalsInit]
internal static class NnKernels
{
    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C, row-major, BLAS semantics (beta = 0 does not read C).
    /// op(A) is m×k, op(B) is k×n.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 1 && transB && !transA)
        {
            // One example through a Dense layer (x·Wᵀ, W rows contiguous) is c = W·x: a matrix-vector
            // product. Blas.Gemm's fixed cost per call dominates at m = 1 (3.2 µs for 1×128×64 on Zen 3).
            Blas.Gemv(n, k, alpha, b, ldb, a[..k], beta, c[..n]);
            return;
        }
        Blas.Gemm(transA ? Transpose.Yes : Transpose.No, transB ? Transpose.Yes : Transpose.No, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>y += alpha·x.</summary>
    public static void Axpy<T>(T alpha, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.Axpy(alpha, x, y);

    /// <summary>sums[j] += Σ_r x[r·cols + j] (a dense layer's bias gradient).</summary>
    public static void AddColumnSums<T>(ReadOnlySpan<T> x, int rows, int cols, Span<T> sums) where T : unmanaged, IFloatingPointIeee754<T>
        => Reductions.AddColumnSums(x, rows, cols, sums);

    /// <summary>Σ x[i]·y[i].</summary>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Reductions.Dot(x, y);

    /// <summary>Σ x[i]².</summary>
    public static T SumOfSquares<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Reductions.SumOfSquares(x);

    /// <summary>max |x[i]| (NaN if any element is NaN).</summary>
    public static T MaxAbs<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Reductions.MaxAbs(x);

    /// <summary>Σ |x[i]|.</summary>
    public static T L1Norm<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Reductions.L1Norm(x);

    /// <summary>Number of entries that are not zero.</summary>
    public static int CountNonZero<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Reductions.CountNonZero(x);

    /// <summary>y = x·m elementwise (dropout masks, gates).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> mask, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.Multiply(x, mask, y);

    /// <summary>g += c·sign(w), sign(0) = 0 (the L1 subgradient).</summary>
    public static void AddScaledSign<T>(T c, ReadOnlySpan<T> w, Span<T> g) where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.AddScaledSign(c, w, g);

    // ---- activations (backward overwrites dx) ----

    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => Activations.Relu(x, y);

    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        => Activations.ReluBackward(x, dy, dx);

    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => Activations.Tanh(x, y);

    public static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        => Activations.TanhBackward(y, dy, dx);

    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => Activations.Sigmoid(x, y);

    public static void SigmoidBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        => Activations.SigmoidBackward(y, dy, dx);

    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
        => Activations.Softmax(x, y, rows, cols);

    /// <summary>Fused softmax cross-entropy on integer labels: per-row losses and scale·(softmax − onehot).</summary>
    public static void SoftmaxCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> grad, Span<T> rowLoss, int rows, int cols, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Activations.SoftmaxCrossEntropy(logits, labels, grad, rowLoss, rows, cols, scale);

    public static void LogSoftmax<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
        => Activations.LogSoftmax(x, y, rows, cols);

    // ---- fused updates (PyTorch semantics) ----

    /// <summary>SGD with momentum, dampening, nesterov and coupled weight decay, one pass.</summary>
    public static void SgdMomentum<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> buf, in SgdSettings<T> settings, bool firstStep)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Updates.SgdMomentum(p, g, buf, settings, firstStep);

    /// <summary>Adam / AdamW (decoupled) with optional AMSGrad, one pass; step counts from 1.</summary>
    public static void Adam<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, Span<T> vMax, in AdamSettings<T> settings, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Updates.Adam(p, g, m, v, vMax, settings, step);

    /// <summary>w := sign(w)·max(|w| − threshold, 0).</summary>
    public static void ProximalL1<T>(Span<T> w, T threshold) where T : unmanaged, IFloatingPointIeee754<T>
        => Updates.ProximalL1(w, threshold);

    /// <summary>Rescales each row whose L2 norm exceeds maxNorm down to maxNorm.</summary>
    public static void MaxNormRows<T>(Span<T> w, int rows, int cols, T maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
        => Updates.MaxNormRows(w, rows, cols, maxNorm);

    /// <summary>Keeps the k entries of largest |g| and zeroes the rest (ties: lower index wins).</summary>
    public static void TopKMask<T>(Span<T> g, int k, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
        => Updates.TopKMask(g, k, scratch);
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastReg.Nn;

/// <summary>
/// The one seam between the network and the numeric kernels. Every hot operation the network
/// performs goes through here, with the signature of the FastReg.Simd kernel it maps to, so
/// switching a call to the kernel library is a one-line change in this file.
/// </summary>
[SkipLocalsInit]
internal static class NnKernels
{
    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C, row-major, BLAS semantics (beta = 0 does not read C).
    /// op(A) is m×k, op(B) is k×n.
    /// </summary>
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
        => GemmNaive(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>Plain reference matmul (llm.c's matmul_forward_naive): the stand-in until Blas.Gemm lands.</summary>
    internal static void GemmNaive<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            Span<T> ci = c.Slice(i * ldc, n);
            if (T.IsZero(beta)) ci.Clear();
            else if (beta != T.One) for (int j = 0; j < n; j++) ci[j] *= beta;
            if (!transB)
            {
                // C[i,:] += alpha·A[i,p]·B[p,:]: contiguous rows of B.
                for (int p = 0; p < k; p++)
                {
                    T aip = alpha * (transA ? a[p * lda + i] : a[i * lda + p]);
                    Axpy(aip, b.Slice(p * ldb, n), ci);
                }
            }
            else
            {
                // C[i,j] += alpha·dot(A[i,:], B[j,:]) when A is not transposed: contiguous rows.
                for (int j = 0; j < n; j++)
                {
                    T s = T.Zero;
                    if (!transA) s = Dot(a.Slice(i * lda, k), b.Slice(j * ldb, k));
                    else for (int p = 0; p < k; p++) s += a[p * lda + i] * b[j * ldb + p];
                    ci[j] += alpha * s;
                }
            }
        }
    }

    /// <summary>y += alpha·x.</summary>
    public static void Axpy<T>(T alpha, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length, i = 0;
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T py = ref MemoryMarshal.GetReference(y);
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<T>(alpha);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                Vector.StoreUnsafe(va * Vector.LoadUnsafe(ref px, (nuint)i) + Vector.LoadUnsafe(ref py, (nuint)i), ref py, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref py, i) += alpha * Unsafe.Add(ref px, i);
    }

    /// <summary>Σ x[i]·y[i].</summary>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length, i = 0;
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T py = ref MemoryMarshal.GetReference(y);
        T s = T.Zero;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            Vector<T> acc = Vector<T>.Zero;
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                acc += Vector.LoadUnsafe(ref px, (nuint)i) * Vector.LoadUnsafe(ref py, (nuint)i);
            s = Vector.Sum(acc);
        }
        for (; i < n; i++) s += Unsafe.Add(ref px, i) * Unsafe.Add(ref py, i);
        return s;
    }

    /// <summary>Σ x[i]².</summary>
    public static T SumOfSquares<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Dot(x, x);

    /// <summary>Σ |x[i]|.</summary>
    public static T L1Norm<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        foreach (T v in x) s += T.Abs(v);
        return s;
    }

    /// <summary>Number of entries that are not zero.</summary>
    public static long CountNonZero<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long c = 0;
        foreach (T v in x) if (!T.IsZero(v)) c++;
        return c;
    }

    /// <summary>y = x·m elementwise (dropout masks, gates).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> mask, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length, i = 0;
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T pm = ref MemoryMarshal.GetReference(mask);
        ref T py = ref MemoryMarshal.GetReference(y);
        if (Vector.IsHardwareAccelerated)
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref px, (nuint)i) * Vector.LoadUnsafe(ref pm, (nuint)i), ref py, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref py, i) = Unsafe.Add(ref px, i) * Unsafe.Add(ref pm, i);
    }

    /// <summary>g += c·sign(w), sign(0) = 0 (the L1 subgradient).</summary>
    public static void AddScaledSign<T>(T c, ReadOnlySpan<T> w, Span<T> g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < w.Length; i++) g[i] += c * T.CreateTruncating(T.Sign(w[i]));
    }

    // ---- activations (backward overwrites dx) ----

    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.Max(x[i], T.Zero);
    }

    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) dx[i] = x[i] > T.Zero ? dy[i] : T.Zero;
    }

    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.Tanh(x[i]);
    }

    public static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < y.Length; i++) dx[i] = dy[i] * (T.One - y[i] * y[i]);
    }

    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = T.One / (T.One + T.Exp(-x[i]));
    }

    public static void SigmoidBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < y.Length; i++) dx[i] = dy[i] * y[i] * (T.One - y[i]);
    }

    // ---- fused updates (PyTorch semantics) ----

    /// <summary>SGD with momentum, dampening, nesterov and coupled weight decay, one pass.</summary>
    public static void SgdMomentum<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> buf, T lr, T momentum, T dampening, T weightDecay, bool nesterov, bool firstStep)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T keep = T.One - dampening;
        for (int i = 0; i < p.Length; i++)
        {
            T d = g[i] + weightDecay * p[i];
            if (!T.IsZero(momentum))
            {
                T b = firstStep ? d : momentum * buf[i] + keep * d;
                buf[i] = b;
                d = nesterov ? d + momentum * b : b;
            }
            p[i] -= lr * d;
        }
    }

    /// <summary>Adam / AdamW (decoupled) with optional AMSGrad, one pass; step counts from 1.</summary>
    public static void Adam<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, Span<T> vMax,
        T lr, T beta1, T beta2, T eps, T weightDecay, bool decoupled, bool amsgrad, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T bc1 = T.One - T.Pow(beta1, T.CreateTruncating(step));
        T bc2Sqrt = T.Sqrt(T.One - T.Pow(beta2, T.CreateTruncating(step)));
        T stepSize = lr / bc1;
        for (int i = 0; i < p.Length; i++)
        {
            T gi = g[i];
            if (decoupled) p[i] *= T.One - lr * weightDecay;
            else gi += weightDecay * p[i];
            m[i] += (gi - m[i]) * (T.One - beta1);
            v[i] = beta2 * v[i] + (T.One - beta2) * gi * gi;
            T vi = v[i];
            if (amsgrad) { vMax[i] = T.Max(vMax[i], vi); vi = vMax[i]; }
            T denom = T.Sqrt(vi) / bc2Sqrt + eps;
            p[i] -= stepSize * m[i] / denom;
        }
    }

    /// <summary>w := sign(w)·max(|w| − threshold, 0).</summary>
    public static void ProximalL1<T>(Span<T> w, T threshold) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < w.Length; i++)
        {
            T a = T.Abs(w[i]) - threshold;
            w[i] = a > T.Zero ? T.CopySign(a, w[i]) : T.Zero;
        }
    }

    /// <summary>Rescales each row whose L2 norm exceeds maxNorm down to maxNorm.</summary>
    public static void MaxNormRows<T>(Span<T> w, int rows, int cols, T maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            Span<T> row = w.Slice(r * cols, cols);
            T norm = T.Sqrt(SumOfSquares<T>(row));
            if (norm > maxNorm)
            {
                T s = maxNorm / norm;
                for (int j = 0; j < cols; j++) row[j] *= s;
            }
        }
    }

    /// <summary>Keeps the k entries of largest |g| and zeroes the rest (ties: lower index wins).</summary>
    public static void TopKMask<T>(Span<T> g, int k, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Length;
        if (k >= n) return;
        if (k <= 0) { g.Clear(); return; }
        Span<T> s = scratch[..n];
        for (int i = 0; i < n; i++) s[i] = T.Abs(g[i]);
        s.Sort();
        T threshold = s[n - k];
        int above = 0;
        for (int i = 0; i < n; i++) if (T.Abs(g[i]) > threshold) above++;
        int tiesLeft = k - above;
        for (int i = 0; i < n; i++)
        {
            T a = T.Abs(g[i]);
            if (a > threshold) continue;
            if (a == threshold && tiesLeft > 0) { tiesLeft--; continue; }
            g[i] = T.Zero;
        }
    }
}

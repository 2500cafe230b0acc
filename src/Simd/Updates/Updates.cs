using System.Runtime.CompilerServices;
using System.Numerics;

namespace FastReg.Simd;

/// <summary>
/// Fused in-place optimizer and regularizer updates over spans of float or double, each one pass
/// over memory, with torch.optim's semantics and defaults: SGD (weight decay, momentum, Nesterov),
/// Adam / AdamW / AMSGrad, proximal L1 (soft-threshold), max-norm row constraints and top-k
/// gradient sparsification. Each public method runs on <see cref="Isa.Active"/>; the internal
/// overloads taking a <see cref="SimdPath"/> let tests and benchmarks pick a path. All paths give
/// bitwise-identical results. Spans must not partially overlap each other.
/// </summary>
public static class Updates
{
    /// <summary>
    /// Plain SGD step with coupled weight decay (torch.optim.SGD, momentum = 0):
    /// g' = g + wd·w (skipped when wd = 0, as PyTorch does), then w := w − lr·g'.
    /// </summary>
    /// <param name="param">Weights w, updated in place.</param>
    /// <param name="grad">Gradient g, same length as <paramref name="param"/>.</param>
    /// <param name="lr">Learning rate, ≥ 0.</param>
    /// <param name="weightDecay">Coupled decay wd (L2 with wd = λ/m), ≥ 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sgd<T>(Span<T> param, ReadOnlySpan<T> grad, T lr, T weightDecay) where T : unmanaged, IFloatingPointIeee754<T> =>
        Sgd(param, grad, lr, weightDecay, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Sgd<T>(Span<T> param, ReadOnlySpan<T> grad, T lr, T weightDecay, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        ThrowHelper.RequireSameLength(param.Length, grad.Length, nameof(grad));
        UpdateChecks.RequireNonNegative(lr, nameof(lr));
        UpdateChecks.RequireNonNegative(weightDecay, nameof(weightDecay));
        ThrowHelper.RequireSameOrDisjoint<T>(param, grad, nameof(grad));
        UpdateDriver.Run(param, grad, new SgdOperator<T>(lr, weightDecay), path);
    }

    /// <summary>
    /// SGD step with momentum, as torch.optim.SGD: g' = g + wd·w (when wd ≠ 0);
    /// buf := <paramref name="firstStep"/> ? g' : μ·buf + (1 − dampening)·g';
    /// step = nesterov ? g' + μ·buf : buf; w := w − lr·step. With Momentum = 0 this is
    /// <see cref="Sgd{T}(Span{T}, ReadOnlySpan{T}, T, T)"/> and the buffer is not touched (it may be empty).
    /// </summary>
    /// <param name="param">Weights w, updated in place.</param>
    /// <param name="grad">Gradient g, same length as <paramref name="param"/>.</param>
    /// <param name="momentumBuffer">PyTorch's momentum_buffer, same length (unless momentum is 0); need not be initialized on the first step.</param>
    /// <param name="settings">Hyperparameters; validated as torch.optim.SGD does.</param>
    /// <param name="firstStep">True on the first step, when PyTorch's buffer is still None: the buffer becomes g'.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SgdMomentum<T>(Span<T> param, ReadOnlySpan<T> grad, Span<T> momentumBuffer, in SgdSettings<T> settings, bool firstStep)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SgdMomentum(param, grad, momentumBuffer, settings, firstStep, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SgdMomentum<T>(Span<T> param, ReadOnlySpan<T> grad, Span<T> momentumBuffer, in SgdSettings<T> settings, bool firstStep, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        settings.Validate(nameof(settings));
        ThrowHelper.RequireSameLength(param.Length, grad.Length, nameof(grad));
        ThrowHelper.RequireSameOrDisjoint<T>(param, grad, nameof(grad));
        if (settings.Momentum == 0)
        {
            UpdateDriver.Run(param, grad, new SgdOperator<T>(T.CreateTruncating(settings.Lr), T.CreateTruncating(settings.WeightDecay)), path);
            return;
        }
        ThrowHelper.RequireSameLength(param.Length, momentumBuffer.Length, nameof(momentumBuffer));
        ThrowHelper.RequireDisjoint<T>(param, momentumBuffer, nameof(momentumBuffer));
        ThrowHelper.RequireDisjoint(grad, momentumBuffer, nameof(momentumBuffer));
        UpdateDriver.Run(param, grad, momentumBuffer, new SgdMomentumOperator<T>(settings, firstStep), path);
    }

    /// <summary>
    /// One Adam or AdamW step (AMSGrad optional), as torch.optim.Adam/AdamW's single-tensor
    /// implementation: weight decay (coupled: g += wd·w; decoupled: w *= 1 − lr·wd), m = β1·m + (1 − β1)·g,
    /// v = β2·v + (1 − β2)·g², AMSGrad vmax = max(vmax, v), denom = sqrt(v or vmax)/sqrt(1 − β2^t) + eps,
    /// w −= lr/(1 − β1^t) · m / denom.
    /// </summary>
    /// <param name="param">Weights w, updated in place.</param>
    /// <param name="grad">Gradient g, same length as <paramref name="param"/>.</param>
    /// <param name="expAvg">First moment m (PyTorch's exp_avg), same length; zeros before step 1.</param>
    /// <param name="expAvgSq">Second moment v (exp_avg_sq), same length; zeros before step 1.</param>
    /// <param name="maxExpAvgSq">AMSGrad's max_exp_avg_sq, same length when Amsgrad is set (zeros before step 1); ignored, and may be empty, otherwise.</param>
    /// <param name="settings">Hyperparameters; validated as torch.optim.Adam does.</param>
    /// <param name="step">The step count t ≥ 1 after incrementing (PyTorch's state['step'] as used in this step).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adam<T>(Span<T> param, ReadOnlySpan<T> grad, Span<T> expAvg, Span<T> expAvgSq, Span<T> maxExpAvgSq, in AdamSettings<T> settings, long step)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Adam(param, grad, expAvg, expAvgSq, maxExpAvgSq, settings, step, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Adam<T>(Span<T> param, ReadOnlySpan<T> grad, Span<T> expAvg, Span<T> expAvgSq, Span<T> maxExpAvgSq, in AdamSettings<T> settings, long step, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        settings.Validate(nameof(settings));
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), step, "'step' is 1-based: it must be >= 1.");
        ThrowHelper.RequireSameLength(param.Length, grad.Length, nameof(grad));
        ThrowHelper.RequireSameLength(param.Length, expAvg.Length, nameof(expAvg));
        ThrowHelper.RequireSameLength(param.Length, expAvgSq.Length, nameof(expAvgSq));
        if (settings.Amsgrad) ThrowHelper.RequireSameLength(param.Length, maxExpAvgSq.Length, nameof(maxExpAvgSq));
        ThrowHelper.RequireSameOrDisjoint<T>(param, grad, nameof(grad));
        ThrowHelper.RequireDisjoint<T>(param, expAvg, nameof(expAvg));
        ThrowHelper.RequireDisjoint(grad, expAvg, nameof(expAvg));
        ThrowHelper.RequireDisjoint<T>(param, expAvgSq, nameof(expAvgSq));
        ThrowHelper.RequireDisjoint(grad, expAvgSq, nameof(expAvgSq));
        ThrowHelper.RequireDisjoint<T>(expAvg, expAvgSq, nameof(expAvgSq));
        if (settings.Amsgrad)
        {
            ThrowHelper.RequireDisjoint<T>(param, maxExpAvgSq, nameof(maxExpAvgSq));
            ThrowHelper.RequireDisjoint(grad, maxExpAvgSq, nameof(maxExpAvgSq));
            ThrowHelper.RequireDisjoint<T>(expAvg, maxExpAvgSq, nameof(maxExpAvgSq));
            ThrowHelper.RequireDisjoint<T>(expAvgSq, maxExpAvgSq, nameof(maxExpAvgSq));
        }
        UpdateDriver.Run(param, grad, expAvg, expAvgSq, maxExpAvgSq, new AdamOperator<T>(settings, step), path);
    }

    /// <summary>
    /// Proximal step for an L1 penalty (soft-thresholding): w := sign(w)·max(|w| − threshold, 0).
    /// Entries with |w| ≤ threshold become exactly +0; NaN stays NaN.
    /// </summary>
    /// <param name="w">Weights, updated in place.</param>
    /// <param name="threshold">τ ≥ 0; after a gradient step with rate lr and penalty λ·Σ|w|, τ = lr·λ.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ProximalL1<T>(Span<T> w, T threshold) where T : unmanaged, IFloatingPointIeee754<T> =>
        ProximalL1(w, threshold, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ProximalL1<T>(Span<T> w, T threshold, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        UpdateChecks.RequireNonNegative(threshold, nameof(threshold));
        UpdateDriver.Run(w, new SoftThresholdOperator<T>(threshold), path);
    }

    /// <summary>
    /// Proximal gradient (ISTA) step for an L1 penalty, fused: w' = w − lr·g, then soft-threshold
    /// at lr·l1 (computed in double, rounded once): w := sign(w')·max(|w'| − lr·l1, 0).
    /// </summary>
    /// <param name="w">Weights, updated in place.</param>
    /// <param name="g">Gradient of the data loss (without the L1 term), same length.</param>
    /// <param name="lr">Learning rate, ≥ 0.</param>
    /// <param name="l1">L1 strength λ (penalty λ·Σ|w|), ≥ 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SgdProximalL1<T>(Span<T> w, ReadOnlySpan<T> g, T lr, T l1) where T : unmanaged, IFloatingPointIeee754<T> =>
        SgdProximalL1(w, g, lr, l1, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SgdProximalL1<T>(Span<T> w, ReadOnlySpan<T> g, T lr, T l1, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        ThrowHelper.RequireSameLength(w.Length, g.Length, nameof(g));
        UpdateChecks.RequireNonNegative(lr, nameof(lr));
        UpdateChecks.RequireNonNegative(l1, nameof(l1));
        ThrowHelper.RequireSameOrDisjoint<T>(w, g, nameof(g));
        T threshold = T.CreateTruncating(double.CreateTruncating(lr) * double.CreateTruncating(l1));
        UpdateDriver.Run(w, g, new SgdSoftThresholdOperator<T>(lr, threshold), path);
    }

    /// <summary>
    /// Max-norm constraint: every row (a unit's incoming weights, layout [out, in] row-major as
    /// torch.nn.Linear) whose L2 norm exceeds <paramref name="maxNorm"/> is multiplied by
    /// maxNorm / norm; rows at or under the bound are left bitwise unchanged. No eps is added
    /// (unlike Keras's c/(eps + norm) and torch.renorm's maxnorm/(norm + 1e-7)): norm &gt; maxNorm ≥ 0
    /// already excludes division by zero, and rescaled rows land on the bound within a few ulps.
    /// The norm is computed without overflow or underflow. A row holding NaN is left as it is;
    /// a row holding ±∞ has norm ∞ and scale 0 (its finite entries become 0, its infinities NaN).
    /// </summary>
    /// <param name="w">Weights, rows·cols elements, row-major; updated in place.</param>
    /// <param name="rows">Number of rows (output units), ≥ 0.</param>
    /// <param name="cols">Row length (inputs per unit), ≥ 0.</param>
    /// <param name="maxNorm">The bound c ≥ 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaxNormRows<T>(Span<T> w, int rows, int cols, T maxNorm) where T : unmanaged, IFloatingPointIeee754<T> =>
        MaxNormRows(w, rows, cols, maxNorm, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void MaxNormRows<T>(Span<T> w, int rows, int cols, T maxNorm, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        ThrowHelper.RequireNonNegative(rows, nameof(rows));
        ThrowHelper.RequireNonNegative(cols, nameof(cols));
        if ((long)rows * cols != w.Length) ThrowHelper.ThrowLengthMismatch((long)rows * cols, w.Length, nameof(w));
        UpdateChecks.RequireNonNegative(maxNorm, nameof(maxNorm));
        for (int r = 0; r < rows; r++)
        {
            Span<T> row = w.Slice(r * cols, cols);
            T norm = RowNorm.L2<T>(row, path);
            if (norm > maxNorm) UpdateDriver.Run(row, new ScaleOperator<T>(maxNorm / norm), path);
        }
    }

    /// <summary>
    /// Top-k gradient sparsification: keeps the <paramref name="k"/> entries of largest |g| and sets
    /// the rest to +0, in worst-case linear time (radix select on the magnitude bits in
    /// <paramref name="scratch"/>; no sort, no allocation). Exactly min(k, n) entries are kept:
    /// among entries whose |g| equals the k-th largest, the lowest indices are kept. +0 and −0 tie;
    /// NaN ranks above +∞ (as in torch.topk), so NaN gradients are kept and stay visible.
    /// k ≥ n keeps everything; k = 0 zeroes everything.
    /// </summary>
    /// <param name="grad">Gradient, masked in place.</param>
    /// <param name="k">How many entries to keep, ≥ 0.</param>
    /// <param name="scratch">Work space of at least grad.Length elements; its contents are overwritten.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TopKMask<T>(Span<T> grad, int k, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T> =>
        TopKMask(grad, k, scratch, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void TopKMask<T>(Span<T> grad, int k, Span<T> scratch, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        ThrowHelper.RequireNonNegative(k, nameof(k));
        ThrowHelper.RequireAtLeast(grad.Length, scratch.Length, nameof(scratch));
        ThrowHelper.RequireDisjoint<T>(grad, scratch, nameof(scratch)); // the select overwrites scratch while it reads grad
        TopKSelect.Mask(grad, k, scratch, path);
    }
}

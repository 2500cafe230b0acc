using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

public static partial class Activations
{
    /// <summary>
    /// Softmax cross-entropy on integer labels, fused into one pass per row (the loss of a classifier's
    /// last layer): for each row r of the <paramref name="rows"/>×<paramref name="cols"/> logits z,
    /// <c>rowLoss[r] = log Σ_j e^(z_rj) − z_r,label</c> and
    /// <c>grad_r = scale·(softmax(z_r) − onehot(label_r))</c>. Max-shifted, so large logits do not overflow;
    /// a row holding NaN gives NaN. Rows up to two vectors wide (16 floats on Avx2, 32 on Avx512) run
    /// in registers; wider rows go through <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T}, int, int)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than its shape, or <paramref name="grad"/> overlaps <paramref name="logits"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, cols).</exception>
    public static void SoftmaxCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> grad, Span<T> rowLoss, int rows, int cols, T scale)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SoftmaxCrossEntropy(logits, labels, grad, rowLoss, rows, cols, scale, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SoftmaxCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> grad, Span<T> rowLoss, int rows, int cols, T scale, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        int n = CheckMatrix(rows, cols);
        CheckUnaryMatrix(logits, grad, n, nameof(logits), nameof(grad));
        if (labels.Length < rows) throw new ArgumentException($"labels has {labels.Length} entries; {rows} rows need {rows}.", nameof(labels));
        if (rowLoss.Length < rows) throw new ArgumentException($"rowLoss has {rowLoss.Length} entries; {rows} rows need {rows}.", nameof(rowLoss));
        // The register paths store whole vectors and let a row's spill be overwritten by the next row.
        if (logits[..n].Overlaps(grad[..n])) throw new ArgumentException("grad must not overlap logits.", nameof(grad));
        for (int r = 0; r < rows; r++)
            if ((uint)labels[r] >= (uint)cols)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[r], $"Label {labels[r]} of row {r} is outside [0, {cols}).");
        if (n == 0) return;

        SimdPath p = path;
        if (p == SimdPath.Avx512 && cols > 2 * Vector512<T>.Count) p = SimdPath.Avx2;
        if (p == SimdPath.Avx2 && cols > 2 * Vector256<T>.Count) p = SimdPath.Vector;
        if (p == SimdPath.Vector && cols > 2 * Vector<T>.Count)
        {
            WideRows(logits, labels, grad, rowLoss, rows, cols, scale, path);
            return;
        }
        switch (p)
        {
            case SimdPath.Avx512: SoftmaxCrossEntropyRows.OnAvx512(logits, labels, grad, rowLoss, rows, cols, scale); break;
            case SimdPath.Avx2: SoftmaxCrossEntropyRows.OnAvx2(logits, labels, grad, rowLoss, rows, cols, scale); break;
            case SimdPath.Vector: SoftmaxCrossEntropyRows.OnVector(logits, labels, grad, rowLoss, rows, cols, scale); break;
            default: SoftmaxCrossEntropyRows.OnScalar(logits, labels, grad, rowLoss, rows, cols, scale); break;
        }
    }

    // Rows wider than the register paths: the row-wise softmax kernel, then lse = z_top − log p_top
    // (the largest probability is ≥ 1/cols, so its log never underflows).
    private static void WideRows<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> grad, Span<T> rowLoss, int rows, int cols, T scale, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Softmax(logits, grad, rows, cols, path);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> z = logits.Slice(r * cols, cols);
            Span<T> g = grad.Slice(r * cols, cols);
            int top = 0;
            for (int j = 1; j < cols; j++) if (z[j] > z[top]) top = j;
            rowLoss[r] = (z[top] - z[labels[r]]) - T.Log(g[top]);
            UnaryDriver.Run(g, g, new ScaleOperator<T>(scale), path);
            g[labels[r]] -= scale;
        }
    }
}

/// <summary>
/// The per-path bodies of <see cref="Activations.SoftmaxCrossEntropy{T}(ReadOnlySpan{T}, ReadOnlySpan{int}, Span{T}, Span{T}, int, int, T)"/>
/// for rows of at most two vectors: each row is loaded into two registers (lanes past the row masked
/// to −∞), then max, the shifted exponentials, their sum and the scaled gradient stay in registers.
/// A row's vector store runs into the next row's space, which that row overwrites; the last rows, whose
/// vectors would pass the end, go through a padded copy.
/// </summary>
internal static class SoftmaxCrossEntropyRows
{
    // One row in scalar code: the Scalar path, and the reference order of operations for the others.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OnScalar<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> grad, Span<T> rowLoss, int rows, int cols, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> z = logits.Slice(r * cols, cols);
            Span<T> g = grad.Slice(r * cols, cols);
            T m = z[0];
            for (int j = 1; j < cols; j++) m = T.Max(m, z[j]);
            T sum = T.Zero;
            for (int j = 0; j < cols; j++)
            {
                T e = T.Exp(z[j] - m);
                g[j] = e;
                sum += e;
            }
            T inv = scale / sum;
            for (int j = 0; j < cols; j++) g[j] *= inv;
            int label = labels[r];
            g[label] -= scale;
            rowLoss[r] = (m - z[label]) + T.Log(sum);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OnAvx512<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> grad, Span<T> rowLoss, int rows, int cols, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count, span = cols <= w ? w : 2 * w, n = rows * cols;
        Vector512<T> idx = Vector512<T>.Indices, c = Vector512.Create(T.CreateTruncating(cols));
        Vector512<T> mask0 = Vector512.LessThan(idx, c), mask1 = Vector512.LessThan(idx + Vector512.Create(T.CreateTruncating(w)), c);
        Vector512<T> ninf = Vector512.Create(T.NegativeInfinity);
        Span<T> pad = stackalloc T[2 * Vector512<T>.Count];
        ref T z0 = ref MemoryMarshal.GetReference(logits);
        ref T g0 = ref MemoryMarshal.GetReference(grad);
        for (int r = 0; r < rows; r++)
        {
            int o = r * cols;
            bool direct = o + span <= n;
            ref T z = ref direct ? ref Unsafe.Add(ref z0, o) : ref Padded(logits.Slice(o, cols), pad);
            Vector512<T> v0 = Vector512.ConditionalSelect(mask0, Vector512.LoadUnsafe(ref z), ninf);
            Vector512<T> v1 = span > w ? Vector512.ConditionalSelect(mask1, Vector512.LoadUnsafe(ref z, (nuint)w), ninf) : ninf;
            T m = MaxOf(Vector512.Max(v0, v1));
            Vector512<T> vm = Vector512.Create(m);
            Vector512<T> e0 = Vector512.ConditionalSelect(mask0, VectorExp.Exp(v0 - vm), Vector512<T>.Zero);
            Vector512<T> e1 = span > w ? Vector512.ConditionalSelect(mask1, VectorExp.Exp(v1 - vm), Vector512<T>.Zero) : Vector512<T>.Zero;
            T sum = Vector512.Sum(e0 + e1);
            Vector512<T> inv = Vector512.Create(scale / sum);
            ref T g = ref direct ? ref Unsafe.Add(ref g0, o) : ref MemoryMarshal.GetReference(pad);
            (e0 * inv).StoreUnsafe(ref g);
            if (span > w) (e1 * inv).StoreUnsafe(ref g, (nuint)w);
            if (!direct) pad[..cols].CopyTo(grad.Slice(o, cols));
            int label = labels[r];
            grad[o + label] -= scale;
            rowLoss[r] = (m - logits[o + label]) + T.Log(sum);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OnAvx2<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> grad, Span<T> rowLoss, int rows, int cols, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count, span = cols <= w ? w : 2 * w, n = rows * cols;
        Vector256<T> idx = Vector256<T>.Indices, c = Vector256.Create(T.CreateTruncating(cols));
        Vector256<T> mask0 = Vector256.LessThan(idx, c), mask1 = Vector256.LessThan(idx + Vector256.Create(T.CreateTruncating(w)), c);
        Vector256<T> ninf = Vector256.Create(T.NegativeInfinity);
        Span<T> pad = stackalloc T[2 * Vector256<T>.Count];
        ref T z0 = ref MemoryMarshal.GetReference(logits);
        ref T g0 = ref MemoryMarshal.GetReference(grad);
        for (int r = 0; r < rows; r++)
        {
            int o = r * cols;
            bool direct = o + span <= n;
            ref T z = ref direct ? ref Unsafe.Add(ref z0, o) : ref Padded(logits.Slice(o, cols), pad);
            Vector256<T> v0 = Vector256.ConditionalSelect(mask0, Vector256.LoadUnsafe(ref z), ninf);
            Vector256<T> v1 = span > w ? Vector256.ConditionalSelect(mask1, Vector256.LoadUnsafe(ref z, (nuint)w), ninf) : ninf;
            T m = MaxOf(Vector256.Max(v0, v1));
            Vector256<T> vm = Vector256.Create(m);
            Vector256<T> e0 = Vector256.ConditionalSelect(mask0, VectorExp.Exp(v0 - vm), Vector256<T>.Zero);
            Vector256<T> e1 = span > w ? Vector256.ConditionalSelect(mask1, VectorExp.Exp(v1 - vm), Vector256<T>.Zero) : Vector256<T>.Zero;
            T sum = Vector256.Sum(e0 + e1);
            Vector256<T> inv = Vector256.Create(scale / sum);
            ref T g = ref direct ? ref Unsafe.Add(ref g0, o) : ref MemoryMarshal.GetReference(pad);
            (e0 * inv).StoreUnsafe(ref g);
            if (span > w) (e1 * inv).StoreUnsafe(ref g, (nuint)w);
            if (!direct) pad[..cols].CopyTo(grad.Slice(o, cols));
            int label = labels[r];
            grad[o + label] -= scale;
            rowLoss[r] = (m - logits[o + label]) + T.Log(sum);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OnVector<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> grad, Span<T> rowLoss, int rows, int cols, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count, span = cols <= w ? w : 2 * w, n = rows * cols;
        Vector<T> idx = System.Numerics.Vector<T>.Indices, c = new(T.CreateTruncating(cols));
        Vector<T> mask0 = System.Numerics.Vector.LessThan(idx, c), mask1 = System.Numerics.Vector.LessThan(idx + new Vector<T>(T.CreateTruncating(w)), c);
        Vector<T> ninf = new(T.NegativeInfinity);
        Span<T> pad = stackalloc T[2 * Vector<T>.Count];
        ref T z0 = ref MemoryMarshal.GetReference(logits);
        ref T g0 = ref MemoryMarshal.GetReference(grad);
        for (int r = 0; r < rows; r++)
        {
            int o = r * cols;
            bool direct = o + span <= n;
            ref T z = ref direct ? ref Unsafe.Add(ref z0, o) : ref Padded(logits.Slice(o, cols), pad);
            Vector<T> v0 = System.Numerics.Vector.ConditionalSelect(mask0, System.Numerics.Vector.LoadUnsafe(ref z), ninf);
            Vector<T> v1 = span > w ? System.Numerics.Vector.ConditionalSelect(mask1, System.Numerics.Vector.LoadUnsafe(ref z, (nuint)w), ninf) : ninf;
            Vector<T> vmax = System.Numerics.Vector.Max(v0, v1);
            T m = vmax[0];
            for (int j = 1; j < w; j++) m = T.Max(m, vmax[j]);
            Vector<T> vm = new(m);
            Vector<T> e0 = System.Numerics.Vector.ConditionalSelect(mask0, VectorExp.Exp(v0 - vm), Vector<T>.Zero);
            Vector<T> e1 = span > w ? System.Numerics.Vector.ConditionalSelect(mask1, VectorExp.Exp(v1 - vm), Vector<T>.Zero) : Vector<T>.Zero;
            T sum = System.Numerics.Vector.Sum(e0 + e1);
            Vector<T> inv = new(scale / sum);
            ref T g = ref direct ? ref Unsafe.Add(ref g0, o) : ref MemoryMarshal.GetReference(pad);
            (e0 * inv).StoreUnsafe(ref g);
            if (span > w) (e1 * inv).StoreUnsafe(ref g, (nuint)w);
            if (!direct) pad[..cols].CopyTo(grad.Slice(o, cols));
            int label = labels[r];
            grad[o + label] -= scale;
            rowLoss[r] = (m - logits[o + label]) + T.Log(sum);
        }
    }

    // The row copied into the front of pad (the rest of pad is never read unmasked).
    private static ref T Padded<T>(ReadOnlySpan<T> row, Span<T> pad) where T : unmanaged
    {
        pad.Clear();
        row.CopyTo(pad);
        return ref MemoryMarshal.GetReference(pad);
    }

    private static T MaxOf<T>(Vector512<T> v) where T : unmanaged, IFloatingPointIeee754<T> => MaxOf(Vector256.Max(v.GetLower(), v.GetUpper()));

    private static T MaxOf<T>(Vector256<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector128<T> h = Vector128.Max(v.GetLower(), v.GetUpper());
        T m = h[0];
        for (int j = 1; j < Vector128<T>.Count; j++) m = T.Max(m, h[j]);
        return m;
    }
}

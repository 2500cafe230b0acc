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

        // Rows up to two vectors wide run in registers, at the path's width or the narrowest that holds them.
        VectorWidth width = PathTable.Width(path);
        if (width == VectorWidth.Bits512 && cols > 2 * Width512<T>.Count) width = VectorWidth.Bits256;
        if (width == VectorWidth.Bits256 && cols > 2 * Width256<T>.Count) width = VectorWidth.Vector;
        if (width == VectorWidth.Vector && cols > 2 * WidthVector<T>.Count)
        {
            WideRows(logits, labels, grad, rowLoss, rows, cols, scale, path);
            return;
        }
        if (width == VectorWidth.Bits512) SoftmaxCrossEntropyRows.InRegisters<T, Width512<T>, Vector512<T>>(logits, labels, grad, rowLoss, rows, cols, scale);
        else if (width == VectorWidth.Bits256) SoftmaxCrossEntropyRows.InRegisters<T, Width256<T>, Vector256<T>>(logits, labels, grad, rowLoss, rows, cols, scale);
        else if (width == VectorWidth.Vector) SoftmaxCrossEntropyRows.InRegisters<T, WidthVector<T>, Vector<T>>(logits, labels, grad, rowLoss, rows, cols, scale);
        else SoftmaxCrossEntropyRows.OnScalar(logits, labels, grad, rowLoss, rows, cols, scale);
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
/// The bodies of <see cref="Activations.SoftmaxCrossEntropy{T}(ReadOnlySpan{T}, ReadOnlySpan{int}, Span{T}, Span{T}, int, int, T)"/>:
/// the scalar one, and one written once over <see cref="IVectorWidth{T, TVector}"/> for rows of at most
/// two vectors: each row is loaded into two registers (lanes past the row masked to −∞), then max, the
/// shifted exponentials, their sum and the scaled gradient stay in registers. A row's vector store runs
/// into the next row's space, which that row overwrites; the last rows, whose vectors would pass the
/// end, go through a padded copy.
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

    /// <summary>Rows of at most two vectors of the width, in registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void InRegisters<T, TWidth, TVector>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> grad, Span<T> rowLoss, int rows, int cols, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        int w = TWidth.Count, span = cols <= w ? w : 2 * w, n = rows * cols;
        TVector idx = TWidth.Indices, c = TWidth.Create(T.CreateTruncating(cols));
        TVector mask0 = TWidth.LessThan(idx, c), mask1 = TWidth.LessThan(TWidth.Add(idx, TWidth.Create(T.CreateTruncating(w))), c);
        TVector ninf = TWidth.Create(T.NegativeInfinity), zero = TWidth.Create(T.Zero);
        Span<T> pad = stackalloc T[2 * TWidth.Count];
        ref T z0 = ref MemoryMarshal.GetReference(logits);
        ref T g0 = ref MemoryMarshal.GetReference(grad);
        for (int r = 0; r < rows; r++)
        {
            int o = r * cols;
            bool direct = o + span <= n;
            ref T z = ref direct ? ref Unsafe.Add(ref z0, o) : ref Padded(logits.Slice(o, cols), pad);
            TVector v0 = TWidth.ConditionalSelect(mask0, TWidth.Load(ref z, 0), ninf);
            TVector v1 = span > w ? TWidth.ConditionalSelect(mask1, TWidth.Load(ref z, (nuint)w), ninf) : ninf;
            T m = TWidth.Reduce<LaneMaxOperator<T>>(TWidth.Combine<LaneMaxOperator<T>>(v0, v1));
            var exp = new ExpShiftOperator<T>(m);
            TVector e0 = TWidth.ConditionalSelect(mask0, TWidth.Apply(exp, v0), zero);
            TVector e1 = span > w ? TWidth.ConditionalSelect(mask1, TWidth.Apply(exp, v1), zero) : zero;
            T sum = TWidth.Reduce<SumOperator<T>>(TWidth.Add(e0, e1));
            var normalize = new ScaleOperator<T>(scale / sum);
            ref T g = ref direct ? ref Unsafe.Add(ref g0, o) : ref MemoryMarshal.GetReference(pad);
            TWidth.Store(TWidth.Apply(normalize, e0), ref g, 0);
            if (span > w) TWidth.Store(TWidth.Apply(normalize, e1), ref g, (nuint)w);
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
}

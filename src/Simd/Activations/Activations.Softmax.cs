using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastReg.Simd;

public static partial class Activations
{
    // x, y, dy, dx: row-major [rows, cols]; each row is independent.

    /// <summary>
    /// Row-wise softmax of a row-major [rows, cols] matrix: y = e^(x − max)/Σ e^(x − max), so
    /// large logits neither overflow nor lose the row (softmax of [1e4, 0, −1e4] is [1, 0, 0]).
    /// A row holding NaN, +∞, or only −∞ comes out all NaN (as PyTorch).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T> =>
        Softmax(x, y, rows, cols, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Softmax<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        int n = CheckMatrix(rows, cols);
        CheckUnaryMatrix(x, y, n, nameof(x), nameof(y));
        for (int r = 0, o = 0; r < rows; r++, o += cols)
        {
            ReadOnlySpan<T> xr = x.Slice(o, cols);
            Span<T> yr = y.Slice(o, cols);
            T max = AggregateDriver.Run<T, RowMaxOperator<T>>(xr, path);
            UnaryDriver.Run(xr, yr, new ExpShiftOperator<T>(max), path);
            T sum = AggregateDriver.Run<T, SumOperator<T>>(yr, path);
            UnaryDriver.Run(yr, yr, new ScaleOperator<T>(T.One / sum), path);
        }
    }

    /// <summary>
    /// Softmax backward from the output y: dx = y ⊙ (dy − Σ_j dy_j·y_j) per row. Overwrites
    /// dx[..rows·cols]; dx may be y or dy itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SoftmaxBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T> =>
        SoftmaxBackward(y, dy, dx, rows, cols, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SoftmaxBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        int n = CheckMatrix(rows, cols);
        CheckBinaryMatrix(y, dy, dx, n, nameof(y), nameof(dy), nameof(dx));
        for (int r = 0, o = 0; r < rows; r++, o += cols)
        {
            ReadOnlySpan<T> yr = y.Slice(o, cols), dyr = dy.Slice(o, cols);
            T s = Reductions.Dot(dyr, yr, path);
            BinaryDriver.Run(yr, dyr, dx.Slice(o, cols), new SoftmaxBackwardOperator<T>(s), path);
        }
    }

    /// <summary>
    /// Row-wise log-softmax of a row-major [rows, cols] matrix: y = (x − max) − log Σ e^(x − max).
    /// The sum is at least 1 (the max term), so the log never sees 0 or +∞. A row holding NaN,
    /// +∞, or only −∞ comes out all NaN; a −∞ entry in a finite row gives −∞.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LogSoftmax<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T> =>
        LogSoftmax(x, y, rows, cols, Isa.Active);

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void LogSoftmax<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        int n = CheckMatrix(rows, cols);
        CheckUnaryMatrix(x, y, n, nameof(x), nameof(y));
        // Σ e^(x − max) needs the exponentials without keeping them (y holds x − max, and may
        // be x): they go through a small stack buffer, a chunk at a time.
        Span<T> chunk = stackalloc T[ExpChunk];
        for (int r = 0, o = 0; r < rows; r++, o += cols)
        {
            ReadOnlySpan<T> xr = x.Slice(o, cols);
            Span<T> yr = y.Slice(o, cols);
            T max = AggregateDriver.Run<T, RowMaxOperator<T>>(xr, path);
            UnaryDriver.Run(xr, yr, new ShiftOperator<T>(max), path); // y = x − max
            T sum = T.Zero;
            for (int j = 0; j < cols; j += ExpChunk)
            {
                Span<T> e = chunk[..Math.Min(ExpChunk, cols - j)];
                UnaryDriver.Run(yr.Slice(j, e.Length), e, new ExpShiftOperator<T>(T.Zero), path);
                sum += AggregateDriver.Run<T, SumOperator<T>>(e, path);
            }
            UnaryDriver.Run(yr, yr, new ShiftOperator<T>(T.Log(sum)), path);
        }
    }

    /// <summary>Elements per chunk of the log-softmax exponentials (1 KiB of float on the stack).</summary>
    private const int ExpChunk = 256;

    /// <summary>
    /// Log-softmax backward from the log-probabilities y: dx = dy − e^y·Σ_j dy_j per row.
    /// Overwrites dx[..rows·cols]; dx may be y or dy itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LogSoftmaxBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T> =>
        LogSoftmaxBackward(y, dy, dx, rows, cols, Isa.Active);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void LogSoftmaxBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        int n = CheckMatrix(rows, cols);
        CheckBinaryMatrix(y, dy, dx, n, nameof(y), nameof(dy), nameof(dx));
        for (int r = 0, o = 0; r < rows; r++, o += cols)
        {
            ReadOnlySpan<T> yr = y.Slice(o, cols), dyr = dy.Slice(o, cols);
            T s = AggregateDriver.Run<T, SumOperator<T>>(dyr, path);
            BinaryDriver.Run(yr, dyr, dx.Slice(o, cols), new LogSoftmaxBackwardOperator<T>(s), path);
        }
    }

    // ---------------- argument checks ----------------

    /// <summary>rows, cols ≥ 0 and rows·cols ≤ int.MaxValue (else ArgumentException naming cols); returns rows·cols.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CheckMatrix(int rows, int cols)
    {
        ThrowHelper.RequireNonNegative(rows, nameof(rows));
        ThrowHelper.RequireNonNegative(cols, nameof(cols));
        long n = (long)rows * cols;
        if (n > int.MaxValue)
            ThrowHelper.ThrowArgument($"rows × cols = {rows} × {cols} = {n} overflows a span length (int.MaxValue).", nameof(cols));
        return (int)n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CheckUnaryMatrix<T>(ReadOnlySpan<T> x, Span<T> y, int n, string xName, string yName)
    {
        ThrowHelper.RequireAtLeast(n, x.Length, xName);
        ThrowHelper.RequireAtLeast(n, y.Length, yName);
        ThrowHelper.RequireSameOrDisjoint(x[..n], y[..n], yName);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CheckBinaryMatrix<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> dst, int n, string aName, string bName, string dstName)
    {
        ThrowHelper.RequireAtLeast(n, a.Length, aName);
        ThrowHelper.RequireAtLeast(n, b.Length, bName);
        ThrowHelper.RequireAtLeast(n, dst.Length, dstName);
        ThrowHelper.RequireSameOrDisjoint(a[..n], dst[..n], dstName);
        ThrowHelper.RequireSameOrDisjoint(b[..n], dst[..n], dstName);
    }
}

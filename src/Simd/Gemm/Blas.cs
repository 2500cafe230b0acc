using System.Numerics;
using System.Runtime.CompilerServices;
using FastReg.Simd.Gemm;

namespace FastReg.Simd;

/// <summary>
/// BLAS-style dense linear algebra on row-major matrices. <c>Gemm</c> is built as BLIS
/// builds it: five blocking loops and packing written once (GemmDriver, GemmPacking) around one
/// register-blocked micro-kernel per path; the kernel and its block sizes are a row of the path table
/// (src/Simd/Paths/PathTable.cs).
/// </summary>
public static partial class Blas
{
    /// <summary>
    /// Work, in flops (2·m·n·k), from which a product is split over threads; below it the call stays on
    /// the calling thread (no hand-off). A worker round trip measured ~9 µs on the Zen 3 box
    /// (bench `gemm --threads`); two threads gain once flops/(2R) + 9 µs &lt; flops/R at R ≈ 75 GFLOPS,
    /// i.e. from ~1.4 MFLOP; 2·128³ ≈ 4.2 MFLOP keeps a margin (≥ 1.4x expected). See docs/kernels.md (GEMM kernels, Threads).
    /// </summary>
    internal const long ParallelThresholdFlops = 2L * 128 * 128 * 128;

    static int s_maxThreads = Environment.ProcessorCount;

    /// <summary>
    /// The most threads one GEMM may use (default: <see cref="Environment.ProcessorCount"/>; capped there).
    /// Set 1 to keep every product on the calling thread. Results do not depend on this setting.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxThreads
    {
        get => s_maxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_maxThreads = value;
        }
    }

    /// <summary>
    /// General matrix product on row-major matrices: C := alpha·op(A)·op(B) + beta·C, with op(A) m×k,
    /// op(B) k×n and C m×n. Element (i, j) of a row-major matrix X with leading dimension ldx is
    /// X[i·ldx + j]; op(X) is X or Xᵀ as <paramref name="transA"/> / <paramref name="transB"/> say.
    /// As in BLAS: m, n or k may be 0 (k = 0 scales C by beta); beta = 0 overwrites C without reading
    /// it (NaN in C does not propagate); alpha = 0 does not read A or B. Leading dimensions may exceed
    /// the row lengths. Runs on <see cref="Isa.Active"/>, on up to <see cref="MaxThreads"/> threads for
    /// large products; results are bit-identical for any thread count.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="transA">Whether op(A) is A or Aᵀ.</param>
    /// <param name="transB">Whether op(B) is B or Bᵀ.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major: m×k if <paramref name="transA"/> is No, else k×m.</param>
    /// <param name="lda">Row stride of A, at least its row length (and 1).</param>
    /// <param name="b">B, row-major: k×n if <paramref name="transB"/> is No, else n×k.</param>
    /// <param name="ldb">Row stride of B, at least its row length (and 1).</param>
    /// <param name="beta">Scale of C's previous contents; 0 means C is write-only.</param>
    /// <param name="c">C, row-major m×n, updated in place.</param>
    /// <param name="ldc">Row stride of C, at least n (and 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">m, n or k negative, or a transpose flag undefined.</exception>
    /// <exception cref="ArgumentException">A leading dimension too small or a span too short (named in the exception).</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gemm<T>(Transpose transA, Transpose transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, Isa.Active);


    /// <summary><c>Gemm</c> on a chosen path, with the path's block sizes and the public thread settings.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Gemm<T>(Transpose transA, Transpose transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (PathTable.Row(path).SmallGemmOn is { } small && SmallForWideKernel(transA, m, n, k) && Isa.IsAccelerated(small)) path = small;
        Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, path,
            GemmBlockSizes.For<T>(path), Math.Min(s_maxThreads, Environment.ProcessorCount), ParallelThresholdFlops);
    }

    /// <summary>
    /// Products a path with <see cref="PathRow.SmallGemmOn"/> hands to that path's kernel (today the
    /// Avx512 path to the Avx2 6×16 kernel). The 12×32 kernel always packs A and
    /// pads edge tiles to 12×32, which small products cannot amortize: on Zen 4 (docs/benchmarks-gemm.md)
    /// the 6×16 kernel was 1.1-3.6x faster up to n = 128 and on the narrow MLP shapes, the 12×32 kernel
    /// faster from n = 256 and on Aᵀ·B with many rows and columns (a weight gradient). Both kernels sum
    /// each element in the same order with the same KC, so the choice never changes a result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool SmallForWideKernel(Transpose transA, int m, int n, int k) =>
        2.0 * m * n * k <= ParallelThresholdFlops && !(transA == Transpose.Yes && m >= 48 && n >= 64);

    /// <summary>
    /// <c>Gemm</c> with every knob explicit, for tests and benchmarks: block sizes (MR and NR must
    /// be the path's), the thread count (not capped by the core count) and the parallel threshold in flops.
    /// </summary>
    // Fully optimized from the first call (as the kernels): tier-0 code here cost ~1 µs per call,
    // more than a whole 16×16×16 product.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Gemm<T>(Transpose transA, Transpose transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc,
        SimdPath path, in GemmBlocking blocking, int threads, long parallelThresholdFlops)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowHelper.RequireFloatOrDouble<T>();
        GemmArguments.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        fixed (T* pa = a, pb = b, pc = c)
        {
            if (k == 0 || alpha == T.Zero)
            {
                Scale(m, n, beta, pc, ldc);
                return;
            }
            var x = new GemmCall<T>
            {
                TransA = transA, TransB = transB, M = m, N = n, K = k, Alpha = alpha, A = pa, Lda = lda,
                B = pb, Ldb = ldb, Beta = beta, C = pc, Ldc = ldc, Blocking = blocking,
                Threads = threads, ThresholdFlops = parallelThresholdFlops,
            };
            PathTable.Row(path).Gemm.Run(ref x);
        }
    }

    /// <summary>One validated call on the kernel <typeparamref name="TKernel"/>: the path table points each row here (GemmKernelRow).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Dispatch<T, TKernel>(in GemmCall<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IMicroKernel<T>
    {
        // Narrow x·Wᵀ (a Dense output layer): dot products of contiguous rows, no packing, one thread.
        if (GemmDotKernel.TryRun<T, TKernel>(x.TransA, x.TransB, x.M, x.N, x.K, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, x.C, x.Ldc, x.Blocking))
            return;
        long tilesM = (x.M + TKernel.MR - 1) / TKernel.MR, tilesN = (x.N + TKernel.NR - 1) / TKernel.NR;
        bool byColumns = tilesN >= tilesM;
        int parts = (int)Math.Min(x.Threads, byColumns ? tilesN : tilesM);
        if (parts > 1 && 2.0 * x.M * x.N * x.K >= x.ThresholdFlops)
        {
            // Whatever a parallel run allocates (this thread's full-size buffers, the shared job of this
            // kernel type) is set up even when the workers are busy, so that no later call allocates,
            // whichever way it runs.
            GemmDriver.ReserveBuffers<T, TKernel>(x.TransB, x.M, x.N, x.K, x.Blocking);
            GemmJob<T, TKernel> job = GemmJob<T, TKernel>.Shared;
            if (TryRunParallel(x, job, parts, byColumns)) return;
        }
        GemmDriver.Run<T, TKernel>(x.TransA, x.TransB, x.M, x.N, x.K, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, x.C, x.Ldc, x.Blocking);
    }

    /// <summary>Runs the product on the workers if no other region holds them; false (nothing done) if they are busy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static unsafe bool TryRunParallel<T, TKernel>(in GemmCall<T> x, GemmJob<T, TKernel> job, int parts, bool byColumns)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IMicroKernel<T>
    {
        if (!GemmWorkers.TryEnter()) return false;
        try
        {
            job.Set(x.TransA, x.TransB, x.M, x.N, x.K, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, x.C, x.Ldc, x.Blocking, byColumns);
            GemmWorkers.Run(job, parts);
            job.Set(default, default, 0, 0, 0, default, null, 0, null, 0, default, null, 0, default, false);
        }
        finally
        {
            GemmWorkers.Exit();
        }
        return true;
    }

    /// <summary>C := beta·C (beta = 0 writes zeros without reading C).</summary>
    static unsafe void Scale<T>(int m, int n, T beta, T* c, nint ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.One) return;
        for (int i = 0; i < m; i++)
        {
            var row = new Span<T>(c + i * ldc, n);
            if (beta == T.Zero) row.Clear();
            else for (int j = 0; j < n; j++) row[j] *= beta;
        }
    }
}

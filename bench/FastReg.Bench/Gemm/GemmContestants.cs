using System.Numerics;
using FastReg.Simd;
using FastReg.Simd.Gemm;
using MathNet.Numerics;
using MathNet.Numerics.Providers.LinearAlgebra;
using Transpose = FastReg.Simd.Transpose;
using MnTranspose = MathNet.Numerics.Providers.LinearAlgebra.Transpose;

namespace FastReg.Bench.Gemm;

/// <summary>Something that computes a shape's product: a FastReg path at a thread count, OpenBLAS, or MathNet.</summary>
public sealed record GemmContestant(string Name, Func<GemmShape, bool> Runs, Action Prepare, Action<GemmShape> Run);

/// <summary>Builds the contestants for one element type over prepared operands.</summary>
public static class GemmContestants
{
    /// <summary>Forces the driver's in-place policy (see GemmBlocking.InPlace); -1 = automatic.</summary>
    public static int InPlace { get; set; } = -1;

    /// <summary>Tuning aid: extra one-thread contestants of the best path with these KC/MC values (pairs).</summary>
    public static List<(int KC, int MC)> ExtraBlockings { get; } = [];

    public static List<GemmContestant> For<T>(Func<GemmShape, GemmOperands<T>> data, int allThreads, bool includeMathNet = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var list = new List<GemmContestant>();
        foreach (SimdPath path in Isa.AcceleratedPaths.Reverse())
        {
            GemmBlocking bl = GemmBlockSizes.For<T>(path) with { InPlace = InPlace };
            // The plain paths are slow: keep their big products out of the time budget.
            double maxFlops = path switch { SimdPath.Scalar => 2.0 * 512 * 512 * 512, SimdPath.Vector => 2.0 * 1024 * 1024 * 1024, _ => double.MaxValue };
            foreach (int threads in allThreads > 1 ? new[] { 1, allThreads } : [1])
            {
                list.Add(new($"FastReg {path} {threads}T", s => s.Flops <= maxFlops, () => { }, s =>
                {
                    GemmOperands<T> d = data(s);
                    Blas.Gemm(s.TransA, s.TransB, s.M, s.N, s.K, T.One, d.A, s.Lda, d.B, s.Ldb, T.Zero, d.C, s.N, path, bl, threads, Blas.ParallelThresholdFlops);
                }));
            }
        }
        // What a caller of the public Blas.Gemm gets on one thread (Isa.Active, with its choice of kernel by shape).
        list.Add(new("FastReg public 1T", _ => true, () => Blas.MaxThreads = 1, s =>
        {
            GemmOperands<T> d = data(s);
            Blas.Gemm(s.TransA, s.TransB, s.M, s.N, s.K, T.One, d.A, s.Lda, d.B, s.Ldb, T.Zero, d.C, s.N);
        }));
        if (allThreads > 1)
        {
            // The same on all cores (Blas.MaxThreads = allThreads): the two-thread scaling a caller gets.
            list.Add(new($"FastReg public {allThreads}T", _ => true, () => Blas.MaxThreads = allThreads, s =>
            {
                GemmOperands<T> d = data(s);
                Blas.Gemm(s.TransA, s.TransB, s.M, s.N, s.K, T.One, d.A, s.Lda, d.B, s.Ldb, T.Zero, d.C, s.N);
            }));
        }
        foreach ((int kc, int mc) in ExtraBlockings)
        {
            SimdPath best = Isa.Best;
            GemmBlocking bl = GemmBlockSizes.For<T>(best) with { KC = kc, MC = mc, InPlace = InPlace };
            list.Add(new($"FastReg {best} kc{kc} mc{mc} 1T", _ => true, () => { }, s =>
            {
                GemmOperands<T> d = data(s);
                Blas.Gemm(s.TransA, s.TransB, s.M, s.N, s.K, T.One, d.A, s.Lda, d.B, s.Ldb, T.Zero, d.C, s.N, best, bl, 1, long.MaxValue);
            }));
        }
        if (OpenBlas.Available)
        {
            foreach (int threads in allThreads > 1 ? new[] { 1, allThreads } : [1])
            {
                list.Add(new($"OpenBLAS {threads}T", _ => true, () => OpenBlas.SetThreads(threads), s =>
                {
                    GemmOperands<T> d = data(s);
                    bool ta = s.TransA == Transpose.Yes, tb = s.TransB == Transpose.Yes;
                    if (typeof(T) == typeof(float))
                        OpenBlas.Sgemm(ta, tb, s.M, s.N, s.K, 1f, (float[])(object)d.A, s.Lda, (float[])(object)d.B, s.Ldb, 0f, (float[])(object)d.C, s.N);
                    else
                        OpenBlas.Dgemm(ta, tb, s.M, s.N, s.K, 1.0, (double[])(object)d.A, s.Lda, (double[])(object)d.B, s.Ldb, 0.0, (double[])(object)d.C, s.N);
                }));
            }
        }
        if (includeMathNet)
        {
            // MathNet's managed provider is column-major: computing Cᵀ = op(B)ᵀ·op(A)ᵀ on our row-major arrays is the same product.
            Control.UseManaged();
            ILinearAlgebraProvider provider = LinearAlgebraControl.Provider;
            foreach (int threads in allThreads > 1 ? new[] { 1, allThreads } : [1])
            {
                list.Add(new($"MathNet {threads}T", s => s.Flops <= 2.0 * 1024 * 1024 * 1024, () => Control.MaxDegreeOfParallelism = threads, s =>
                {
                    GemmOperands<T> d = data(s);
                    var tb = s.TransB == Transpose.Yes ? MnTranspose.Transpose : MnTranspose.DontTranspose;
                    var ta = s.TransA == Transpose.Yes ? MnTranspose.Transpose : MnTranspose.DontTranspose;
                    // Column-major view: stored B is (Ldb × rowsB) → rowsB' = Ldb.
                    int rowsBcm = s.Ldb, colsBcm = s.TransB == Transpose.No ? s.K : s.N;
                    int rowsAcm = s.Lda, colsAcm = s.TransA == Transpose.No ? s.M : s.K;
                    if (typeof(T) == typeof(float))
                        provider.MatrixMultiplyWithUpdate(tb, ta, 1f, (float[])(object)d.B, rowsBcm, colsBcm, (float[])(object)d.A, rowsAcm, colsAcm, 0f, (float[])(object)d.C);
                    else
                        provider.MatrixMultiplyWithUpdate(tb, ta, 1.0, (double[])(object)d.B, rowsBcm, colsBcm, (double[])(object)d.A, rowsAcm, colsAcm, 0.0, (double[])(object)d.C);
                }));
            }
        }
        return list;
    }
}

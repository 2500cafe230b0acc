using System.Runtime.CompilerServices;
using System.Numerics;

namespace FastReg.Simd.Gemm;

/// <summary>
/// A product split into parts along whole micro-tiles: by columns (multiples of NR) or rows
/// (multiples of MR). Each part runs the serial driver on its block of C with the same KC blocking,
/// so every element is computed by the same operations as with one thread.
/// One shared instance per type, used only while <see cref="GemmWorkers"/> is held.
/// </summary>
internal sealed unsafe class GemmJob<T, TKernel> : GemmJob
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : IMicroKernel<T>
{
    public static readonly GemmJob<T, TKernel> Shared = new();

    Transpose _transA, _transB;
    int _m, _n, _k;
    T _alpha, _beta;
    T* _a, _b, _c;
    nint _lda, _ldb, _ldc;
    GemmBlocking _blocking;
    bool _byColumns;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Set(Transpose transA, Transpose transB, int m, int n, int k, T alpha,
        T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc, in GemmBlocking blocking, bool byColumns)
    {
        (_transA, _transB, _m, _n, _k, _alpha, _beta) = (transA, transB, m, n, k, alpha, beta);
        _a = a;
        _b = b;
        _c = c;
        (_lda, _ldb, _ldc) = (lda, ldb, ldc);
        _blocking = blocking;
        _byColumns = byColumns;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(int part, int parts)
    {
        if (_byColumns)
        {
            (int j0, int j1) = Range(part, parts, _n, TKernel.NR);
            if (j1 <= j0) return;
            T* b = _transB == Transpose.No ? _b + j0 : _b + j0 * _ldb;
            GemmDriver.Run<T, TKernel>(_transA, _transB, _m, j1 - j0, _k, _alpha, _a, _lda, b, _ldb, _beta, _c + j0, _ldc, _blocking);
        }
        else
        {
            (int i0, int i1) = Range(part, parts, _m, TKernel.MR);
            if (i1 <= i0) return;
            T* a = _transA == Transpose.No ? _a + i0 * _lda : _a + i0;
            GemmDriver.Run<T, TKernel>(_transA, _transB, i1 - i0, _n, _k, _alpha, a, _lda, _b, _ldb, _beta, _c + i0 * _ldc, _ldc, _blocking);
        }
    }

    /// <summary>Part's share of [0, length) in whole tiles of the given width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static (int Start, int End) Range(int part, int parts, int length, int tile)
    {
        long tiles = (length + tile - 1) / tile;
        int start = (int)(part * tiles / parts) * tile;
        int end = (int)Math.Min(length, (part + 1) * tiles / parts * tile);
        return (start, end);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd.Gemm;

/// <summary>
/// AVX2+FMA micro-kernel: 6 rows × 2 Vector256 columns, i.e. 6×16 for float (sgemm_haswell 6x16)
/// and 6×8 for double. 12 accumulators + 2 B vectors + 1 broadcast = 15 of the 16 ymm registers;
/// per k step 12 FMAs against 2 loads and 6 broadcasts, enough to keep both FMA pipes busy.
/// </summary>
internal readonly unsafe struct Avx2Kernel6x16<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 6;

    public static bool DirectA => true;

    public static int NR => 2 * Vector256<T>.Count;

    // Fully optimized from the first call: tier-0 code would run the first products ~10x slower.
    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint rsa, nint csa, int mr, T* b, nint rsb, T alpha, T beta, T* c, nint ldc)
    {
        nint w = Vector256<T>.Count;
        // Ask for the C tile now so its lines arrive while the k loop runs (BLIS does the same).
        for (int r = 0; r < 6; r++) GemmPrefetch.Row(c + r * ldc, 2 * w);
        Vector256<T> c00 = Vector256<T>.Zero, c01 = Vector256<T>.Zero, c10 = Vector256<T>.Zero, c11 = Vector256<T>.Zero, c20 = Vector256<T>.Zero, c21 = Vector256<T>.Zero, c30 = Vector256<T>.Zero, c31 = Vector256<T>.Zero, c40 = Vector256<T>.Zero, c41 = Vector256<T>.Zero, c50 = Vector256<T>.Zero, c51 = Vector256<T>.Zero;
        // Row pointers (rows past mr alias row 0: their results land in the discarded part of an edge tile).
        T* a0 = a, a1 = a + (mr > 1 ? 1 * rsa : 0), a2 = a + (mr > 2 ? 2 * rsa : 0), a3 = a + (mr > 3 ? 3 * rsa : 0), a4 = a + (mr > 4 ? 4 * rsa : 0), a5 = a + (mr > 5 ? 5 * rsa : 0);
        nint o = 0;
        for (int p = 0; p < kc; p++)
        {
            Vector256<T> b0 = Vector256.Load(b);
            Vector256<T> b1 = Vector256.Load(b + w);
            Vector256<T> ai;
            ai = Vector256.Create(a0[o]); c00 = VectorMath.MultiplyAdd(ai, b0, c00); c01 = VectorMath.MultiplyAdd(ai, b1, c01);
            ai = Vector256.Create(a1[o]); c10 = VectorMath.MultiplyAdd(ai, b0, c10); c11 = VectorMath.MultiplyAdd(ai, b1, c11);
            ai = Vector256.Create(a2[o]); c20 = VectorMath.MultiplyAdd(ai, b0, c20); c21 = VectorMath.MultiplyAdd(ai, b1, c21);
            ai = Vector256.Create(a3[o]); c30 = VectorMath.MultiplyAdd(ai, b0, c30); c31 = VectorMath.MultiplyAdd(ai, b1, c31);
            ai = Vector256.Create(a4[o]); c40 = VectorMath.MultiplyAdd(ai, b0, c40); c41 = VectorMath.MultiplyAdd(ai, b1, c41);
            ai = Vector256.Create(a5[o]); c50 = VectorMath.MultiplyAdd(ai, b0, c50); c51 = VectorMath.MultiplyAdd(ai, b1, c51);
            o += csa;
            b += rsb;
        }
        Vector256<T> va = Vector256.Create(alpha);
        if (beta == T.Zero)
        {
            Store(c + 0 * ldc, w, va, c00, c01);
            Store(c + 1 * ldc, w, va, c10, c11);
            Store(c + 2 * ldc, w, va, c20, c21);
            Store(c + 3 * ldc, w, va, c30, c31);
            Store(c + 4 * ldc, w, va, c40, c41);
            Store(c + 5 * ldc, w, va, c50, c51);
        }
        else
        {
            Vector256<T> vb = Vector256.Create(beta);
            Update(c + 0 * ldc, w, va, vb, c00, c01);
            Update(c + 1 * ldc, w, va, vb, c10, c11);
            Update(c + 2 * ldc, w, va, vb, c20, c21);
            Update(c + 3 * ldc, w, va, vb, c30, c31);
            Update(c + 4 * ldc, w, va, vb, c40, c41);
            Update(c + 5 * ldc, w, va, vb, c50, c51);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Store(T* c, nint w, Vector256<T> va, Vector256<T> x0, Vector256<T> x1)
    {
        Vector256.Store(va * x0, c);
        Vector256.Store(va * x1, c + w);
    }

    // fma(beta, c, alpha·acc): the formula GemmDriver.MergeEdge uses, so edge and interior tiles round alike.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Update(T* c, nint w, Vector256<T> va, Vector256<T> vb, Vector256<T> x0, Vector256<T> x1)
    {
        Vector256.Store(VectorMath.MultiplyAdd(vb, Vector256.Load(c), va * x0), c);
        Vector256.Store(VectorMath.MultiplyAdd(vb, Vector256.Load(c + w), va * x1), c + w);
    }
}

using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd.Gemm;

/// <summary>
/// AVX-512 micro-kernel: 12 rows × 2 Vector512 columns, i.e. 12×32 for float and 12×16 for double.
/// 24 accumulators + 2 B vectors + 1 broadcast = 27 of the 32 zmm registers.
/// </summary>
internal readonly unsafe struct Avx512Kernel12x32<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 12;

    public static bool DirectA => false;

    public static int NR => 2 * Vector512<T>.Count;

    // Fully optimized from the first call: tier-0 code would run the first products ~10x slower.
    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint rsa, nint csa, int mr, T* b, nint rsb, T alpha, T beta, T* c, nint ldc)
    {
        nint w = Vector512<T>.Count;
        for (int r = 0; r < 12; r++) GemmPrefetch.Row(c + r * ldc, 2 * w);
        Vector512<T> c00 = Vector512<T>.Zero, c01 = Vector512<T>.Zero, c10 = Vector512<T>.Zero, c11 = Vector512<T>.Zero, c20 = Vector512<T>.Zero, c21 = Vector512<T>.Zero, c30 = Vector512<T>.Zero, c31 = Vector512<T>.Zero, c40 = Vector512<T>.Zero, c41 = Vector512<T>.Zero, c50 = Vector512<T>.Zero, c51 = Vector512<T>.Zero, c60 = Vector512<T>.Zero, c61 = Vector512<T>.Zero, c70 = Vector512<T>.Zero, c71 = Vector512<T>.Zero, c80 = Vector512<T>.Zero, c81 = Vector512<T>.Zero, c90 = Vector512<T>.Zero, c91 = Vector512<T>.Zero, c100 = Vector512<T>.Zero, c101 = Vector512<T>.Zero, c110 = Vector512<T>.Zero, c111 = Vector512<T>.Zero;
        Debug.Assert(rsa == 1 && mr == MR, "A is always packed for this kernel (DirectA is false).");
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + w);
            Vector512<T> ai;
            ai = Vector512.Create(a[0]); c00 = VectorMath.MultiplyAdd(ai, b0, c00); c01 = VectorMath.MultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a[1]); c10 = VectorMath.MultiplyAdd(ai, b0, c10); c11 = VectorMath.MultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a[2]); c20 = VectorMath.MultiplyAdd(ai, b0, c20); c21 = VectorMath.MultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a[3]); c30 = VectorMath.MultiplyAdd(ai, b0, c30); c31 = VectorMath.MultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a[4]); c40 = VectorMath.MultiplyAdd(ai, b0, c40); c41 = VectorMath.MultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a[5]); c50 = VectorMath.MultiplyAdd(ai, b0, c50); c51 = VectorMath.MultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(a[6]); c60 = VectorMath.MultiplyAdd(ai, b0, c60); c61 = VectorMath.MultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(a[7]); c70 = VectorMath.MultiplyAdd(ai, b0, c70); c71 = VectorMath.MultiplyAdd(ai, b1, c71);
            ai = Vector512.Create(a[8]); c80 = VectorMath.MultiplyAdd(ai, b0, c80); c81 = VectorMath.MultiplyAdd(ai, b1, c81);
            ai = Vector512.Create(a[9]); c90 = VectorMath.MultiplyAdd(ai, b0, c90); c91 = VectorMath.MultiplyAdd(ai, b1, c91);
            ai = Vector512.Create(a[10]); c100 = VectorMath.MultiplyAdd(ai, b0, c100); c101 = VectorMath.MultiplyAdd(ai, b1, c101);
            ai = Vector512.Create(a[11]); c110 = VectorMath.MultiplyAdd(ai, b0, c110); c111 = VectorMath.MultiplyAdd(ai, b1, c111);
            a += csa;
            b += rsb;
        }
        Vector512<T> va = Vector512.Create(alpha);
        if (beta == T.Zero)
        {
            Store(c + 0 * ldc, w, va, c00, c01);
            Store(c + 1 * ldc, w, va, c10, c11);
            Store(c + 2 * ldc, w, va, c20, c21);
            Store(c + 3 * ldc, w, va, c30, c31);
            Store(c + 4 * ldc, w, va, c40, c41);
            Store(c + 5 * ldc, w, va, c50, c51);
            Store(c + 6 * ldc, w, va, c60, c61);
            Store(c + 7 * ldc, w, va, c70, c71);
            Store(c + 8 * ldc, w, va, c80, c81);
            Store(c + 9 * ldc, w, va, c90, c91);
            Store(c + 10 * ldc, w, va, c100, c101);
            Store(c + 11 * ldc, w, va, c110, c111);
        }
        else
        {
            Vector512<T> vb = Vector512.Create(beta);
            Update(c + 0 * ldc, w, va, vb, c00, c01);
            Update(c + 1 * ldc, w, va, vb, c10, c11);
            Update(c + 2 * ldc, w, va, vb, c20, c21);
            Update(c + 3 * ldc, w, va, vb, c30, c31);
            Update(c + 4 * ldc, w, va, vb, c40, c41);
            Update(c + 5 * ldc, w, va, vb, c50, c51);
            Update(c + 6 * ldc, w, va, vb, c60, c61);
            Update(c + 7 * ldc, w, va, vb, c70, c71);
            Update(c + 8 * ldc, w, va, vb, c80, c81);
            Update(c + 9 * ldc, w, va, vb, c90, c91);
            Update(c + 10 * ldc, w, va, vb, c100, c101);
            Update(c + 11 * ldc, w, va, vb, c110, c111);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Store(T* c, nint w, Vector512<T> va, Vector512<T> x0, Vector512<T> x1)
    {
        Vector512.Store(va * x0, c);
        Vector512.Store(va * x1, c + w);
    }

    // fma(beta, c, alpha·acc): the formula GemmDriver.MergeEdge uses, so edge and interior tiles round alike.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Update(T* c, nint w, Vector512<T> va, Vector512<T> vb, Vector512<T> x0, Vector512<T> x1)
    {
        Vector512.Store(VectorMath.MultiplyAdd(vb, Vector512.Load(c), va * x0), c);
        Vector512.Store(VectorMath.MultiplyAdd(vb, Vector512.Load(c + w), va * x1), c + w);
    }
}

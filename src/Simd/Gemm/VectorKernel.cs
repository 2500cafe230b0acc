using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd.Gemm;

/// <summary>
/// Portable Vector&lt;T&gt; micro-kernel: 6 rows × 2 Vector&lt;T&gt; columns (6×16 float with 256-bit
/// Vector&lt;T&gt;, 6×8 with 128-bit). Uses a fused multiply-add where the hardware has one
/// (<see cref="VectorMath.MultiplyAdd{T}(Vector{T}, Vector{T}, Vector{T})"/>).
/// </summary>
internal readonly unsafe struct VectorKernel<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 6;

    public static bool DirectA => true;

    public static int NR => 2 * Vector<T>.Count;

    // Fully optimized from the first call: tier-0 code would run the first products ~10x slower.
    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint rsa, nint csa, int mr, T* b, nint rsb, T alpha, T beta, T* c, nint ldc)
    {
        nint w = Vector<T>.Count;
        for (int r = 0; r < 6; r++) GemmPrefetch.Row(c + r * ldc, 2 * w);
        Vector<T> c00 = Vector<T>.Zero, c01 = Vector<T>.Zero, c10 = Vector<T>.Zero, c11 = Vector<T>.Zero, c20 = Vector<T>.Zero, c21 = Vector<T>.Zero, c30 = Vector<T>.Zero, c31 = Vector<T>.Zero, c40 = Vector<T>.Zero, c41 = Vector<T>.Zero, c50 = Vector<T>.Zero, c51 = Vector<T>.Zero;
        // Row pointers (rows past mr alias row 0: their results land in the discarded part of an edge tile).
        T* a0 = a, a1 = a + (mr > 1 ? 1 * rsa : 0), a2 = a + (mr > 2 ? 2 * rsa : 0), a3 = a + (mr > 3 ? 3 * rsa : 0), a4 = a + (mr > 4 ? 4 * rsa : 0), a5 = a + (mr > 5 ? 5 * rsa : 0);
        nint o = 0;
        for (int p = 0; p < kc; p++)
        {
            Vector<T> b0 = Vector.Load(b);
            Vector<T> b1 = Vector.Load(b + w);
            Vector<T> ai;
            ai = new Vector<T>(a0[o]); c00 = VectorMath.MultiplyAdd(ai, b0, c00); c01 = VectorMath.MultiplyAdd(ai, b1, c01);
            ai = new Vector<T>(a1[o]); c10 = VectorMath.MultiplyAdd(ai, b0, c10); c11 = VectorMath.MultiplyAdd(ai, b1, c11);
            ai = new Vector<T>(a2[o]); c20 = VectorMath.MultiplyAdd(ai, b0, c20); c21 = VectorMath.MultiplyAdd(ai, b1, c21);
            ai = new Vector<T>(a3[o]); c30 = VectorMath.MultiplyAdd(ai, b0, c30); c31 = VectorMath.MultiplyAdd(ai, b1, c31);
            ai = new Vector<T>(a4[o]); c40 = VectorMath.MultiplyAdd(ai, b0, c40); c41 = VectorMath.MultiplyAdd(ai, b1, c41);
            ai = new Vector<T>(a5[o]); c50 = VectorMath.MultiplyAdd(ai, b0, c50); c51 = VectorMath.MultiplyAdd(ai, b1, c51);
            o += csa;
            b += rsb;
        }
        Vector<T> va = new Vector<T>(alpha);
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
            Vector<T> vb = new Vector<T>(beta);
            Update(c + 0 * ldc, w, va, vb, c00, c01);
            Update(c + 1 * ldc, w, va, vb, c10, c11);
            Update(c + 2 * ldc, w, va, vb, c20, c21);
            Update(c + 3 * ldc, w, va, vb, c30, c31);
            Update(c + 4 * ldc, w, va, vb, c40, c41);
            Update(c + 5 * ldc, w, va, vb, c50, c51);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Store(T* c, nint w, Vector<T> va, Vector<T> x0, Vector<T> x1)
    {
        Vector.Store(va * x0, c);
        Vector.Store(va * x1, c + w);
    }

    // fma(beta, c, alpha·acc): the formula GemmDriver.MergeEdge uses, so edge and interior tiles round alike.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Update(T* c, nint w, Vector<T> va, Vector<T> vb, Vector<T> x0, Vector<T> x1)
    {
        Vector.Store(VectorMath.MultiplyAdd(vb, Vector.Load(c), va * x0), c);
        Vector.Store(VectorMath.MultiplyAdd(vb, Vector.Load(c + w), va * x1), c + w);
    }
}

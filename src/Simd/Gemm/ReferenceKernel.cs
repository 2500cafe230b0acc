using System.Runtime.CompilerServices;
using System.Numerics;

namespace FastReg.Simd.Gemm;

/// <summary>
/// Plain scalar 4×4 micro-kernel (BLIS <c>ref_kernels</c>): the Scalar path and the fallback where
/// no vector unit exists. Readable loops over an accumulator tile; the driver and packing are the
/// same as for the vector kernels.
/// </summary>
internal readonly unsafe struct ReferenceKernel<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 4;

    public static bool DirectA => true;

    public static int NR => 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint rsa, nint csa, int mr, T* b, nint rsb, T alpha, T beta, T* c, nint ldc)
    {
        T* ab = stackalloc T[4 * 4];
        for (int i = 0; i < 16; i++) ab[i] = T.Zero;
        for (int p = 0; p < kc; p++)
        {
            for (int i = 0; i < 4; i++)
            {
                T ai = i < mr ? a[i * rsa + p * csa] : T.Zero;
                for (int j = 0; j < 4; j++) ab[i * 4 + j] += ai * b[j];
            }
            b += rsb;
        }
        for (int i = 0; i < 4; i++)
        {
            T* ci = c + i * ldc;
            for (int j = 0; j < 4; j++)
            {
                T t = alpha * ab[i * 4 + j];
                ci[j] = beta == T.Zero ? t : VectorMath.MultiplyAdd(beta, ci[j], t);
            }
        }
    }
}

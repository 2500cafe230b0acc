using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastReg.Simd.Gemm;

/// <summary>
/// Zero-padded copy of partial rows with AVX masked loads (vmaskmov reads only the selected lanes and
/// returns zero in the others, without touching memory past the row). Packs the partial last panel
/// of B, which for a narrow output layer (N = 10) is the whole of B and cost a third of the product
/// with a scalar copy.
/// </summary>
internal static unsafe class MaskedCopy
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Supports<T>(int width) where T : unmanaged =>
        Avx.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double)) && width % Vector256<T>.Count == 0;

    /// <summary>dst[p·width + j] = j &lt; count ? src[p·ld + j] : 0 for p &lt; rows, j &lt; width (count &lt; width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows<T>(T* src, nint ld, int count, int width, int rows, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Vector256<int> lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            for (int v = 0; v < width; v += 8)
            {
                Vector256<float> mask = Vector256.LessThan(lane, Vector256.Create(count - v)).AsSingle();
                float* s = (float*)src + v, d = (float*)dst + v;
                for (int p = 0; p < rows; p++) Avx.Store(d + p * width, Avx.MaskLoad(s + p * ld, mask));
            }
        }
        else
        {
            Vector256<long> lane = Vector256.Create(0L, 1, 2, 3);
            for (int v = 0; v < width; v += 4)
            {
                Vector256<double> mask = Vector256.LessThan(lane, Vector256.Create((long)(count - v))).AsDouble();
                double* s = (double*)src + v, d = (double*)dst + v;
                for (int p = 0; p < rows; p++) Avx.Store(d + p * width, Avx.MaskLoad(s + p * ld, mask));
            }
        }
    }
}

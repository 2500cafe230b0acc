using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Runs an <see cref="IAggregateOperator{T}"/> over a span on a given path. Four independent
/// vector accumulators hide the add latency; the remainder runs one vector at a time, then
/// scalar. Lane order is fixed for a given path and length, so results are reproducible.
/// </summary>
internal static class AggregateDriver
{
    [SkipLocalsInit]
    public static T Run<T, TOp>(ReadOnlySpan<T> x, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IAggregateOperator<T>
    {
        ref T p = ref MemoryMarshal.GetReference(x);
        int n = x.Length;
        int i = 0;
        T result = TOp.Identity;

        if (path == SimdPath.Avx512 && n >= Vector512<T>.Count)
        {
            int w = Vector512<T>.Count;
            Vector512<T> a0 = Vector512.Create(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                a0 = TOp.Accumulate(a0, Vector512.LoadUnsafe(ref p, (nuint)i));
                a1 = TOp.Accumulate(a1, Vector512.LoadUnsafe(ref p, (nuint)(i + w)));
                a2 = TOp.Accumulate(a2, Vector512.LoadUnsafe(ref p, (nuint)(i + 2 * w)));
                a3 = TOp.Accumulate(a3, Vector512.LoadUnsafe(ref p, (nuint)(i + 3 * w)));
            }
            for (; i <= n - w; i += w) a0 = TOp.Accumulate(a0, Vector512.LoadUnsafe(ref p, (nuint)i));
            result = TOp.Reduce(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)));
        }
        else if (path == SimdPath.Avx2 && n >= Vector256<T>.Count)
        {
            int w = Vector256<T>.Count;
            Vector256<T> a0 = Vector256.Create(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                a0 = TOp.Accumulate(a0, Vector256.LoadUnsafe(ref p, (nuint)i));
                a1 = TOp.Accumulate(a1, Vector256.LoadUnsafe(ref p, (nuint)(i + w)));
                a2 = TOp.Accumulate(a2, Vector256.LoadUnsafe(ref p, (nuint)(i + 2 * w)));
                a3 = TOp.Accumulate(a3, Vector256.LoadUnsafe(ref p, (nuint)(i + 3 * w)));
            }
            for (; i <= n - w; i += w) a0 = TOp.Accumulate(a0, Vector256.LoadUnsafe(ref p, (nuint)i));
            result = TOp.Reduce(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)));
        }
        else if (path == SimdPath.Vector && n >= Vector<T>.Count)
        {
            int w = Vector<T>.Count;
            Vector<T> a0 = new(TOp.Identity), a1 = a0, a2 = a0, a3 = a0;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                a0 = TOp.Accumulate(a0, Vector.LoadUnsafe(ref p, (nuint)i));
                a1 = TOp.Accumulate(a1, Vector.LoadUnsafe(ref p, (nuint)(i + w)));
                a2 = TOp.Accumulate(a2, Vector.LoadUnsafe(ref p, (nuint)(i + 2 * w)));
                a3 = TOp.Accumulate(a3, Vector.LoadUnsafe(ref p, (nuint)(i + 3 * w)));
            }
            for (; i <= n - w; i += w) a0 = TOp.Accumulate(a0, Vector.LoadUnsafe(ref p, (nuint)i));
            result = TOp.Reduce(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)));
        }

        for (; i < n; i++) result = TOp.Accumulate(result, Unsafe.Add(ref p, i));
        return result;
    }
}

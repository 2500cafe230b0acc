using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Runs an <see cref="IBinaryOperator{T}"/> over (a, b) into z on a given path, one vector per
/// step, the tail through a zero-padded vector on the stack (see <see cref="UnaryDriver"/>).
/// z may be a or b itself. Callers validate lengths and overlap.
/// </summary>
internal static class BinaryDriver
{
    [SkipLocalsInit]
    public static void Run<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T pb = ref MemoryMarshal.GetReference(b);
        ref T pz = ref MemoryMarshal.GetReference(z);
        int n = a.Length;
        int i = 0;

        if (path == SimdPath.Avx512)
        {
            int w = Vector512<T>.Count;
            for (; i <= n - w; i += w)
                op.Invoke(Vector512.LoadUnsafe(ref pa, (nuint)i), Vector512.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref pz, (nuint)i);
            if (i < n)
            {
                Vector512<T> va = Vector512<T>.Zero, vb = Vector512<T>.Zero;
                Span<T> ba = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref va), w);
                Span<T> bb = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref vb), w);
                a[i..].CopyTo(ba);
                b[i..n].CopyTo(bb);
                va = op.Invoke(va, vb);
                ba[..(n - i)].CopyTo(z[i..]);
            }
        }
        else if (path == SimdPath.Avx2)
        {
            int w = Vector256<T>.Count;
            for (; i <= n - w; i += w)
                op.Invoke(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref pz, (nuint)i);
            if (i < n)
            {
                Vector256<T> va = Vector256<T>.Zero, vb = Vector256<T>.Zero;
                Span<T> ba = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<T>, T>(ref va), w);
                Span<T> bb = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<T>, T>(ref vb), w);
                a[i..].CopyTo(ba);
                b[i..n].CopyTo(bb);
                va = op.Invoke(va, vb);
                ba[..(n - i)].CopyTo(z[i..]);
            }
        }
        else if (path == SimdPath.Vector)
        {
            int w = Vector<T>.Count;
            for (; i <= n - w; i += w)
                op.Invoke(Vector.LoadUnsafe(ref pa, (nuint)i), Vector.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref pz, (nuint)i);
            if (i < n)
            {
                Vector<T> va = Vector<T>.Zero, vb = Vector<T>.Zero;
                Span<T> ba = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector<T>, T>(ref va), w);
                Span<T> bb = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector<T>, T>(ref vb), w);
                a[i..].CopyTo(ba);
                b[i..n].CopyTo(bb);
                va = op.Invoke(va, vb);
                ba[..(n - i)].CopyTo(z[i..]);
            }
        }
        else
        {
            for (; i < n; i++) Unsafe.Add(ref pz, i) = op.Invoke(Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i));
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// Runs an <see cref="IUnaryOperator{T}"/> over x into y on a given path, one vector per step.
/// The tail (fewer than one vector) is copied into a zero-padded vector on the stack and runs
/// through the same vector code, so every element of a path sees the same arithmetic, and no
/// element is computed twice: y may be x itself (in place). Callers validate lengths and overlap.
/// </summary>
internal static class UnaryDriver
{
    [SkipLocalsInit]
    public static void Run<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T py = ref MemoryMarshal.GetReference(y);
        int n = x.Length;
        int i = 0;

        if (path == SimdPath.Avx512)
        {
            int w = Vector512<T>.Count;
            for (; i <= n - w; i += w)
                op.Invoke(Vector512.LoadUnsafe(ref px, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
            if (i < n)
            {
                Vector512<T> v = Vector512<T>.Zero;
                Span<T> buffer = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref v), w);
                x[i..].CopyTo(buffer);
                v = op.Invoke(v);
                buffer[..(n - i)].CopyTo(y[i..]);
            }
        }
        else if (path == SimdPath.Avx2)
        {
            int w = Vector256<T>.Count;
            for (; i <= n - w; i += w)
                op.Invoke(Vector256.LoadUnsafe(ref px, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
            if (i < n)
            {
                Vector256<T> v = Vector256<T>.Zero;
                Span<T> buffer = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<T>, T>(ref v), w);
                x[i..].CopyTo(buffer);
                v = op.Invoke(v);
                buffer[..(n - i)].CopyTo(y[i..]);
            }
        }
        else if (path == SimdPath.Vector)
        {
            int w = Vector<T>.Count;
            for (; i <= n - w; i += w)
                op.Invoke(Vector.LoadUnsafe(ref px, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
            if (i < n)
            {
                Vector<T> v = Vector<T>.Zero;
                Span<T> buffer = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector<T>, T>(ref v), w);
                x[i..].CopyTo(buffer);
                v = op.Invoke(v);
                buffer[..(n - i)].CopyTo(y[i..]);
            }
        }
        else
        {
            for (; i < n; i++) Unsafe.Add(ref py, i) = op.Invoke(Unsafe.Add(ref px, i));
        }
    }
}

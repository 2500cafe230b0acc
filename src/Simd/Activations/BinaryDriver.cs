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
[SkipLocalsInit]
internal static class BinaryDriver
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op, SimdPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        VectorWidth width = PathTable.Width(path);
        if (width == VectorWidth.Bits512) RunWidth<T, TOp, Width512<T>, Vector512<T>>(a, b, z, op);
        else if (width == VectorWidth.Bits256) RunWidth<T, TOp, Width256<T>, Vector256<T>>(a, b, z, op);
        else if (width == VectorWidth.Vector) RunWidth<T, TOp, WidthVector<T>, Vector<T>>(a, b, z, op);
        else RunScalar(a, b, z, op);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunWidth<T, TOp, TWidth, TVector>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T pb = ref MemoryMarshal.GetReference(b);
        ref T pz = ref MemoryMarshal.GetReference(z);
        int n = a.Length;
        int w = TWidth.Count;
        int i = 0;
        for (; i <= n - w; i += w)
            TWidth.Store(TWidth.Apply(op, TWidth.Load(ref pa, (nuint)i), TWidth.Load(ref pb, (nuint)i)), ref pz, (nuint)i);
        if (i < n) Tail<T, TOp, TWidth, TVector>(a, b, z, op, i);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tail<T, TOp, TWidth, TVector>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op, int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : unmanaged
    {
        TVector va = default, vb = default;
        Span<T> ba = MemoryMarshal.CreateSpan(ref Unsafe.As<TVector, T>(ref va), TWidth.Count);
        Span<T> bb = MemoryMarshal.CreateSpan(ref Unsafe.As<TVector, T>(ref vb), TWidth.Count);
        a[i..].CopyTo(ba);
        b[i..a.Length].CopyTo(bb);
        va = TWidth.Apply(op, va, vb);
        ba[..(a.Length - i)].CopyTo(z[i..]);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunScalar<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T pb = ref MemoryMarshal.GetReference(b);
        ref T pz = ref MemoryMarshal.GetReference(z);
        for (int i = 0; i < a.Length; i++) Unsafe.Add(ref pz, i) = op.Invoke(Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i));
    }
}

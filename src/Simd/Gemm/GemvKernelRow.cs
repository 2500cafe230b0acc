using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastReg.Simd.Gemm;

/// <summary>The GEMV part of one path-table row: the kernel for float and double and when another path's kernel takes short rows.</summary>
internal sealed unsafe class GemvKernelRow
{
    readonly delegate*<int, int, float, ref float, int, ref float, float, ref float, void> _float;
    readonly delegate*<int, int, double, ref double, int, ref double, double, ref double, void> _double;

    /// <param name="kernel">The kernel's name, e.g. <c>GemvKernels.Avx2</c>.</param>
    /// <param name="detail">How it works, for people.</param>
    /// <param name="runFloat">The float kernel.</param>
    /// <param name="runDouble">The double kernel.</param>
    /// <param name="shortRowsOn">The path whose kernel runs rows shorter than <paramref name="shortRowsBelow"/>, or null.</param>
    /// <param name="shortRowsBelow">See <paramref name="shortRowsOn"/>.</param>
    public GemvKernelRow(string kernel, string detail,
        delegate*<int, int, float, ref float, int, ref float, float, ref float, void> runFloat,
        delegate*<int, int, double, ref double, int, ref double, double, ref double, void> runDouble,
        SimdPath? shortRowsOn = null, int shortRowsBelow = 0)
    {
        Kernel = kernel;
        Detail = detail;
        _float = runFloat;
        _double = runDouble;
        ShortRowsOn = shortRowsOn;
        ShortRowsBelow = shortRowsBelow;
    }

    public string Kernel { get; }

    public string Detail { get; }

    public SimdPath? ShortRowsOn { get; }

    public int ShortRowsBelow { get; }

    /// <summary>y := alpha·A·x + beta·y, arguments validated, m ≥ 1, n ≥ 1, alpha ≠ 0 (T is float or double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Run<T>(int m, int n, T alpha, ref T a, int lda, ref T x, T beta, ref T y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            _float(m, n, Unsafe.As<T, float>(ref alpha), ref Unsafe.As<T, float>(ref a), lda, ref Unsafe.As<T, float>(ref x),
                Unsafe.As<T, float>(ref beta), ref Unsafe.As<T, float>(ref y));
        else
            _double(m, n, Unsafe.As<T, double>(ref alpha), ref Unsafe.As<T, double>(ref a), lda, ref Unsafe.As<T, double>(ref x),
                Unsafe.As<T, double>(ref beta), ref Unsafe.As<T, double>(ref y));
    }
}

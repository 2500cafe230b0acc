using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastReg.Simd.Gemm;

/// <summary>
/// The GEMM part of one path-table row: the micro-kernel (for float and double), its block sizes,
/// and direct pointers to the driver instantiated for that kernel, so <c>Blas.Gemm</c> runs a path
/// without a switch over path names. A new GEMM entry point generic over the kernel (a fused
/// epilogue, say) adds one pointer pair here, set in <see cref="Of"/>; no row changes.
/// </summary>
internal sealed unsafe class GemmKernelRow
{
    readonly delegate*<in GemmCall<float>, void> _float;
    readonly delegate*<in GemmCall<double>, void> _double;

    GemmKernelRow(string kernel, GemmBlocking floatBlocking, GemmBlocking doubleBlocking,
        delegate*<in GemmCall<float>, void> runFloat, delegate*<in GemmCall<double>, void> runDouble)
    {
        Kernel = kernel;
        Float = floatBlocking;
        Double = doubleBlocking;
        _float = runFloat;
        _double = runDouble;
    }

    /// <summary>The micro-kernel's name, e.g. <c>Avx2Kernel6x16</c>.</summary>
    public string Kernel { get; }

    /// <summary>Tile (the kernel's MR×NR) and cache blocks for float.</summary>
    public GemmBlocking Float { get; }

    /// <summary>Tile (the kernel's MR×NR) and cache blocks for double.</summary>
    public GemmBlocking Double { get; }

    /// <summary>A row for the kernel family <typeparamref name="TFloat"/>/<typeparamref name="TDouble"/>; MR and NR are the kernel's own.</summary>
    public static GemmKernelRow Of<TFloat, TDouble>(string kernel, GemmCacheBlocks forFloat, GemmCacheBlocks forDouble)
        where TFloat : IMicroKernel<float>
        where TDouble : IMicroKernel<double>
    {
        var f = new GemmBlocking(TFloat.MR, TFloat.NR, forFloat.KC, forFloat.MC, forFloat.NC);
        var d = new GemmBlocking(TDouble.MR, TDouble.NR, forDouble.KC, forDouble.MC, forDouble.NC);
        Require(kernel, f);
        Require(kernel, d);
        return new GemmKernelRow(kernel, f, d, &Blas.Dispatch<float, TFloat>, &Blas.Dispatch<double, TDouble>);
    }

    /// <summary>The blocking for <typeparamref name="T"/> (float or double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public GemmBlocking Blocking<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? Float : Double;

    /// <summary>Runs a validated call (T is float or double) through this row's kernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Run<T>(ref GemmCall<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) _float(in Unsafe.As<GemmCall<T>, GemmCall<float>>(ref x));
        else _double(in Unsafe.As<GemmCall<T>, GemmCall<double>>(ref x));
    }

    static void Require(string kernel, GemmBlocking b)
    {
        if (b.KC <= 0 || b.MC % b.MR != 0 || b.NC % b.NR != 0)
            throw new InvalidOperationException($"Path table: {kernel} needs KC > 0, MC a multiple of MR ({b.MR}) and NC of NR ({b.NR}); got KC {b.KC}, MC {b.MC}, NC {b.NC}.");
    }
}

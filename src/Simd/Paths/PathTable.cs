using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastReg.Simd.Gemm;

namespace FastReg.Simd;

/// <summary>
/// The one table of kernel paths (BLIS's context rows): each row gives the vector width the drivers
/// use, the GEMM micro-kernel with its block sizes, the GEMV kernel, the names and how the path is
/// detected. <see cref="Isa"/>, <c>Blas.Gemm</c>, <c>Blas.Gemv</c>, the element-wise drivers (through
/// <see cref="VectorWidth"/>) and the public <see cref="KernelPathInfo"/> read it. A new path at an
/// existing width is one <see cref="SimdPath"/> value, one row here and one micro-kernel
/// (docs/extending.md).
/// </summary>
internal static unsafe class PathTable
{
    /// <summary>Rows in <see cref="SimdPath"/> order (plainest first); row i is path i.</summary>
    static readonly PathRow[] s_rows =
    [
        new PathRow
        {
            Path = SimdPath.Scalar, Width = VectorWidth.Scalar, Name = "scalar", DisplayName = "scalar (reference loops)",
            Requires = "nothing", IsAccelerated = true,
            //                                                                        KC   MC    NC (float, then double)
            Gemm = GemmKernelRow.Of<ReferenceKernel<float>, ReferenceKernel<double>>(nameof(ReferenceKernel<float>), new(256, 64, 1024), new(256, 64, 1024)),
            Gemv = new("GemvKernels.Scalar", "scalar, 4 rows per pass", &GemvKernels.Scalar<float>, &GemvKernels.Scalar<double>),
        },
        new PathRow
        {
            Path = SimdPath.Vector, Width = VectorWidth.Vector, Name = "vector", DisplayName = "Vector<T> (portable)",
            Requires = "Vector.IsHardwareAccelerated", IsAccelerated = Vector.IsHardwareAccelerated,
            Gemm = GemmKernelRow.Of<VectorKernel<float>, VectorKernel<double>>(nameof(VectorKernel<float>), new(256, 144, 4096), new(256, 72, 4096)),
            Gemv = new("GemvKernels.Portable", $"Vector<T> ({Vector<float>.Count} float lanes), 4 rows per pass sharing each x load",
                &GemvKernels.Portable<float>, &GemvKernels.Portable<double>),
        },
        new PathRow
        {
            Path = SimdPath.Avx2, Width = VectorWidth.Bits256, Name = "avx2", DisplayName = "AVX2 + FMA (Vector256)", HardwareFma = true,
            Requires = "Vector256.IsHardwareAccelerated, Avx2 and Fma", IsAccelerated = Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported,
            Gemm = GemmKernelRow.Of<Avx2Kernel6x16<float>, Avx2Kernel6x16<double>>(nameof(Avx2Kernel6x16<float>), new(256, 144, 4080), new(256, 72, 4080)),
            Gemv = new("GemvKernels.Avx2", "Vector256 + FMA, 4 rows per pass sharing each x load", &GemvKernels.Avx2<float>, &GemvKernels.Avx2<double>),
        },
        new PathRow
        {
            Path = SimdPath.Avx512, Width = VectorWidth.Bits512, Name = "avx512", DisplayName = "AVX-512F (Vector512)", HardwareFma = true,
            Requires = "Vector512.IsHardwareAccelerated and Avx512F", IsAccelerated = Vector512.IsHardwareAccelerated && Avx512F.IsSupported,
            Gemm = GemmKernelRow.Of<Avx512Kernel12x32<float>, Avx512Kernel12x32<double>>(nameof(Avx512Kernel12x32<float>), new(256, 144, 4096), new(256, 96, 4096)),
            // Small products and short rows run on the Avx2 kernels (Blas.SmallForWideKernel, Blas.GemvPath).
            SmallGemmOn = SimdPath.Avx2,
            Gemv = new("GemvKernels.Avx512", "Vector512, 4 rows per pass sharing each x load", &GemvKernels.Avx512<float>, &GemvKernels.Avx512<double>,
                shortRowsOn: SimdPath.Avx2, shortRowsBelow: 1024),
        },
    ];

    static PathTable()
    {
        for (int i = 0; i < s_rows.Length; i++)
            if ((int)s_rows[i].Path != i)
                throw new InvalidOperationException($"Path table: row {i} is {s_rows[i].Path}; rows must follow the SimdPath values.");
    }

    /// <summary>Every row, plainest first.</summary>
    public static ReadOnlySpan<PathRow> Rows => s_rows;

    /// <summary>The row of <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="path"/> is not a defined <see cref="SimdPath"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PathRow Row(SimdPath path)
    {
        PathRow[] rows = s_rows;
        if ((uint)path >= (uint)rows.Length) ThrowUnknown(path);
        return rows[(int)path];
    }

    /// <summary>The vector width the drivers use on <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="path"/> is not a defined <see cref="SimdPath"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorWidth Width(SimdPath path) => Row(path).Width;

    /// <summary>The public description of a row.</summary>
    public static KernelPathInfo Describe(PathRow row)
    {
        (string vectorType, int floatLanes, int doubleLanes, int bits) = row.Width switch
        {
            VectorWidth.Scalar => ("scalar", 1, 1, 0),
            VectorWidth.Vector => ("Vector<T>", Vector<float>.Count, Vector<double>.Count, Vector<byte>.Count * 8),
            VectorWidth.Bits256 => ("Vector256<T>", Vector256<float>.Count, Vector256<double>.Count, 256),
            VectorWidth.Bits512 => ("Vector512<T>", Vector512<float>.Count, Vector512<double>.Count, 512),
            _ => throw new InvalidOperationException($"Path table: {row.Path} has an unknown vector width {row.Width}."),
        };
        GemmBlocking f = row.Gemm.Float, d = row.Gemm.Double;
        var gemm = new GemmKernelInfo(row.Gemm.Kernel, new(f.MR, f.NR, f.KC, f.MC, f.NC), new(d.MR, d.NR, d.KC, d.MC, d.NC),
            row.SmallGemmOn, Blas.ParallelThresholdFlops);
        var gemv = new GemvKernelInfo(row.Gemv.Kernel, row.Gemv.Detail, row.Gemv.ShortRowsOn, row.Gemv.ShortRowsBelow);
        return new KernelPathInfo(row.Path, row.Name, row.DisplayName, vectorType, floatLanes, doubleLanes, bits, row.HardwareFma,
            row.Requires, row.IsAccelerated, gemm, gemv);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    static void ThrowUnknown(SimdPath path) =>
        throw new ArgumentOutOfRangeException(nameof(path), path, $"{(int)path} is not a kernel path (known: {string.Join(", ", Enum.GetNames<SimdPath>())}).");
}

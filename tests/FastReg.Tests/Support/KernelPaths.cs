using FastReg.Simd;

namespace FastReg.Tests.Support;

/// <summary>
/// The kernel paths to test. Every path runs, accelerated or not: where the CPU lacks a width,
/// .NET emulates Vector512/Vector256 in software, so the path's code is still checked for
/// correctness (just slowly). CI also reruns the suite with AVX-512 / AVX2 disabled.
/// </summary>
public static class KernelPaths
{
    public static readonly SimdPath[] All = [SimdPath.Scalar, SimdPath.Vector, SimdPath.Avx2, SimdPath.Avx512];

    /// <summary>xunit member data: one row per path.</summary>
    public static TheoryData<SimdPath> Data => new(All);
}

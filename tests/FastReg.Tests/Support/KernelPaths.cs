using FastReg.Simd;

namespace FastReg.Tests.Support;

/// <summary>
/// The kernel paths to test. Every path runs, accelerated or not: where the CPU lacks a width,
/// .NET emulates Vector512/Vector256 in software, so the path's code is still checked for
/// correctness (just slowly). CI also reruns the suite with AVX-512 / AVX2 disabled.
/// </summary>
public static class KernelPaths
{
    /// <summary>Every row of the path table (src/Simd/Paths/PathTable.cs), plainest first.</summary>
    public static readonly SimdPath[] All = [.. Isa.Paths.Select(p => p.Path)];

    /// <summary>xunit member data: one row per path.</summary>
    public static TheoryData<SimdPath> Data => new(All);
}

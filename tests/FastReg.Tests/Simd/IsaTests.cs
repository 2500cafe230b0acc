using FastReg.Simd;

namespace FastReg.Tests.Simd;

public class IsaTests
{
    [Fact]
    public void No_variable_means_the_best_accelerated_path()
    {
        Assert.Equal(Isa.Best, Isa.FromEnvironment(null));
        Assert.Equal(Isa.Best, Isa.FromEnvironment("  "));
        Assert.True(Isa.IsAccelerated(Isa.Best));
    }

    [Fact]
    public void Names_are_parsed_case_and_space_insensitively()
    {
        Assert.Equal(SimdPath.Scalar, Isa.FromEnvironment(" Scalar "));
        if (Isa.IsAccelerated(SimdPath.Vector)) Assert.Equal(SimdPath.Vector, Isa.FromEnvironment("VECTOR"));
        if (Isa.IsAccelerated(SimdPath.Avx2)) Assert.Equal(SimdPath.Avx2, Isa.FromEnvironment("avx2"));
    }

    [Fact]
    public void An_unknown_name_is_refused_naming_the_variable()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Isa.FromEnvironment("sse9"));
        Assert.Contains("FASTREG_ISA", e.Message, StringComparison.Ordinal);
        Assert.Contains("sse9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_the_cpu_does_not_accelerate_is_refused_not_silently_replaced()
    {
        foreach (SimdPath p in Enum.GetValues<SimdPath>())
        {
            if (Isa.IsAccelerated(p)) continue;
            Assert.Throws<InvalidOperationException>(() => Isa.FromEnvironment(p.ToString().ToLowerInvariant()));
            Assert.Equal("value", Assert.Throws<ArgumentException>(() => Isa.Active = p).ParamName);
        }
    }

    [Fact]
    public void The_accelerated_paths_are_listed_plainest_first_and_scalar_always_works()
    {
        IReadOnlyList<SimdPath> paths = Isa.AcceleratedPaths;
        Assert.Equal(SimdPath.Scalar, paths[0]);
        Assert.Equal(Isa.Best, paths[^1]);
        Assert.Contains("active=", Isa.Describe(), StringComparison.Ordinal);
    }
}

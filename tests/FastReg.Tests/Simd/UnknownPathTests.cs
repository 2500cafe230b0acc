using FastReg.Diagnostics;
using FastReg.Simd;

namespace FastReg.Tests.Simd;

/// <summary>An undefined <see cref="SimdPath"/> is refused everywhere, never run as the scalar path.</summary>
public class UnknownPathTests
{
    static readonly SimdPath s_unknown = (SimdPath)42;

    [Fact]
    public void Isa_refuses_an_undefined_path()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Isa.IsAccelerated(s_unknown));
        Assert.Throws<ArgumentOutOfRangeException>(() => Isa.Active = s_unknown);
        Assert.Throws<ArgumentOutOfRangeException>(() => Isa.PathInfo(s_unknown));
    }

    [Fact]
    public void Kernels_refuse_an_undefined_path_instead_of_running_scalar()
    {
        float[] x = [1, -2, 3, -4, 5, -6, 7, -8, 9], y = new float[9];
        Assert.Throws<ArgumentOutOfRangeException>(() => Activations.Relu<float>(x, y, s_unknown));
        Assert.Throws<ArgumentOutOfRangeException>(() => Reductions.Sum<float>(x, s_unknown));
        Assert.Throws<ArgumentOutOfRangeException>(() => Updates.Sgd<float>(y, x, 0.1f, 0f, s_unknown));
        Assert.Throws<ArgumentOutOfRangeException>(() => Blas.Gemm(Transpose.No, Transpose.No, 3, 3, 3, 1f, x, 3, x, 3, 0f, y, 3, s_unknown));
        Assert.Throws<ArgumentOutOfRangeException>(() => Blas.Gemv(3, 3, 1f, x, 3, x, 0f, y, s_unknown));
    }

    [Fact]
    public void Diagnostics_refuse_an_undefined_path()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SystemInfo.KernelsFor(s_unknown));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuickReport.Measure(new QuickReportOptions { Short = true, Path = s_unknown }));
    }
}

using FastReg.Diagnostics;
using FastReg.Simd;
using FastReg.Tests.Support;

namespace FastReg.Tests.Diagnostics;

public class SystemInfoTests
{
    [Fact]
    public void The_active_path_is_the_one_the_kernels_use()
    {
        SystemDescription d = SystemInfo.Collect();
        Assert.Equal(Isa.Active, d.ActivePath);
        Assert.Null(d.IsaError);
        Assert.Equal(Isa.Best, d.BestPath);
        Assert.Equal(Isa.AcceleratedPaths, d.AcceleratedPaths);
        Assert.Equal(SystemInfo.KernelsFor(Isa.Active), d.Kernels);
    }

    [Fact]
    public void The_machine_is_described()
    {
        SystemDescription d = SystemInfo.Collect();
        Assert.Equal(Environment.ProcessorCount, d.LogicalCores);
        Assert.False(string.IsNullOrWhiteSpace(d.CpuModel));
        Assert.False(string.IsNullOrWhiteSpace(d.OperatingSystem));
        Assert.Contains(".NET", d.Runtime, StringComparison.Ordinal);
        Assert.Equal(System.Numerics.Vector<float>.Count, d.VectorFloatCount);
        Assert.Contains(d.Features, f => f.Name == "Avx2" && f.Supported == System.Runtime.Intrinsics.X86.Avx2.IsSupported);
        Assert.Contains(d.Features, f => f.Name == "Vector512.IsHardwareAccelerated");
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Each_path_names_its_gemm_micro_kernel_and_vector_type(SimdPath path)
    {
        IReadOnlyList<KernelChoice> kernels = SystemInfo.KernelsFor(path);
        Assert.Equal(["GEMM", "GEMV", "reductions", "updates", "activations"], kernels.Select(k => k.Operation));
        (string gemm, string vector) = path switch
        {
            SimdPath.Avx512 => ("Avx512Kernel12x32 (12×32)", "Vector512<T>"),
            SimdPath.Avx2 => ("Avx2Kernel6x16 (6×16)", "Vector256<T>"),
            SimdPath.Vector => ("VectorKernel", "Vector<T>"),
            SimdPath.Scalar => ("ReferenceKernel (4×4)", "scalar"),
            _ => throw new ArgumentOutOfRangeException(nameof(path), path, "A path the tests do not know: add it here."),
        };
        Assert.StartsWith(gemm, kernels[0].Kernel, StringComparison.Ordinal);
        Assert.Contains("KC/MC/NC", kernels[0].Detail, StringComparison.Ordinal);
        Assert.All(kernels.Skip(2), k => Assert.Equal(vector, k.Kernel));
    }

    [Fact]
    public void The_text_names_the_active_path_and_the_gemm_kernel()
    {
        using var text = new StringWriter();
        SystemInfo.Write(text);
        string s = text.ToString();
        Assert.Contains($"kernel path              {Isa.Active}", s, StringComparison.Ordinal);
        Assert.Contains(SystemInfo.KernelsFor(Isa.Active)[0].Kernel, s, StringComparison.Ordinal);
    }
}

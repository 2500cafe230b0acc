using System.Numerics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using FastReg.Simd;
using FastReg.Tests.Support;

namespace FastReg.Tests.Simd;

/// <summary>
/// The kernels fuse multiply-adds only where the CPU has an FMA instruction; elsewhere .NET would
/// emulate FusedMultiplyAdd in software (35-40x slower), so they multiply and add separately.
/// Checked by results, not timing: with a = 1 + 2^-12 (float) the product a·a = 1 + 2^-11 + 2^-24
/// is a rounding tie, so fma(a, a, −(1 + 2^-11)) = 2^-24 exactly while a·a + (−(1 + 2^-11)) = 0.
/// Each kernel family below shows which one it ran. CI runs these tests with DOTNET_EnableAVX2=0
/// (no FMA), where every path must give the separate result.
/// </summary>
public class MultiplyAddPolicyTests
{
    // float: a = 1 + 2^-12, c = −(1 + 2^-11); double: a = 1 + 2^-27, c = −(1 + 2^-26).
    static (T A, T C, T Fused) Case<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? (T.CreateTruncating(1 + Math.ScaleB(1, -12)), T.CreateTruncating(-(1 + Math.ScaleB(1, -11))), T.CreateTruncating(Math.ScaleB(1, -24)))
            : (T.CreateTruncating(1 + Math.ScaleB(1, -27)), T.CreateTruncating(-(1 + Math.ScaleB(1, -26))), T.CreateTruncating(Math.ScaleB(1, -54)));

    static T Expected<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        VectorMath.FusedMultiplyAddIsHardware ? Case<T>().Fused : T.Zero;

    [Fact]
    public void The_policy_is_fused_exactly_where_the_CPU_has_FMA()
    {
        Assert.Equal(Fma.IsSupported || AdvSimd.IsSupported, VectorMath.FusedMultiplyAddIsHardware);
        Assert.Equal(VectorMath.FusedMultiplyAddIsHardware, Isa.FusedMultiplyAdd);
        if (!Isa.FusedMultiplyAdd)
        {
            Assert.NotNull(Isa.Degradation);
            Assert.Contains("DEGRADED", Isa.Describe(), StringComparison.Ordinal);
        }
        // The test values really separate the two: fused and separate results differ.
        (float a, float c, float fused) = Case<float>();
        Assert.Equal(fused, MathF.FusedMultiplyAdd(a, a, c));
        Assert.Equal(0f, a * a + c);
        (double ad, double cd, double fusedD) = Case<double>();
        Assert.Equal(fusedD, Math.FusedMultiplyAdd(ad, ad, cd));
        Assert.Equal(0d, ad * ad + cd);
    }

    [Fact]
    public void The_multiply_add_helpers_follow_the_policy_at_every_width()
    {
        (float a, float c, _) = Case<float>();
        float expected = Expected<float>();
        Assert.Equal(expected, VectorMath.MultiplyAdd(a, a, c));
        Assert.Equal(expected, VectorMath.MultiplyAdd(new Vector<float>(a), new(a), new(c))[0]);
        Assert.Equal(expected, VectorMath.MultiplyAdd(System.Runtime.Intrinsics.Vector256.Create(a), System.Runtime.Intrinsics.Vector256.Create(a), System.Runtime.Intrinsics.Vector256.Create(c))[7]);
        Assert.Equal(expected, VectorMath.MultiplyAdd(System.Runtime.Intrinsics.Vector512.Create(a), System.Runtime.Intrinsics.Vector512.Create(a), System.Runtime.Intrinsics.Vector512.Create(c))[15]);
    }

    // w' = w − lr·g with lr = a, g = −a, w = c: every element (vector body and scalar tail) shows the policy.
    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Sgd_follows_the_policy_on_every_path(SimdPath path)
    {
        Check<float>(path);
        Check<double>(path);

        static void Check<T>(SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
        {
            (T a, T c, _) = Case<T>();
            var w = new T[37];
            var g = new T[37];
            Array.Fill(w, c);
            Array.Fill(g, -a);
            Updates.Sgd<T>(w, g, a, T.Zero, path);
            Assert.All(w, v => Assert.Equal(Expected<T>(), v));
        }
    }

    // C = A·B with A's rows [1, a] and B's columns [c, a]: acc = c, then acc + a·a. Every vector micro-kernel.
    [Theory]
    [InlineData(SimdPath.Vector)]
    [InlineData(SimdPath.Avx2)]
    [InlineData(SimdPath.Avx512)]
    public void Gemm_micro_kernels_follow_the_policy(SimdPath path)
    {
        Check<float>(path);
        Check<double>(path);

        static void Check<T>(SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
        {
            (T a, T c, _) = Case<T>();
            const int m = 13, n = 37;
            var A = new T[m * 2];
            for (int i = 0; i < m; i++) (A[2 * i], A[2 * i + 1]) = (T.One, a);
            var B = new T[2 * n];
            for (int j = 0; j < n; j++) (B[j], B[n + j]) = (c, a);
            var C = new T[m * n];
            Blas.Gemm(Transpose.No, Transpose.No, m, n, 2, T.One, A, 2, B, n, T.Zero, C, n, path);
            Assert.All(C, v => Assert.Equal(Expected<T>(), v));
        }
    }

    // y = A·x with rows [1, a] and x = [c, a]: the row's running dot is c, then c + a·a.
    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Gemv_and_Dot_follow_the_policy_on_every_path(SimdPath path)
    {
        (float a, float c, _) = Case<float>();
        var A = new float[9 * 2];
        for (int i = 0; i < 9; i++) (A[2 * i], A[2 * i + 1]) = (1f, a);
        float[] x = [c, a];
        var y = new float[9];
        Blas.Gemv(9, 2, 1f, A, 2, x, 0f, y, path);
        Assert.All(y, v => Assert.Equal(Expected<float>(), v));
        Assert.Equal(Expected<float>(), Reductions.Dot<float>([1f, a], [c, a], path));
    }

    /// <summary>Nothing in the kernels or the probes calls FusedMultiplyAdd directly: all of it goes through the policy.</summary>
    [Fact]
    public void No_kernel_calls_FusedMultiplyAdd_around_the_policy()
    {
        string src = Path.Combine(RepositoryRoot(), "src");
        var offenders = new List<string>();
        foreach (string dir in new[] { "Simd", "Diagnostics", "Nn" })
            foreach (string file in Directory.EnumerateFiles(Path.Combine(src, dir), "*.cs", SearchOption.AllDirectories))
            {
                string name = Path.GetFileName(file);
                if (name is "VectorMath.cs" or "ProbeMath.cs" || name.EndsWith("Reference.cs", StringComparison.Ordinal)) continue; // the policy (kernels, probes); oracles may fuse
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
                string text = File.ReadAllText(file);
                if (text.Contains("FusedMultiplyAdd(", StringComparison.Ordinal)) offenders.Add(Path.GetRelativePath(src, file));
            }
        Assert.Empty(offenders);
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FastReg.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"FastReg.sln not found above {AppContext.BaseDirectory}");
    }
}

using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using FastReg.Simd;

namespace FastReg.Diagnostics;

/// <summary>
/// The machine as FastReg sees it: OS, runtime, cores, CPU model, the instruction sets .NET reports,
/// the environment variables that change the choice, and which kernel each operation runs on the
/// active path. Nothing is timed: <see cref="Collect"/> returns at once.
/// </summary>
public static class SystemInfo
{
    /// <summary>The environment variables that decide or restrict the kernel path, in report order.</summary>
    static readonly string[] s_pathVariables =
    [
        Isa.EnvironmentVariable, "DOTNET_EnableAVX512", "DOTNET_EnableAVX512F", "DOTNET_EnableAVX2", "DOTNET_EnableAVX", "DOTNET_EnableHWIntrinsic", "DOTNET_PreferredVectorBitWidth",
    ];

    /// <summary>Describes this machine and the kernels of the active path. Does not throw on an invalid FASTREG_ISA: it reports it.</summary>
    public static SystemDescription Collect()
    {
        SimdPath? active = null;
        string? error = null;
        try
        {
            active = Isa.Active;
        }
        catch (InvalidOperationException e)
        {
            error = e.Message;
        }
        var settings = new List<KeyValuePair<string, string>>();
        foreach (string name in s_pathVariables)
            if (Environment.GetEnvironmentVariable(name) is { } value) settings.Add(new(name, value));

        return new SystemDescription(
            RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, RuntimeInformation.ProcessArchitecture.ToString(),
            Environment.ProcessorCount, CpuModel(), Features(), Vector<float>.Count, settings,
            active, error, Isa.Best, Isa.AcceleratedPaths, KernelsFor(active ?? Isa.Best));
    }

    /// <summary>Which kernel each operation family runs on <paramref name="path"/> (read from FastReg.Simd's path table, <see cref="Isa.PathInfo"/>).</summary>
    /// <param name="path">Any defined path; one this CPU does not accelerate is described all the same.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="path"/> is not a defined <see cref="SimdPath"/>.</exception>
    public static IReadOnlyList<KernelChoice> KernelsFor(SimdPath path)
    {
        KernelPathInfo info = Isa.PathInfo(path);
        string lanes = info.VectorBits == 0 ? "1 lane"
            : $"{info.FloatLanes} float / {info.DoubleLanes} double lanes{(info.HardwareFma ? ", FMA" : "")}";
        return
        [
            GemmChoice(info.Gemm),
            new("GEMV", info.Gemv.Kernel, info.Gemv.Detail + (info.Gemv.ShortRowsOn is { } shortRows
                ? string.Create(CultureInfo.InvariantCulture, $"; rows shorter than {info.Gemv.ShortRowsBelow} on the {shortRows} kernel ({Isa.PathInfo(shortRows).Gemv.Kernel}) where accelerated")
                : "")),
            new("reductions", info.VectorType, lanes + ", 4 independent accumulators; float Norm squares and sums in double"),
            new("updates", info.VectorType, lanes + ", one fused pass per update (SGD, momentum, Adam/AdamW, proximal L1)"),
            new("activations", info.VectorType, lanes + ", one vector per step, vector exp for tanh/sigmoid/softmax; softmax row max, exp, sum and scale on the same path"),
        ];
    }

    /// <summary>Writes <paramref name="description"/> (or a fresh <see cref="Collect"/>) as aligned plain text.</summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="description">What to write; null collects it now.</param>
    public static void Write(TextWriter output, SystemDescription? description = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        SystemDescription d = description ?? Collect();
        const int W = 24;
        output.WriteLine($"{"OS",-W} {d.OperatingSystem}");
        output.WriteLine($"{".NET",-W} {d.Runtime}");
        output.WriteLine($"{"process architecture",-W} {d.ProcessArchitecture}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"logical cores",-W} {d.LogicalCores}"));
        output.WriteLine($"{"CPU",-W} {d.CpuModel}");
        output.WriteLine($"{"supported",-W} {string.Join(' ', d.Features.Where(f => f.Supported).Select(f => f.Name))}");
        output.WriteLine($"{"not supported",-W} {string.Join(' ', d.Features.Where(f => !f.Supported).Select(f => f.Name))}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"Vector<float>.Count",-W} {d.VectorFloatCount} ({d.VectorFloatCount * 32}-bit)"));
        output.WriteLine($"{"environment",-W} {(d.EnvironmentSettings.Count == 0 ? "(none of " + string.Join(", ", s_pathVariables) + " set)" : string.Join("  ", d.EnvironmentSettings.Select(s => $"{s.Key}={s.Value}")))}");
        output.WriteLine($"{"kernel path",-W} {(d.ActivePath is { } p ? p.ToString() : "invalid: " + d.IsaError)} (best {d.BestPath}; accelerated: {string.Join(", ", d.AcceleratedPaths)})");
        foreach (KernelPathInfo row in Isa.Paths)
            output.WriteLine($"{"path " + row.Name,-W} {row.DisplayName}: {(row.IsAccelerated ? "accelerated" : "not accelerated")} (needs {row.Requires})");
        output.WriteLine($"{"multiply-add",-W} {(Isa.FusedMultiplyAdd ? "fused (hardware FMA)" : "separate multiply and add")}{(Isa.Degradation is { } why ? "; DEGRADED: " + why : "")}");
        output.WriteLine();
        output.WriteLine($"{"operation",-12} {"kernel",-22} detail");
        foreach (KernelChoice k in d.Kernels) output.WriteLine($"{k.Operation,-12} {k.Kernel,-22} {k.Detail}");
    }

    static KernelChoice GemmChoice(GemmKernelInfo gemm)
    {
        GemmTile f = gemm.Float, d = gemm.Double;
        string detail = string.Create(CultureInfo.InvariantCulture,
            $"{f.MR}×{f.NR} float, {d.MR}×{d.NR} double; blocks KC/MC/NC float {f.KC}/{f.MC}/{f.NC}, double {d.KC}/{d.MC}/{d.NC}; " +
            $"up to {Math.Min(Blas.MaxThreads, Environment.ProcessorCount)} threads from {gemm.ParallelThresholdFlops / 1e6:F1} MFLOP");
        if (gemm.SmallProductsOn is { } small) detail += $"; small products on the {small} kernel ({Isa.PathInfo(small).Gemm.Kernel}) where accelerated";
        return new("GEMM", $"{gemm.Kernel} ({f.MR}×{f.NR})", detail);
    }

    static List<CpuFeature> Features() =>
    [
        new("X86Base", X86Base.IsSupported),
        new("Sse", Sse.IsSupported),
        new("Sse2", Sse2.IsSupported),
        new("Sse3", Sse3.IsSupported),
        new("Ssse3", Ssse3.IsSupported),
        new("Sse41", Sse41.IsSupported),
        new("Sse42", Sse42.IsSupported),
        new("Popcnt", Popcnt.IsSupported),
        new("Lzcnt", Lzcnt.IsSupported),
        new("Bmi1", Bmi1.IsSupported),
        new("Bmi2", Bmi2.IsSupported),
        new("Avx", Avx.IsSupported),
        new("Avx2", Avx2.IsSupported),
        new("Fma", Fma.IsSupported),
        new("AvxVnni", AvxVnni.IsSupported),
        new("Avx512F", Avx512F.IsSupported),
        new("Avx512F.VL", Avx512F.VL.IsSupported),
        new("Avx512BW", Avx512BW.IsSupported),
        new("Avx512CD", Avx512CD.IsSupported),
        new("Avx512DQ", Avx512DQ.IsSupported),
        new("Avx512Vbmi", Avx512Vbmi.IsSupported),
        new("Avx10v1", Avx10v1.IsSupported),
        new("AdvSimd", AdvSimd.IsSupported),
        new("Vector.IsHardwareAccelerated", Vector.IsHardwareAccelerated),
        new("Vector128.IsHardwareAccelerated", Vector128.IsHardwareAccelerated),
        new("Vector256.IsHardwareAccelerated", Vector256.IsHardwareAccelerated),
        new("Vector512.IsHardwareAccelerated", Vector512.IsHardwareAccelerated),
    ];

    /// <summary>The first "model name" (x86) or "Model"/"Hardware" (Arm) of /proc/cpuinfo; "unknown" elsewhere.</summary>
    internal static string CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        try
        {
            if (!File.Exists(CpuInfo)) return "unknown";
            string? fallback = null;
            foreach (string line in File.ReadLines(CpuInfo))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0) continue;
                string key = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
                if (value.Length == 0) continue;
                if (key == "model name") return value;
                if (key is "Model" or "Hardware") fallback ??= value;
            }
            return fallback ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}

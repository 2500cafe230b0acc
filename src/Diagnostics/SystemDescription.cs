using FastReg.Simd;

namespace FastReg.Diagnostics;

/// <summary>What <see cref="SystemInfo.Collect"/> reports: the machine, the runtime, and the kernels FastReg runs on it.</summary>
/// <param name="OperatingSystem">The OS description (<see cref="System.Runtime.InteropServices.RuntimeInformation.OSDescription"/>).</param>
/// <param name="Runtime">The .NET runtime (<see cref="System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription"/>).</param>
/// <param name="ProcessArchitecture">X64, Arm64, ...</param>
/// <param name="LogicalCores"><see cref="Environment.ProcessorCount"/>.</param>
/// <param name="CpuModel">The CPU model name (from /proc/cpuinfo on Linux), or <c>unknown</c>.</param>
/// <param name="Features">Instruction sets and vector capabilities as .NET reports them.</param>
/// <param name="VectorFloatCount">Lanes of <see cref="System.Numerics.Vector{T}"/> for float.</param>
/// <param name="EnvironmentSettings">FASTREG_ISA and the DOTNET_Enable* variables that are set, with their values.</param>
/// <param name="ActivePath">The path every kernel uses (<see cref="Isa.Active"/>), or null if FASTREG_ISA is invalid.</param>
/// <param name="IsaError">Why FASTREG_ISA is invalid, or null.</param>
/// <param name="BestPath">The widest path this CPU accelerates.</param>
/// <param name="AcceleratedPaths">Every path this CPU accelerates, plainest first.</param>
/// <param name="Kernels">Which kernel each operation family runs on the active path (the best path if FASTREG_ISA is invalid).</param>
public sealed record SystemDescription(
    string OperatingSystem, string Runtime, string ProcessArchitecture, int LogicalCores, string CpuModel,
    IReadOnlyList<CpuFeature> Features, int VectorFloatCount, IReadOnlyList<KeyValuePair<string, string>> EnvironmentSettings,
    SimdPath? ActivePath, string? IsaError, SimdPath BestPath, IReadOnlyList<SimdPath> AcceleratedPaths,
    IReadOnlyList<KernelChoice> Kernels);

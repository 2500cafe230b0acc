namespace FastReg.Diagnostics;

/// <summary>One instruction-set feature or vector capability as .NET reports it.</summary>
/// <param name="Name">The .NET name, e.g. <c>Avx2</c>, <c>Avx512F.VL</c>, <c>Vector256.IsHardwareAccelerated</c>.</param>
/// <param name="Supported">Whether the runtime reports it (after <c>DOTNET_Enable*</c> settings).</param>
public sealed record CpuFeature(string Name, bool Supported);

using System.Text.Json.Serialization;

namespace FastReg.Cli.Output;

/// <summary>Source-generated JSON for the λ-search commands' --json (sweep, bias-variance).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(SweepSummary))]
[JsonSerializable(typeof(BiasVarianceSummary))]
internal sealed partial class SearchJson : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace FastReg.Cli.Output;

/// <summary>Source-generated JSON for the commands' machine-readable output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(TrainSummary))]
internal sealed partial class CliJson : JsonSerializerContext;

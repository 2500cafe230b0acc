using System.Text.Json.Serialization;

namespace FastReg.Cli.Output;

/// <summary>Source-generated JSON for the commands' machine-readable output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(TrainSummary))]
[JsonSerializable(typeof(MetricsDocument))]
internal sealed partial class CliJson : JsonSerializerContext;

/// <summary>Source-generated JSON on one line per value, for JSON Lines logs.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(EpochRecord))]
internal sealed partial class CliJsonLines : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastReg.Cli.Modeling;

/// <summary>
/// What a weights file must say besides the tensors for <c>predict</c> to use it on its own: the
/// layers, the loss, the input columns, the class names and the feature scaling. Stored as JSON
/// under the "fastreg" key of the safetensors metadata, so PyTorch ignores it.
/// </summary>
internal sealed record ModelDescription
{
    public const string MetadataKey = "fastreg";

    public int Version { get; init; } = 1;
    public required int Inputs { get; init; }
    public required string[] Layers { get; init; }
    public required string Loss { get; init; }
    public required string Task { get; init; }
    public string[] Features { get; init; } = [];
    public string[] Targets { get; init; } = [];
    public string[]? Classes { get; init; }
    public double[]? Mean { get; init; }
    public double[]? Std { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, ModelDescriptionJson.Default.ModelDescription);

    /// <summary>Parses the metadata value; <paramref name="source"/> names the file in errors.</summary>
    public static ModelDescription FromJson(string json, string source)
    {
        ModelDescription? d;
        try
        {
            d = JsonSerializer.Deserialize(json, ModelDescriptionJson.Default.ModelDescription);
        }
        catch (JsonException e)
        {
            throw new CliException($"{source}: the '{MetadataKey}' metadata is not a valid model description ({e.Message}).");
        }
        if (d is null || d.Inputs < 1 || d.Layers is null || d.Layers.Length == 0 || d.Loss is null || d.Task is null)
            throw new CliException($"{source}: the '{MetadataKey}' metadata lacks inputs, layers, loss or task.");
        if (d.Features.Length != 0 && d.Features.Length != d.Inputs)
            throw new CliException($"{source}: the model description names {d.Features.Length} features for {d.Inputs} inputs.");
        if ((d.Mean is null) != (d.Std is null) || (d.Mean is not null && (d.Mean.Length != d.Inputs || d.Std!.Length != d.Inputs)))
            throw new CliException($"{source}: the model description's mean and std must both have {d.Inputs} entries.");
        return d;
    }
}

/// <summary>Source-generated JSON for <see cref="ModelDescription"/> (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelDescription))]
internal sealed partial class ModelDescriptionJson : JsonSerializerContext;

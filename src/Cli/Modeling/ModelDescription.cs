using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FastReg.IO;

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

    /// <summary>The description versions this program reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>
    /// Parses and validates the metadata value like any other input: every key present and of its type, no null
    /// entries, a version this program knows, a task and loss that go together, names non-empty and distinct,
    /// a scaler whose means are finite and whose deviations are positive, normal and finite.
    /// </summary>
    /// <param name="source">Names the file in errors.</param>
    /// <exception cref="DataFormatException">The description is malformed; the message names the key.</exception>
    public static ModelDescription FromJson(string json, string source)
    {
        ModelDescription? d;
        try
        {
            d = JsonSerializer.Deserialize(json, ModelDescriptionJson.Default.ModelDescription);
        }
        catch (JsonException e)
        {
            throw Bad($"is not a valid model description ({OneLine(e.Message)})", source, e);
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json accepts an escaped lone surrogate ("\ud800") and fails only when it reads the string.
            throw Bad($"holds a string escaping an unpaired UTF-16 surrogate ({OneLine(e.Message)})", source, e);
        }
        if (d is null) throw Bad("is null, not a model description", source);
        d.Validate(source);
        return d;
    }

    private void Validate(string source)
    {
        if (Version != CurrentVersion) throw Bad($"has version {Version}; this fastreg reads version {CurrentVersion}", source);
        if (Inputs < 1) throw Bad($"says inputs {Inputs}; a network needs at least 1", source);
        if (Layers is null || Layers.Length == 0) throw Bad("has no 'layers'", source);
        if (Array.IndexOf(Layers, null) is int nullLayer and >= 0) throw Bad($"has a null entry at layers[{nullLayer}]", source);
        if (Loss is null) throw Bad("has no 'loss'", source);
        if (Loss is not ("ce" or "mse" or "bce")) throw Bad($"has unknown loss '{Clip(Loss)}' (expected ce, mse or bce)", source);
        try
        {
            NetworkConfig.ParseLayerNames(Layers, source);
        }
        catch (CliException e)
        {
            throw new DataFormatException(OneLine(e.Message.StartsWith(source + ": ", StringComparison.Ordinal) ? e.Message[(source.Length + 2)..] : e.Message), source, inner: e);
        }
        if (Task is null) throw Bad("has no 'task'", source);
        if (Task is not ("classification" or "regression")) throw Bad($"has unknown task '{Clip(Task)}' (expected classification or regression)", source);
        if ((Task == "classification" && Loss == "mse") || (Task == "regression" && Loss == "ce"))
            throw Bad($"pairs task '{Task}' with loss '{Loss}'; classification uses ce (softmax) or bce (two classes, one logit), regression mse or bce", source);
        RequireNames("features", Features, source);
        RequireNames("targets", Targets, source);
        if (Classes is not null) RequireNames("classes", Classes, source);
        if (Task == "classification" && (Classes is null || Classes.Length < 2)) throw Bad("is a classifier without at least two 'classes'", source);
        if (Task == "classification" && Loss == "bce" && Classes!.Length != 2) throw Bad($"is a bce classifier with {Classes.Length} classes; one logit separates exactly two", source);
        if (Features.Length != 0 && Features.Length != Inputs)
            throw Bad($"names {Features.Length} features for {Inputs} inputs", source);
        if ((Mean is null) != (Std is null) || (Mean is not null && (Mean.Length != Inputs || Std!.Length != Inputs)))
            throw Bad($"needs 'mean' and 'std' both with {Inputs} entries, or neither", source);
        for (int j = 0; Mean is not null && j < Mean.Length; j++)
        {
            if (!double.IsFinite(Mean[j]))
                throw Bad(string.Create(CultureInfo.InvariantCulture, $"has mean[{j}] = {Mean[j]}; the scaler's means must be finite"), source);
            if (!double.IsNormal(Std![j]) || Std[j] < 0)
                throw Bad(string.Create(CultureInfo.InvariantCulture, $"has std[{j}] = {Std[j]:R}; the scaler's deviations must be positive, finite and not subnormal"), source);
        }
    }

    private static void RequireNames(string key, string[]? names, string source)
    {
        if (names is null) throw Bad($"has '{key}': null; give a list of names", source);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (string.IsNullOrEmpty(names[i])) throw Bad($"has an empty or null name at {key}[{i}]", source);
            if (!seen.Add(names[i])) throw Bad($"names '{Clip(names[i])}' twice in '{key}'", source);
        }
    }

    private static DataFormatException Bad(string what, string source, Exception? inner = null) =>
        new($"the '{MetadataKey}' metadata {what}.", source, inner: inner);

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");

    private static string Clip(string s) => OneLine(s.Length <= 40 ? s : s[..40] + "…");
}

/// <summary>Source-generated JSON for <see cref="ModelDescription"/> (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelDescription))]
internal sealed partial class ModelDescriptionJson : JsonSerializerContext;

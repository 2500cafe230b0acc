using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FastReg.IO;
using FastReg.Nn.Preprocessing;

namespace FastReg.Nn;

/// <summary>
/// What a model file says besides its tensors, as JSON under the "fastreg" safetensors metadata key (PyTorch
/// ignores it): the input width, one token per layer, the loss and task, the network's input names, the
/// target and class names, the preprocessing pipeline that maps raw columns to the inputs and, for
/// regression, the target scaler. Version 2 (written now) keeps the pipeline under "preprocessing";
/// version 1 (older <c>fastreg train</c> files) kept a standardizer as "mean" and "std" and is still read.
/// </summary>
public sealed class ModelDescription
{
    /// <summary>The metadata key of the description.</summary>
    public const string MetadataKey = "fastreg";

    /// <summary>The version this library writes; it reads this one and version 1.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The version the description was read with (written descriptions are <see cref="CurrentVersion"/>).</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The network's input width.</summary>
    public required int Inputs { get; init; }

    /// <summary>One <see cref="LayerCatalog"/> token per layer.</summary>
    public required IReadOnlyList<string> Layers { get; init; }

    /// <summary>The loss's short name (<see cref="LossCatalog"/>): ce, mse or bce.</summary>
    public required string Loss { get; init; }

    /// <summary>"classification" (loss ce) or "regression" (mse or bce).</summary>
    public required string Task { get; init; }

    /// <summary>The network's input names (empty: unnamed).</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>The target column names (one for a classifier).</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Class names by output index (classifiers).</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Raw columns to the network's inputs; null: the inputs are read as they are.</summary>
    public Preprocessor? Preprocessing { get; init; }

    /// <summary>Regression targets' scaling; null: the network predicts in the targets' units.</summary>
    public TargetScaler? TargetScaler { get; init; }

    /// <summary>Whether the model is a classifier.</summary>
    public bool IsClassifier => Task == "classification";

    /// <summary>The description as JSON (version <see cref="CurrentVersion"/>).</summary>
    public string ToJson() => JsonFields.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("version", CurrentVersion);
        w.WriteNumber("inputs", Inputs);
        w.WriteStartArray("layers");
        foreach (string layer in Layers) w.WriteStringValue(layer);
        w.WriteEndArray();
        w.WriteString("loss", Loss);
        w.WriteString("task", Task);
        WriteNames(w, "features", Features);
        WriteNames(w, "targets", Targets);
        if (Classes is not null) WriteNames(w, "classes", Classes);
        if (Preprocessing is not null)
        {
            w.WritePropertyName("preprocessing");
            Preprocessing.Write(w);
        }
        if (TargetScaler is not null)
        {
            w.WritePropertyName("targetScaler");
            TargetScaler.Write(w);
        }
        w.WriteEndObject();
    });

    private static void WriteNames(Utf8JsonWriter w, string key, IReadOnlyList<string> names)
    {
        w.WriteStartArray(key);
        foreach (string n in names) w.WriteStringValue(n);
        w.WriteEndArray();
    }

    /// <summary>The description in a file's metadata, or null for a file without one (e.g. a PyTorch state_dict).</summary>
    /// <exception cref="DataFormatException">The description is malformed; the message names the key and <paramref name="source"/>.</exception>
    public static ModelDescription? Read(SafeTensorsFile file, string source)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Metadata.TryGetValue(MetadataKey, out string? json) ? FromJson(json, source) : null;
    }

    /// <summary>
    /// Parses and validates a description like any other input: every key present and of its type, no null
    /// entries, a version this library knows, a task and loss that go together, layers the catalog makes, names
    /// non-empty and distinct, a preprocessing pipeline whose parts fit together and make <see cref="Inputs"/>
    /// features, scalers whose means are finite and whose deviations are positive, normal and finite.
    /// </summary>
    /// <param name="json">The metadata value.</param>
    /// <param name="source">Names the file in errors.</param>
    /// <exception cref="DataFormatException">The description is malformed or lies; the message names the key.</exception>
    public static ModelDescription FromJson(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var f = new JsonFields($"the '{MetadataKey}' metadata", source);
        DescriptionDto? d;
        try
        {
            d = JsonSerializer.Deserialize(json, DescriptionJson.Default.DescriptionDto);
        }
        catch (JsonException e)
        {
            throw f.Bad($"is not a valid model description ({OneLine(e.Message)})", e);
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json accepts an escaped lone surrogate ("\ud800") and fails only when it reads the string.
            throw f.Bad($"holds a string escaping an unpaired UTF-16 surrogate ({OneLine(e.Message)})", e);
        }
        if (d is null) throw f.Bad("is null, not a model description");
        return Validate(d, f);
    }

    private static ModelDescription Validate(DescriptionDto d, JsonFields f)
    {
        if (d.Version is not (1 or CurrentVersion)) throw f.Bad($"has version {d.Version}; this FastReg reads versions 1 and {CurrentVersion}");
        if (d.Inputs < 1) throw f.Bad($"says inputs {d.Inputs}; a network needs at least 1");
        if (d.Layers is null || d.Layers.Length == 0) throw f.Bad("has no 'layers'");
        if (Array.IndexOf(d.Layers, null) is int nullLayer and >= 0) throw f.Bad($"has a null entry at layers[{nullLayer}]");
        if (d.Loss is null) throw f.Bad("has no 'loss'");
        DataLoss<double> loss = (LossCatalog.Find(d.Loss)
            ?? throw f.Bad($"has unknown loss '{Clip(d.Loss)}' (expected {LossCatalog.Names(_ => true)})")).Loss;
        for (int i = 0; i < d.Layers.Length; i++)
        {
            try { LayerCatalog.Create(d.Layers[i]); }
            catch (ArgumentException e) { throw f.Bad($"has layer {i} '{Clip(d.Layers[i])}', which does not make a network ({OneLine(e.Message)})", e); }
        }
        if (d.Task is null) throw f.Bad("has no 'task'");
        if (d.Task is not ("classification" or "regression")) throw f.Bad($"has unknown task '{Clip(d.Task)}' (expected classification or regression)");
        // A classifier's loss has class probabilities; a regression's takes real-valued targets.
        if ((d.Task == "classification" && !loss.IsClassifier) || (d.Task == "regression" && loss.TakesLabels))
            throw f.Bad($"pairs task '{d.Task}' with loss '{d.Loss}'; classification uses {LossCatalog.Names(e => e.Loss.IsClassifier)}, regression {LossCatalog.Names(e => !e.Loss.TakesLabels)}");
        RequireNames("features", d.Features, f);
        RequireNames("targets", d.Targets, f);
        string[] features = d.Features!, targets = d.Targets!;
        if (d.Classes is not null) RequireNames("classes", d.Classes, f);
        if (d.Task == "classification" && (d.Classes is null || d.Classes.Length < 2)) throw f.Bad("is a classifier without at least two 'classes'");
        if (d.Task == "classification" && loss.HasIndependentLogits && d.Classes!.Length != 2)
            throw f.Bad($"is a {d.Loss} classifier with {d.Classes.Length} classes; one logit separates exactly two");
        if (d.Task == "classification" && d.Targets!.Length > 1) throw f.Bad($"is a classifier with {d.Targets.Length} 'targets'; it predicts one");
        if (d.Features!.Length != 0 && d.Features.Length != d.Inputs)
            throw f.Bad($"names {d.Features.Length} features for {d.Inputs} inputs");

        Preprocessor? preprocessing;
        TargetScaler? targetScaler = null;
        if (d.Version == 1)
        {
            if (d.Preprocessing is not null || d.TargetScaler is not null)
                throw f.Bad("is version 1, which has no 'preprocessing' or 'targetScaler' (version 2 has)");
            preprocessing = VersionOneScaler(d, f);
        }
        else
        {
            if (d.Mean is not null || d.Std is not null)
                throw f.Bad("has 'mean' or 'std', which version 2 keeps under 'preprocessing.standardizer'");
            preprocessing = d.Preprocessing is { ValueKind: not JsonValueKind.Null } p
                ? p.ValueKind == JsonValueKind.Object ? Preprocessor.Read(p, f, "preprocessing") : throw f.Bad("has 'preprocessing' that is not an object")
                : null;
            if (preprocessing is not null)
            {
                if (preprocessing.FeatureCount != d.Inputs)
                    throw f.Bad($"has 'preprocessing' making {preprocessing.FeatureCount} features for {d.Inputs} inputs");
                if (d.Features.Length != 0 && !preprocessing.FeatureNames.SequenceEqual(d.Features))
                    throw f.Bad("names 'features' other than those 'preprocessing' makes");
            }
            if (d.TargetScaler is { ValueKind: not JsonValueKind.Null } t)
            {
                if (t.ValueKind != JsonValueKind.Object) throw f.Bad("has 'targetScaler' that is not an object");
                if (!loss.ScalesTargets)
                    throw f.Bad($"has a 'targetScaler' with loss '{d.Loss}'; only {LossCatalog.Names(e => e.Loss.ScalesTargets)} regression scales its targets");
                targetScaler = TargetScaler.Read(t, f, "targetScaler");
                if (targets.Length != 0 && !targetScaler.Targets.SequenceEqual(targets))
                    throw f.Bad("has 'targetScaler.targets' other than 'targets'");
            }
        }
        return new ModelDescription
        {
            Version = d.Version,
            Inputs = d.Inputs,
            Layers = d.Layers!,
            Loss = d.Loss,
            Task = d.Task,
            Features = features,
            Targets = targets,
            Classes = d.Classes,
            Preprocessing = preprocessing,
            TargetScaler = targetScaler,
        };
    }

    // Version 1: an optional standardizer over the inputs as "mean" and "std".
    private static Preprocessor? VersionOneScaler(DescriptionDto d, JsonFields f)
    {
        double[]? mean = d.Mean, std = d.Std;
        if ((mean is null) != (std is null) || (mean is not null && (mean.Length != d.Inputs || std!.Length != d.Inputs)))
            throw f.Bad($"needs 'mean' and 'std' both with {d.Inputs} entries, or neither");
        if (mean is null) return null;
        for (int j = 0; j < mean.Length; j++)
        {
            if (!double.IsFinite(mean[j]))
                throw f.Bad(string.Create(CultureInfo.InvariantCulture, $"has mean[{j}] = {mean[j]}; the scaler's means must be finite"));
            if (!double.IsNormal(std![j]) || std[j] < 0)
                throw f.Bad(string.Create(CultureInfo.InvariantCulture, $"has std[{j}] = {std[j]:R}; the scaler's deviations must be positive, finite and not subnormal"));
        }
        string[] names = d.Features!.Length > 0 ? d.Features : Names.Default("x", d.Inputs);
        return Preprocessor.Create(Array.ConvertAll(names, n => new InputColumn(n, false)), null, new Standardizer(names, mean, std!), null);
    }

    private static void RequireNames(string key, string[]? names, JsonFields f)
    {
        if (names is null) throw f.Bad($"has '{key}': null; give a list of names");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (string.IsNullOrEmpty(names[i])) throw f.Bad($"has an empty or null name at {key}[{i}]");
            if (!seen.Add(names[i])) throw f.Bad($"names '{Clip(names[i])}' twice in '{key}'");
        }
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");

    private static string Clip(string s) => JsonFields.Clip(s);
}

/// <summary>The description's JSON shape, as read (validated into <see cref="ModelDescription"/>).</summary>
internal sealed class DescriptionDto
{
    // Settable rather than init-only: the generated reader then leaves a missing key at its default (an
    // explicit null still arrives as null and is refused by name).
    public int Version { get; set; } = 1; // files from before versions were written are version 1
    public required int Inputs { get; set; }
    public required string[] Layers { get; set; }
    public required string Loss { get; set; }
    public string? Task { get; set; }
    public string[]? Features { get; set; } = [];
    public string[]? Targets { get; set; } = [];
    public string[]? Classes { get; set; }
    public double[]? Mean { get; set; }
    public double[]? Std { get; set; }
    public JsonElement? Preprocessing { get; set; }
    public JsonElement? TargetScaler { get; set; }
}

/// <summary>Source-generated JSON for <see cref="DescriptionDto"/> (no reflection; trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DescriptionDto))]
internal sealed partial class DescriptionJson : JsonSerializerContext;

using System.Globalization;
using System.Text;
using System.Text.Json;
using FastReg.IO;

namespace FastReg.Nn;

/// <summary>
/// A model in a weights file: safetensors laid out exactly as torch.nn.Sequential's state_dict for
/// the same network ("0.weight" [out, in], "0.bias" [out], ... by module index, F32 or F64), with
/// the network described as JSON under the "fastreg" metadata key: the input width, one token per
/// layer (<see cref="LayerCatalog.Token"/>: "dense:128", "relu", a user's "swish") and the loss.
/// The file loads into PyTorch with load_state_dict, and a file with a custom layer loads here once
/// its kind is registered in the <see cref="LayerCatalog"/>. Every problem with a file is one
/// <see cref="DataFormatException"/> naming it. <see cref="TrainedModel{T}"/> saves and loads a model with
/// its preprocessing, classes and target scaler in the same format (the full <see cref="ModelDescription"/>).
/// </summary>
public static class ModelFile
{
    /// <summary>The metadata key of the description.</summary>
    public const string MetadataKey = ModelDescription.MetadataKey;

    /// <summary>
    /// Writes the model's parameters atomically (an existing file is replaced only once the new one is
    /// complete), with <paramref name="description"/> (JSON; null: <see cref="Describe{T}"/>) under "fastreg".
    /// </summary>
    public static void Save<T>(string path, Sequential<T> model, string? description = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        description ??= Describe(model);
        TensorType type = typeof(T) == typeof(float) ? TensorType.F32 : TensorType.F64;
        var tensors = new List<NamedTensor>(model.Parameters.Count);
        foreach (ParameterTensor t in model.Parameters)
        {
            ReadOnlySpan<T> values = model.GetParameter(t);
            var data = new double[values.Length];
            for (int i = 0; i < data.Length; i++) data[i] = double.CreateTruncating(values[i]);
            tensors.Add(new NamedTensor(t.Name, type, Shape(t), data));
        }
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt", // what safetensors' torch helpers write; PyTorch tools check it
            [MetadataKey] = description,
        };
        SafeTensors.Write(path, tensors, metadata);
    }

    /// <summary>
    /// The description <see cref="Save{T}"/> writes by default, that of a <see cref="TrainedModel{T}"/> without
    /// preprocessing (version 2): <c>{"version":2,"inputs":4,"layers":["dense:16","relu","dense:3"],"loss":"ce","task":"classification",
    /// "features":["x0",...],"targets":["y"],"classes":["0","1","2"],"preprocessing":{...}}</c>.
    /// </summary>
    public static string Describe<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return new TrainedModel<T>(model, maxBatch: 1).Describe().ToJson();
    }

    /// <summary>Reads a file and rebuilds its network from the description, for batches of up to <paramref name="maxBatch"/> rows.</summary>
    public static Sequential<T> Load<T>(string path, int maxBatch, ulong seed = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        return Load<T>(SafeTensors.Read(path), path, maxBatch, seed);
    }

    /// <summary>Rebuilds the network an already-read file describes; <paramref name="source"/> names it in errors.</summary>
    public static Sequential<T> Load<T>(SafeTensorsFile file, string source, int maxBatch, ulong seed = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        if (!file.Metadata.TryGetValue(MetadataKey, out string? json))
            throw new DataFormatException($"no '{MetadataKey}' metadata describes the network (a PyTorch state_dict: build the Sequential yourself and use LoadInto).", source);
        (int inputs, string[] tokens, string loss) = ReadDescription(json, source);
        var layers = new LayerSpec[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
        {
            try { layers[i] = LayerCatalog.Create(tokens[i]); }
            catch (ArgumentException e) { throw new DataFormatException($"layer {i}: {e.Message}", source, inner: e); }
        }
        LossKind lossKind;
        try { lossKind = LossCatalog.Parse(loss); }
        catch (ArgumentException e) { throw new DataFormatException(e.Message, source, inner: e); }
        Sequential<T> model;
        try { model = new Sequential<T>(inputs, maxBatch, lossKind, layers, seed); }
        catch (ArgumentException e) { throw new DataFormatException($"the description does not make a network ({e.Message})", source, inner: e); }
        LoadInto(file, source, model);
        return model;
    }

    /// <summary>
    /// Copies every parameter of <paramref name="model"/> from the file. Each must be present with the
    /// model's shape and finite values; tensors the model lacks are an error too (as load_state_dict(strict=True)).
    /// </summary>
    public static void LoadInto<T>(SafeTensorsFile file, string source, Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(model);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (ParameterTensor t in model.Parameters)
        {
            expected.Add(t.Name);
            NamedTensor tensor = file.Find(t.Name)
                ?? throw new DataFormatException($"no tensor '{t.Name}' ({ShapeText(t)}); the file has {Names(file)}.", source);
            int[] shape = Shape(t);
            if (!tensor.Shape.AsSpan().SequenceEqual(shape))
                throw new DataFormatException($"tensor '{t.Name}' has shape [{string.Join(", ", tensor.Shape)}] but the network needs {ShapeText(t)}.", source);
            Span<T> target = model.GetParameter(t);
            for (int i = 0; i < target.Length; i++)
            {
                double v = tensor.Data[i];
                if (!double.IsFinite(v)) throw new DataFormatException($"tensor '{t.Name}' holds {v.ToString(CultureInfo.InvariantCulture)} at index {i}; weights must be finite.", source);
                target[i] = T.CreateChecked(v);
            }
        }
        foreach (NamedTensor tensor in file.Tensors)
            if (!expected.Contains(tensor.Name))
                throw new DataFormatException($"tensor '{tensor.Name}' has no place in the network (its parameters are {string.Join(", ", expected)}).", source);
    }

    private static (int Inputs, string[] Layers, string Loss) ReadDescription(string json, string source)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new DataFormatException($"the '{MetadataKey}' metadata is not a JSON object.", source);
            if (root.TryGetProperty("version", out JsonElement version) && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out int v) && v is 1 or ModelDescription.CurrentVersion))
                throw new DataFormatException($"the '{MetadataKey}' metadata has version {version}; this FastReg reads versions 1 and {ModelDescription.CurrentVersion}.", source);
            if (!root.TryGetProperty("inputs", out JsonElement inputs) || inputs.ValueKind != JsonValueKind.Number || !inputs.TryGetInt32(out int n) || n < 1
                || !root.TryGetProperty("layers", out JsonElement layers) || layers.ValueKind != JsonValueKind.Array || layers.GetArrayLength() == 0
                || !root.TryGetProperty("loss", out JsonElement loss) || loss.ValueKind != JsonValueKind.String)
                throw new DataFormatException($"the '{MetadataKey}' metadata lacks inputs (≥ 1), layers (a non-empty list) or loss.", source);
            var tokens = new string[layers.GetArrayLength()];
            int i = 0;
            foreach (JsonElement layer in layers.EnumerateArray())
                tokens[i++] = layer.ValueKind == JsonValueKind.String ? layer.GetString()! : throw new DataFormatException($"layer {i - 1} of the '{MetadataKey}' metadata is not a string.", source);
            return (n, tokens, loss.GetString()!);
        }
        catch (JsonException e)
        {
            throw new DataFormatException($"the '{MetadataKey}' metadata is not valid JSON ({e.Message}).", source, inner: e);
        }
    }

    private static int[] Shape(ParameterTensor t) => t.Kind == ParameterKind.Weight ? [t.Rows, t.Cols] : [t.Length];

    private static string ShapeText(ParameterTensor t) => $"[{string.Join(", ", Shape(t))}]";

    private static string Names(SafeTensorsFile file) =>
        file.Tensors.Count == 0 ? "no tensors" : string.Join(", ", file.Tensors.Select(t => t.Name));
}

using System.Text.Json;
using FastReg.IO;
using FastReg.Nn;

namespace FastReg.Samples;

/// <summary>
/// A model file written by <c>fastreg train --save</c>, ready to predict: the network from
/// <see cref="ModelFile.Load{T}(SafeTensorsFile, string, int, ulong)"/>, plus what the CLI's
/// description adds under the same "fastreg" metadata key: feature names, class names and the
/// standardizer (mean, std) fitted on the training rows, applied here exactly as <c>fastreg predict</c>
/// applies it. Double precision, as <c>fastreg predict</c>, so the classes match it.
/// </summary>
public sealed class SavedModel
{
    private SavedModel(Sequential<double> network, string[] features, string[]? classes, double[]? mean, double[]? std)
    {
        Network = network;
        Features = features;
        Classes = classes;
        _mean = mean;
        _std = std;
    }

    private readonly double[]? _mean;
    private readonly double[]? _std;

    /// <summary>The network (its own Predict has a single owner; use <see cref="Sequential{T}.CreateInferenceSession"/> per thread).</summary>
    public Sequential<double> Network { get; }

    /// <summary>The input columns, by name, in order (x0, x1, ... when the file names none).</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>Class names for a classifier (index = output), null for a regression model.</summary>
    public IReadOnlyList<string>? Classes { get; }

    /// <summary>Loads <paramref name="path"/>; a bad file is one <see cref="DataFormatException"/> naming it.</summary>
    public static SavedModel Load(string path, int maxBatch = 256)
    {
        SafeTensorsFile file = SafeTensors.Read(path);
        Sequential<double> network = ModelFile.Load<double>(file, path, maxBatch);
        using JsonDocument doc = JsonDocument.Parse(file.Metadata[ModelFile.MetadataKey]);
        JsonElement root = doc.RootElement;
        string[]? features = Strings(root, "features", path);
        double[]? mean = Numbers(root, "mean", path), std = Numbers(root, "std", path);
        if ((mean is null) != (std is null) || (mean is not null && (mean.Length != network.InputSize || std!.Length != network.InputSize)))
            throw new DataFormatException($"the scaler needs 'mean' and 'std' both with {network.InputSize} entries, or neither.", path);
        if (std is not null && Array.Exists(std, s => !(double.IsNormal(s) && s > 0)))
            throw new DataFormatException("the scaler's deviations must be positive and finite.", path);
        if (features is null || features.Length == 0)
        {
            features = new string[network.InputSize];
            for (int j = 0; j < features.Length; j++) features[j] = $"x{j}";
        }
        else if (features.Length != network.InputSize)
        {
            throw new DataFormatException($"names {features.Length} features for {network.InputSize} inputs.", path);
        }
        string[]? classes = network.Loss == LossKind.SoftmaxCrossEntropy ? Strings(root, "classes", path) : null;
        if (classes is not null && classes.Length != network.OutputSize)
            throw new DataFormatException($"names {classes.Length} classes for {network.OutputSize} outputs.", path);
        return new SavedModel(network, features, classes, mean, std);
    }

    /// <summary>(x − mean) / std per feature, as the model was trained; x and scaled are [rows, InputSize].</summary>
    public void Scale(ReadOnlySpan<double> x, Span<double> scaled)
    {
        int inputs = Network.InputSize;
        for (int i = 0; i < x.Length; i++)
            scaled[i] = _mean is null ? x[i] : (x[i] - _mean[i % inputs]) / _std![i % inputs];
    }

    /// <summary>Scales <paramref name="x"/> [batch, InputSize] and predicts with <paramref name="session"/>; outputs [batch, OutputSize].</summary>
    public void Predict(InferenceSession<double> session, ReadOnlySpan<double> x, Span<double> scaledScratch, Span<double> outputs, int batch)
    {
        ArgumentNullException.ThrowIfNull(session);
        Span<double> scaled = scaledScratch[..(batch * Network.InputSize)];
        Scale(x[..scaled.Length], scaled);
        session.Predict(scaled, outputs, batch);
    }

    /// <summary>The index of the largest output in a row (the predicted class; ties: the first, as fastreg predict).</summary>
    public static int ArgMax(ReadOnlySpan<double> row)
    {
        int best = 0;
        for (int c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
        return best;
    }

    private static string[]? Strings(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind != JsonValueKind.Array) throw new DataFormatException($"'{name}' is not a list.", path);
        var values = new string[e.GetArrayLength()];
        int i = 0;
        foreach (JsonElement v in e.EnumerateArray())
            values[i++] = v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new DataFormatException($"'{name}' holds a non-string.", path);
        return values;
    }

    private static double[]? Numbers(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind != JsonValueKind.Array) throw new DataFormatException($"'{name}' is not a list.", path);
        var values = new double[e.GetArrayLength()];
        int i = 0;
        foreach (JsonElement v in e.EnumerateArray())
            values[i++] = v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) && double.IsFinite(d) ? d : throw new DataFormatException($"'{name}' holds a value that is not a finite number.", path);
        return values;
    }
}

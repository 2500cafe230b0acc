using System.Numerics;
using FastReg.IO;
using FastReg.Nn;

namespace FastReg.Cli.Modeling;

/// <summary>
/// Model weights as safetensors laid out exactly as torch.nn.Sequential's state_dict for the same
/// network: "0.weight" [out, in], "0.bias" [out], ... by module index, F32 or F64. The file loads
/// into PyTorch with load_state_dict, and a PyTorch file loads here.
/// </summary>
internal static class ModelFile
{
    /// <summary>Writes the model's parameters (atomically) with its description in the metadata.</summary>
    public static void Save<T>(string path, Sequential<T> model, ModelDescription description) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorType type = typeof(T) == typeof(float) ? TensorType.F32 : TensorType.F64;
        var tensors = new List<NamedTensor>(model.Parameters.Count);
        foreach (ParameterTensor t in model.Parameters)
        {
            ReadOnlySpan<T> values = model.GetParameter(t);
            var data = new double[values.Length];
            for (int i = 0; i < data.Length; i++) data[i] = double.CreateTruncating(values[i]);
            int[] shape = t.Kind == ParameterKind.Weight ? [t.Rows, t.Cols] : [t.Rows * t.Cols];
            tensors.Add(new NamedTensor(t.Name, type, shape, data));
        }
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt", // what safetensors' torch helpers write; PyTorch tools check it
            [ModelDescription.MetadataKey] = description.ToJson(),
        };
        SafeTensors.Write(path, tensors, metadata);
    }

    /// <summary>The model description stored in a file, or null for a file without one (e.g. saved by PyTorch).</summary>
    public static ModelDescription? ReadDescription(SafeTensorsFile file, string path) =>
        file.Metadata.TryGetValue(ModelDescription.MetadataKey, out string? json) ? ModelDescription.FromJson(json, path) : null;

    /// <summary>
    /// Copies every parameter of <paramref name="model"/> from the file. Each must be present with
    /// the model's shape; tensors the model lacks are an error too (as load_state_dict(strict=True)).
    /// </summary>
    public static void LoadInto<T>(SafeTensorsFile file, string path, Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (ParameterTensor t in model.Parameters)
        {
            expected.Add(t.Name);
            NamedTensor tensor = file.Find(t.Name)
                ?? throw new CliException($"{path}: no tensor '{t.Name}' ({Shape(t)}); the file has {Names(file)}.");
            bool matches = t.Kind == ParameterKind.Weight
                ? tensor.Shape is [int rows, int cols] && rows == t.Rows && cols == t.Cols
                : tensor.Shape is [int n] && n == t.Rows * t.Cols;
            if (!matches)
                throw new CliException($"{path}: tensor '{t.Name}' has shape [{string.Join(", ", tensor.Shape)}] but the network needs {Shape(t)}.");
            Span<T> target = model.GetParameter(t);
            for (int i = 0; i < target.Length; i++)
            {
                double v = tensor.Data[i];
                if (!double.IsFinite(v)) throw new CliException($"{path}: tensor '{t.Name}' holds {v} at index {i}; weights must be finite.");
                target[i] = T.CreateChecked(v);
            }
        }
        foreach (NamedTensor tensor in file.Tensors)
            if (!expected.Contains(tensor.Name))
                throw new CliException($"{path}: tensor '{tensor.Name}' has no place in the network (its parameters are {string.Join(", ", expected)}).");
    }

    private static string Shape(ParameterTensor t) => t.Kind == ParameterKind.Weight ? $"[{t.Rows}, {t.Cols}]" : $"[{t.Rows * t.Cols}]";

    private static string Names(SafeTensorsFile file) =>
        file.Tensors.Count == 0 ? "no tensors" : string.Join(", ", file.Tensors.Select(t => t.Name));
}

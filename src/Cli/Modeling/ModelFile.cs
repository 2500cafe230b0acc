using System.Numerics;
using FastReg.IO;
using FastReg.Nn;

namespace FastReg.Cli.Modeling;

/// <summary>
/// The CLI's side of model files: the library's <see cref="Nn.ModelFile"/> (torch.nn.Sequential
/// state_dict layout) with the CLI's richer <see cref="ModelDescription"/> under the same "fastreg" key.
/// </summary>
internal static class ModelFile
{
    /// <summary>Writes the model's parameters (atomically) with its description in the metadata.</summary>
    public static void Save<T>(string path, Sequential<T> model, ModelDescription description) where T : unmanaged, IFloatingPointIeee754<T> =>
        Nn.ModelFile.Save(path, model, description.ToJson());

    /// <summary>The model description stored in a file, or null for a file without one (e.g. saved by PyTorch).</summary>
    public static ModelDescription? ReadDescription(SafeTensorsFile file, string path) =>
        file.Metadata.TryGetValue(ModelDescription.MetadataKey, out string? json) ? ModelDescription.FromJson(json, path) : null;

    /// <summary>
    /// Copies every parameter of <paramref name="model"/> from the file (the library's strict load:
    /// each present with the model's shape, finite, and no tensor the model lacks).
    /// </summary>
    public static void LoadInto<T>(SafeTensorsFile file, string path, Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        Nn.ModelFile.LoadInto(file, path, model);
}

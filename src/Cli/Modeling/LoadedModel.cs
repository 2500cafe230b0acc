using FastReg.IO;
using FastReg.Nn;

namespace FastReg.Cli.Modeling;

/// <summary>
/// A model rebuilt from a weights file for <c>predict</c>: the library's <see cref="TrainedModel{T}"/> when
/// FastReg wrote the file, otherwise (a PyTorch state_dict) a network from the flags and the tensors' shapes.
/// </summary>
internal static class LoadedModel
{
    public const int MaxBatch = 256;

    /// <summary>Reads <paramref name="path"/>; a file without a description is built by <paramref name="fromFlags"/>.</summary>
    public static TrainedModel<double> Load(string path, Func<SafeTensorsFile, TrainedModel<double>> fromFlags)
    {
        SafeTensorsFile file = SafeTensors.Read(path);
        ModelDescription? description = ModelDescription.Read(file, path);
        if (description is null) return fromFlags(file);
        LayerSpec[] layers = NetworkConfig.ParseLayerNames(description.Layers, path);
        MemoryEstimate.Require(description.Inputs, layers, MaxBatch, sizeof(double), optimizerSlots: 0, "predict",
            $"The model in {path} is larger than this machine can hold.");
        return TrainedModel<double>.Load(file, path, MaxBatch);
    }

    /// <summary>
    /// The model a file without a description (a PyTorch state_dict) implies: the flags give the hidden
    /// layers and loss, the first weight's columns the inputs (x0, x1, ..., as they are) and the last weight's rows the outputs.
    /// </summary>
    public static TrainedModel<double> FromFlags(SafeTensorsFile file, string path, NetworkConfig config, LossKind loss)
    {
        NamedTensor? first = null, last = null;
        foreach (NamedTensor t in file.Tensors)
        {
            if (!t.Name.EndsWith(".weight", StringComparison.Ordinal) || t.Shape.Length != 2) continue;
            if (first is null || ModuleIndex(t.Name) < ModuleIndex(first.Name)) first = t;
            if (last is null || ModuleIndex(t.Name) > ModuleIndex(last.Name)) last = t;
        }
        if (first is null || last is null)
            throw new CliException($"{path}: no FastReg description and no 2-D '*.weight' tensors to infer a network from.");
        int inputs = first.Shape[1];
        IReadOnlyList<LayerSpec> layers = config.Layers(last.Shape[0]);
        MemoryEstimate.Require(inputs, layers, MaxBatch, sizeof(double), optimizerSlots: 0, "predict",
            $"The model in {path} is larger than this machine can hold.");
        Sequential<double> network;
        try
        {
            network = new Sequential<double>(inputs, MaxBatch, loss, layers);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{path}: the flags do not make a network for these tensors ({e.Message}).");
        }
        ModelFile.LoadInto(file, path, network);
        return new TrainedModel<double>(network, maxBatch: MaxBatch);
    }

    private static int ModuleIndex(string name)
    {
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && int.TryParse(name.AsSpan(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i) ? i : int.MaxValue;
    }
}

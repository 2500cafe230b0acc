using FastReg.Cli.Data;
using FastReg.IO;
using FastReg.Nn;

namespace FastReg.Cli.Modeling;

/// <summary>
/// A network rebuilt from a weights file: from the file's own description when FastReg wrote it,
/// otherwise (a PyTorch state_dict) from the network flags and the data's width.
/// </summary>
internal sealed record LoadedModel(Sequential<double> Model, ModelDescription Description)
{
    public const int MaxBatch = 256;

    public static LoadedModel Load(string path, Func<SafeTensorsFile, ModelDescription> describeFromFlags)
    {
        SafeTensorsFile file = SafeTensors.Read(path);
        ModelDescription description = ModelFile.ReadDescription(file, path) ?? describeFromFlags(file);
        LayerSpec[] layers = NetworkConfig.ParseLayerNames(description.Layers, path);
        LossKind loss = LossNames.Parse(description.Loss, path);
        MemoryEstimate.Require(description.Inputs, layers, MaxBatch, sizeof(double), optimizerSlots: 0, "predict",
            $"The model in {path} is larger than this machine can hold.");
        Sequential<double> model;
        try
        {
            model = new Sequential<double>(description.Inputs, MaxBatch, loss, layers);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{path}: the model description does not make a network ({e.Message}).");
        }
        ModelFile.LoadInto(file, path, model);
        // A softmax classifier names one class per output; a binary one (bce) has one logit for its two classes.
        int named = description.Task == "classification" && loss == LossKind.BinaryCrossEntropyWithLogits ? 2 : model.OutputSize;
        if (description.Task == "classification" && (description.Classes is null || description.Classes.Length != named || (named == 2 && loss == LossKind.BinaryCrossEntropyWithLogits && model.OutputSize != 1)))
            throw new CliException(loss == LossKind.BinaryCrossEntropyWithLogits
                ? $"{path}: a binary (bce) classifier has one output and names two classes; this one has {model.OutputSize} outputs."
                : $"{path}: a classifier with {model.OutputSize} outputs must name {model.OutputSize} classes.");
        return new LoadedModel(model, description);
    }

    /// <summary>Network outputs for every row of <paramref name="x"/> [rows, Inputs], scaled as the model was trained.</summary>
    public double[] Outputs(double[] x, int rows)
    {
        int inputs = Model.InputSize, outputs = Model.OutputSize;
        var scaled = new double[Math.Min(rows, MaxBatch) * inputs];
        var y = new double[(long)rows * outputs];
        Standardizer? scaler = Description.Mean is null ? null : new Standardizer(Description.Mean, Description.Std!);
        for (int start = 0; start < rows; start += MaxBatch)
        {
            int batch = Math.Min(MaxBatch, rows - start);
            for (int i = 0; i < batch * inputs; i++)
            {
                double v = x[start * inputs + i];
                scaled[i] = scaler is null ? v : scaler.Apply(v, i % inputs);
            }
            Model.Predict(scaled.AsSpan(0, batch * inputs), y.AsSpan(start * outputs, batch * outputs), batch);
        }
        return y;
    }

    /// <summary>
    /// The description a file without one (a PyTorch state_dict) implies: the flags give the hidden
    /// layers and loss, the first weight's columns the inputs and the last weight's rows the outputs.
    /// </summary>
    public static ModelDescription FromFlags(SafeTensorsFile file, string path, NetworkConfig config, LossKind loss)
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
        int outputs = last.Shape[0];
        string[]? classes = null;
        if (loss == LossKind.SoftmaxCrossEntropy)
        {
            classes = new string[outputs];
            for (int c = 0; c < outputs; c++) classes[c] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new ModelDescription
        {
            Inputs = first.Shape[1],
            Layers = NetworkConfig.LayerNames(config.Layers(outputs)),
            Loss = LossNames.Name(loss),
            Task = loss == LossKind.SoftmaxCrossEntropy ? "classification" : "regression",
            Classes = classes,
        };
    }

    private static int ModuleIndex(string name)
    {
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && int.TryParse(name.AsSpan(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i) ? i : int.MaxValue;
    }
}

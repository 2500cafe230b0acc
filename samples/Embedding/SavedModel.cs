using FastReg.IO;
using FastReg.Nn;
using FastReg.Nn.Training;

namespace FastReg.Samples;

/// <summary>
/// A model file written by <c>fastreg train --save</c>, ready to predict rows of numbers: the library's
/// <see cref="TrainedModel{T}"/> (network, preprocessing fitted on the training rows, class names), applied
/// exactly as <c>fastreg predict</c> applies it, plus the per-session calls a service pools. Double precision,
/// as <c>fastreg predict</c>, so the classes match it.
/// </summary>
public sealed class SavedModel
{
    private SavedModel(TrainedModel<double> model)
    {
        Model = model;
        Features = [.. model.Inputs.Select(c => c.Name)];
    }

    /// <summary>The library's model: preprocessing, network, classes.</summary>
    public TrainedModel<double> Model { get; }

    /// <summary>The network (its own Predict has a single owner; use <see cref="Sequential{T}.CreateInferenceSession"/> per thread).</summary>
    public Sequential<double> Network => Model.Network;

    /// <summary>The input columns, by name, in order.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>Class names for a classifier (index = output), null for a regression model.</summary>
    public IReadOnlyList<string>? Classes => Model.Classes;

    /// <summary>Loads <paramref name="path"/>; a bad file is one <see cref="DataFormatException"/> naming it.</summary>
    public static SavedModel Load(string path, int maxBatch = 256)
    {
        TrainedModel<double> model = TrainedModel<double>.Load(path, maxBatch);
        if (!model.Preprocessing.IsNumericOnly)
            throw new DataFormatException("the model reads text columns; this sample takes rows of numbers only.", path);
        return new SavedModel(model);
    }

    /// <summary>The model's preprocessing of raw rows x [rows, Features.Count] into the network's inputs [rows, InputSize].</summary>
    public void Scale(ReadOnlySpan<double> x, Span<double> scaled)
    {
        int columns = Features.Count, inputs = Network.InputSize;
        for (int r = 0; r < x.Length / columns; r++)
            Model.Preprocessing.TransformRow(x.Slice(r * columns, columns), scaled.Slice(r * inputs, inputs));
    }

    /// <summary>Preprocesses <paramref name="x"/> [batch, Features.Count] and predicts with <paramref name="session"/>; outputs [batch, OutputSize].</summary>
    public void Predict(InferenceSession<double> session, ReadOnlySpan<double> x, Span<double> scaledScratch, Span<double> outputs, int batch)
    {
        ArgumentNullException.ThrowIfNull(session);
        Span<double> scaled = scaledScratch[..(batch * Network.InputSize)];
        Scale(x[..(batch * Features.Count)], scaled);
        session.Predict(scaled, outputs, batch);
        Model.TargetScaler?.Unscale(outputs[..(batch * Network.OutputSize)]);
    }

    /// <summary>The index of the largest output in a row (the predicted class; ties: the first, as fastreg predict).</summary>
    public static int ArgMax(ReadOnlySpan<double> row) => ModelStatistics.ArgMax(row);
}

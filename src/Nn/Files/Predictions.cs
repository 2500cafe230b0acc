namespace FastReg.Nn;

/// <summary>
/// What <see cref="TrainedModel{T}"/> predicts for a set of rows: the outputs in the targets' units, and for a
/// classifier the probabilities, class indices and class names; how many text cells held a category the
/// model never saw in training (encoded as all zeros: worth a warning).
/// </summary>
public sealed class Predictions
{
    internal Predictions(int rows, int width, double[] outputs, double[]? probabilities, int[]? classIndices, string[]? classes, int[] unseenByInput)
    {
        Rows = rows;
        Width = width;
        Outputs = outputs;
        Probabilities = probabilities;
        ClassIndices = classIndices;
        Classes = classes;
        UnseenByInput = unseenByInput;
        foreach (int n in unseenByInput) UnseenCategories += n;
    }

    /// <summary>Rows predicted.</summary>
    public int Rows { get; }

    /// <summary>Outputs per row (the network's output width).</summary>
    public int Width { get; }

    /// <summary>[Rows, Width]: regression values in the targets' units (unscaled), or a classifier's logits.</summary>
    public double[] Outputs { get; }

    /// <summary>
    /// [Rows, Width]: class probabilities (softmax) for a classifier, sigmoid probabilities for a BCE model (for a binary
    /// classifier the second class's probability); null for regression.
    /// </summary>
    public double[]? Probabilities { get; }

    /// <summary>The predicted class of each row (the largest output, the first on ties); null unless a classifier.</summary>
    public int[]? ClassIndices { get; }

    /// <summary>The predicted class name of each row; null unless a classifier.</summary>
    public string[]? Classes { get; }

    /// <summary>Cells whose category was not seen in training, over all rows and text columns.</summary>
    public int UnseenCategories { get; }

    /// <summary>Unseen-category cells per input column, in the order of <see cref="TrainedModel{T}.Inputs"/>.</summary>
    public IReadOnlyList<int> UnseenByInput { get; }
}

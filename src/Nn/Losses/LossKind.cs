namespace FastReg.Nn;

/// <summary>The data loss J of a model, always a mean (PyTorch's reduction='mean').</summary>
public enum LossKind
{
    /// <summary>torch.nn.MSELoss: (1/(m·k))·Σ (ŷ − y)² over all m·k outputs; targets are real values [m, k].</summary>
    MeanSquaredError,

    /// <summary>torch.nn.CrossEntropyLoss on logits with integer class labels [m]: (1/m)·Σ_i (logsumexp(ŷ_i) − ŷ_i[y_i]).</summary>
    SoftmaxCrossEntropy,

    /// <summary>torch.nn.BCEWithLogitsLoss: mean over all m·k outputs of max(ŷ,0) − ŷ·y + log(1 + e^−|ŷ|); targets in [0, 1].</summary>
    BinaryCrossEntropyWithLogits,
}

namespace FastReg.Nn;

/// <summary>
/// The single-owner rule: training, gradients, objectives and <c>Predict</c> share the model's workspaces,
/// so every such call enters <see cref="SingleOwnerGuard"/> and an overlapping call from another thread
/// throws <see cref="InvalidOperationException"/> with <see cref="BusyMessage"/> rather than corrupt them.
/// </summary>
public sealed partial class Sequential<T>
{
    private SingleOwnerGuard _guard;

    /// <summary>The single-owner check; tests hold it from another thread to stand for an overlapping call.</summary>
    internal ref SingleOwnerGuard OwnerGuard => ref _guard;

    private const string BusyMessage =
        "This Sequential model is being used by another thread; a model has a single owner " +
        "(training, gradients, objectives and Predict share its workspaces) — use CreateInferenceSession for concurrent inference.";
}

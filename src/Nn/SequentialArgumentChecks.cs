using System.Runtime.CompilerServices;

namespace FastReg.Nn;

/// <summary>The argument checks of every public call: batch size, span lengths, targets or labels as the loss takes them, tensors of this model.</summary>
public sealed partial class Sequential<T>
{
    private void CheckBatch(ReadOnlySpan<T> x, int batch) => CheckBatch(x, batch, MaxBatch, "the model's workspace");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckBatch(ReadOnlySpan<T> x, int batch, int maxBatch, string workspace)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, $"batch {batch}: a batch must hold at least one example.");
        if (batch > maxBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), batch,
                $"batch {batch} exceeds the workspace's maxBatch {maxBatch}: {workspace} was sized for a maximum batch of {maxBatch} when it was built.");
        if (x.Length != batch * InputSize)
            throw new ArgumentException($"'x' has {x.Length} elements but batch × InputSize = {batch} × {InputSize} = {batch * InputSize}.", nameof(x));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckValues(ReadOnlySpan<T> x, ReadOnlySpan<T> targets, int batch)
    {
        CheckBatch(x, batch);
        if (_loss.TakesLabels)
            throw new ArgumentException($"{Loss} takes integer class labels (the ReadOnlySpan<int> overload), not real-valued targets.", nameof(targets));
        if (targets.Length != batch * OutputSize)
            throw new ArgumentException($"'targets' has {targets.Length} elements but batch × OutputSize = {batch} × {OutputSize} = {batch * OutputSize}.", nameof(targets));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckLabels(ReadOnlySpan<T> x, ReadOnlySpan<int> labels, int batch)
    {
        CheckBatch(x, batch);
        if (!_loss.TakesLabels)
            throw new ArgumentException($"{Loss} takes real-valued targets (the ReadOnlySpan<T> overload), not class labels.", nameof(labels));
        if (labels.Length != batch)
            throw new ArgumentException($"'labels' has {labels.Length} elements but the batch is {batch}.", nameof(labels));
        foreach (int label in labels)
            if ((uint)label >= (uint)OutputSize)
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"Class label {label} is outside [0, {OutputSize}).");
    }

    private ParameterTensor Own(ParameterTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if ((uint)tensor.Offset >= (uint)_arena.ParameterCount || !ReferenceEquals(_tensors[IndexOf(tensor)], tensor))
            throw new ArgumentException($"Tensor '{tensor.Name}' belongs to another model.", nameof(tensor));
        return tensor;
    }

    private int IndexOf(ParameterTensor tensor)
    {
        for (int i = 0; i < _tensors.Length; i++)
            if (ReferenceEquals(_tensors[i], tensor)) return i;
        throw new ArgumentException($"Tensor '{tensor.Name}' belongs to another model.", nameof(tensor));
    }
}

namespace FastReg.Nn;

/// <summary>The objective without gradients: the public <c>Objective</c> and the parts the gradient checker differences (<see cref="GradientChecker"/>).</summary>
public sealed partial class Sequential<T>
{
    /// <summary>
    /// The objective (data loss + every penalty term) without gradients; <paramref name="training"/>
    /// uses the current step's dropout masks and gate samples, otherwise inference mode.
    /// </summary>
    public T Objective(ReadOnlySpan<T> x, ReadOnlySpan<T> targets, int batch, bool training = true)
    {
        CheckValues(x, targets, batch);
        return ObjectiveCore(x, targets, default, batch, training);
    }

    /// <summary>Label form of <see cref="Objective(ReadOnlySpan{T}, ReadOnlySpan{T}, int, bool)"/>.</summary>
    public T Objective(ReadOnlySpan<T> x, ReadOnlySpan<int> labels, int batch, bool training = true)
    {
        CheckLabels(x, labels, batch);
        return ObjectiveCore(x, default, labels, batch, training);
    }


    private T ObjectiveCore(ReadOnlySpan<T> x, ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, int batch, bool training)
    {
        (T loss, T penalty) = ObjectiveParts(x, targets, labels, batch, training);
        return loss + penalty;
    }

    /// <summary>Data loss and penalty apart (the gradient checker differences each on its own, which keeps more digits).</summary>
    internal (T Loss, T Penalty) ObjectiveParts(ReadOnlySpan<T> x, ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, int batch, bool training)
    {
        _guard.Enter(BusyMessage);
        try
        {
            Forward(x, batch, new PassMode(training, Seed, Step));
            T loss = LossAndGradient(targets, labels, batch, _backA.AsSpan(0, batch * OutputSize));
            return (loss, Penalties(batch, addGradient: false, exactGradient: false));
        }
        finally
        {
            _guard.Exit();
        }
    }

    /// <summary>
    /// The objective in training mode as the gradient checker needs it: the data loss as an unevaluated
    /// sum High + Low of its terms (compensated) with its scale 1/m, so that differences of nearby
    /// objectives keep the digits a rounded J would lose; the penalty; and the kink signature of the
    /// pass: every layer's <see cref="Layer{T}.KinkSignature"/> and every regularizer's
    /// (<see cref="Regularizer{T}.KinkSignature"/>: the sign of every weight under an L1 term) mixed into one hash, which the checker compares at θ and θ ± h.
    /// </summary>
    internal (T High, T Low, T Scale, T Penalty, ulong Signature) CheckedObjective(ReadOnlySpan<T> x, ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, int batch)
    {
        var sum = default(CompensatedSum<T>);
        T penalty;
        _guard.Enter(BusyMessage);
        try
        {
            Forward(x, batch, new PassMode(true, Seed, Step));
            _loss.Compute(LossBatch(targets, labels, batch, _backA.AsSpan(0, batch * OutputSize)), ref sum);
            penalty = Penalties(batch, addGradient: false, exactGradient: false);
        }
        finally
        {
            _guard.Exit();
        }
        ulong signature = 0;
        for (int i = 0; i < _layers.Length; i++)
        {
            Layer<T> layer = _layers[i];
            ReadOnlySpan<T> input = i == 0 ? x : _activations[i - 1].AsSpan(0, batch * layer.InputSize);
            signature = CounterRandom.Mix(signature ^ layer.KinkSignature(input, _activations[i].AsSpan(0, batch * layer.OutputSize), batch) + (ulong)i);
        }
        signature = _regularizers.KinkSignature(_arena, signature);
        return (sum.High, sum.Low, sum.Scale, penalty, signature);
    }

    /// <summary>The run-time layer at <paramref name="index"/> (the gradient checker drives a layer alone through it).</summary>
    internal Layer<T> LayerAt(int index) => _layers[index];

    /// <summary>Output of layer <paramref name="layer"/> from the last forward pass (tests use it to keep inputs off kinks).</summary>
    internal ReadOnlySpan<T> LayerOutput(int layer, int batch) => _activations[layer].AsSpan(0, batch * _layers[layer].OutputSize);
}

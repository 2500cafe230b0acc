namespace FastReg.Nn;

/// <summary>
/// A model's regularizers, resolved once when its penalty is set: for every tensor, in arena order,
/// the components of its layer's penalty or else the model's (<see cref="Penalty.Components{T}"/>).
/// Each phase of a step is one loop over the flat list, one virtual call per tensor and component.
/// </summary>
internal sealed class RegularizerSet<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly (ParameterTensor Tensor, Regularizer<T> Component)[] _entries;
    private readonly T[] _scratch; // [largest tensor]

    public RegularizerSet(ParameterTensor[] tensors, Penalty modelPenalty, T[] scratch)
    {
        var entries = new List<(ParameterTensor, Regularizer<T>)>();
        foreach (ParameterTensor t in tensors)
            foreach (Regularizer<T> component in (t.LayerPenalty ?? modelPenalty).Components<T>(t))
                entries.Add((t, component ?? throw new InvalidOperationException($"Tensor {t.Name}: a penalty listed a null regularizer.")));
        _entries = [.. entries];
        _scratch = scratch;
    }

    /// <summary>
    /// Σ of the terms at the current parameters, each scaled by <paramref name="invM"/>; with
    /// <paramref name="addGradient"/> adds their gradients, proximal terms' only when <paramref name="exact"/>.
    /// </summary>
    public T Objective(ParameterArena<T> arena, T invM, bool addGradient, bool exact)
    {
        T total = T.Zero;
        foreach (var (t, component) in _entries)
        {
            ReadOnlySpan<T> w = arena.Parameter(t);
            total += component.Objective(w, invM);
            if (addGradient && (exact || !component.IsProximal)) component.AddGradient(w, arena.Gradient(t), invM);
        }
        return total;
    }

    /// <summary>Before the update: every component's gradient restriction (top-k).</summary>
    public void RestrictGradients(ParameterArena<T> arena, Optimizer optimizer, long update, double invM)
    {
        foreach (var (t, component) in _entries)
            component.RestrictGradient(new RegularizerStep<T>(arena, t, optimizer, update, invM, _scratch));
    }

    /// <summary>After the update: every component's projection (proximal L1, max-norm).</summary>
    public void Project(ParameterArena<T> arena, Optimizer optimizer, long update, double invM)
    {
        foreach (var (t, component) in _entries)
            component.Project(new RegularizerStep<T>(arena, t, optimizer, update, invM, _scratch));
    }

    /// <summary>Every component's kink signature at the current parameters, mixed into <paramref name="signature"/>.</summary>
    public ulong KinkSignature(ParameterArena<T> arena, ulong signature)
    {
        foreach (var (t, component) in _entries) signature = component.KinkSignature(arena.Parameter(t), signature);
        return signature;
    }
}


namespace FastReg.Nn.Training;

/// <summary>
/// Read-only summaries of a model: weight counts and norm, the weights that do something, closed L0 gates
/// and the arg-max of a row of logits. The trainer's metrics, the λ search and the <c>fastreg</c> reports use them.
/// None allocates.
/// </summary>
public static class ModelStatistics
{
    /// <summary>Over all weight matrices (not biases or gates): non-zero count, total count and Frobenius norm.</summary>
    public static (long NonZero, long Count, double Norm) Weights<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sumSquares = 0;
        long nonZero = 0, count = 0;
        IReadOnlyList<ParameterTensor> tensors = model.Parameters;
        for (int i = 0; i < tensors.Count; i++) // indexed: no enumerator allocation per epoch
        {
            ParameterTensor t = tensors[i];
            if (t.Kind != ParameterKind.Weight) continue;
            ReadOnlySpan<T> w = model.GetParameter(t);
            sumSquares += double.CreateTruncating(NnKernels.SumOfSquares(w));
            nonZero += NnKernels.CountNonZero(w);
            count += w.Length;
        }
        return (nonZero, count, Math.Sqrt(sumSquares));
    }

    /// <summary>
    /// Weights that do something: not exactly zero and not in a unit a closed hard-concrete gate removes
    /// (the row of the Dense before the gate and the column of the Dense after it, when both exist, as
    /// <see cref="Sequential{T}.PruneClosedGates"/> removes them). Returns that count and the total.
    /// Allocates nothing: the trainer calls it every epoch.
    /// </summary>
    public static (long Active, long Count) ActiveWeights<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long active = 0, count = 0;
        IReadOnlyList<ParameterTensor> tensors = model.Parameters;
        for (int i = 0; i < tensors.Count; i++)
        {
            ParameterTensor t = tensors[i];
            if (t.Kind != ParameterKind.Weight) continue;
            int rowGate = GateAfter(model, t.LayerIndex), colGate = GateBefore(model, t.LayerIndex);
            ReadOnlySpan<T> w = model.GetParameter(t);
            count += w.Length;
            for (int r = 0; r < t.Rows; r++)
            {
                if (rowGate >= 0 && GateClosed(model, rowGate, r)) continue;
                for (int c = 0; c < t.Cols; c++)
                    if (w[r * t.Cols + c] != T.Zero && (colGate < 0 || !GateClosed(model, colGate, c))) active++;
            }
        }
        return (active, count);
    }

    /// <summary>Hard-concrete gates whose inference value is exactly 0, and all gates.</summary>
    public static (int Closed, int Total) Gates<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int closed = 0, total = 0;
        for (int l = 0; l < model.Layers.Count; l++)
        {
            if (model.Layers[l] is not HardConcreteGate) continue;
            int n = GateWidth(model, l);
            total += n;
            for (int j = 0; j < n; j++) if (GateClosed(model, l, j)) closed++;
        }
        return (closed, total);
    }

    private static bool GateClosed<T>(Sequential<T> model, int layer, int unit) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = (HardConcreteGate)model.Layers[layer];
        double logAlpha = double.CreateTruncating(GateLogAlpha(model, layer)[unit]);
        // the inference gate clamp(σ(log α)(ζ − γ) + γ, 0, 1) is 0
        return 1 / (1 + Math.Exp(-logAlpha)) * (g.Zeta - g.Gamma) + g.Gamma <= 0;
    }

    private static ReadOnlySpan<T> GateLogAlpha<T>(Sequential<T> model, int layer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<ParameterTensor> tensors = model.Parameters;
        for (int i = 0; i < tensors.Count; i++)
            if (tensors[i].LayerIndex == layer && tensors[i].Kind == ParameterKind.GateLogAlpha) return model.GetParameter(tensors[i]);
        throw new InvalidOperationException($"Layer {layer} has no gate parameters.");
    }

    private static int GateWidth<T>(Sequential<T> model, int layer) where T : unmanaged, IFloatingPointIeee754<T> => GateLogAlpha(model, layer).Length;

    // The gate among the elementwise layers right after Dense `layer`, if a Dense follows it.
    private static int GateAfter<T>(Sequential<T> model, int layer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int gate = -1, i = layer + 1;
        for (; i < model.Layers.Count && model.Layers[i] is not Dense; i++)
            if (model.Layers[i] is HardConcreteGate) gate = i;
        return i < model.Layers.Count ? gate : -1;
    }

    // The gate among the elementwise layers right before Dense `layer`, if a Dense precedes it.
    private static int GateBefore<T>(Sequential<T> model, int layer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int gate = -1, i = layer - 1;
        for (; i >= 0 && model.Layers[i] is not Dense; i--)
            if (model.Layers[i] is HardConcreteGate) gate = i;
        return i >= 0 ? gate : -1;
    }

    /// <summary>Index of the largest value of a row of logits (the first on ties).</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int j = 1; j < row.Length; j++) if (row[j] > row[best]) best = j;
        return best;
    }
}

namespace FastReg.Nn;

/// <summary>Pruning closed units out of a model, through the layer API only (<see cref="LayerSpec.IsElementwise"/>, <see cref="LayerSpec.WithUnits"/>, <see cref="Layer{T}.IsUnitClosed"/>).</summary>
public sealed partial class Sequential<T>
{
    /// <summary>
    /// A smaller model without the units that are closed (<see cref="Layer{T}.IsUnitClosed"/>: a hard-concrete
    /// gate whose inference gate is exactly 0): for each elementwise layer with closed units between two
    /// narrowable layers (<see cref="LayerSpec.WithUnits"/>: Dense), with only elementwise layers around it,
    /// the closed units' rows of the layer before and weight columns of the layer after are removed. Its
    /// predictions equal this model's. Gates without a narrowable layer on both sides are left as they are.
    /// </summary>
    public Sequential<T> PruneClosedGates()
    {
        int n = _layers.Length;
        var closed = new bool[n][]; // closed[p][j]: unit j of layer p's output is removed
        for (int g = 0; g < n; g++)
        {
            if (!Layers[g].IsElementwise) continue;
            Layer<T> gate = _layers[g];
            int before = g - 1, after = g + 1;
            while (before >= 0 && Layers[before].IsElementwise) before--;
            while (after < n && Layers[after].IsElementwise) after++;
            if (before < 0 || after >= n || !Narrowable(Layers[before]) || !Narrowable(Layers[after])) continue;
            for (int p = before; p < after; p++)
            {
                closed[p] ??= new bool[gate.InputSize];
                for (int j = 0; j < gate.InputSize; j++) closed[p][j] |= gate.IsUnitClosed(j);
            }
        }

        var keep = new int[n][];
        for (int p = 0; p < n; p++)
        {
            int width = _layers[p].OutputSize;
            if (closed[p] is null) { keep[p] = Enumerable.Range(0, width).ToArray(); continue; }
            var kept = new List<int>();
            for (int j = 0; j < width; j++) if (!closed[p][j]) kept.Add(j);
            if (kept.Count == 0) kept.Add(0); // a layer keeps one (silent) unit rather than vanish
            keep[p] = [.. kept];
        }

        var specs = new LayerSpec[n];
        for (int i = 0; i < n; i++)
            specs[i] = (Narrowable(Layers[i]) ? Layers[i].WithUnits(keep[i].Length) : null) ?? Layers[i];
        var pruned = new Sequential<T>(InputSize, MaxBatch, Loss, specs, Seed)
        {
            Penalty = _penalty, PenaltyExamples = PenaltyExamples, Step = Step, LabelSmoothing = LabelSmoothing,
            ClipGradNorm = ClipGradNorm, ClipGradValue = ClipGradValue,
        };

        for (int i = 0; i < n; i++)
        {
            int[] rows = keep[i];
            int[]? cols = i > 0 ? keep[i - 1] : null;
            foreach (ParameterTensor t in _tensors)
            {
                if (t.LayerIndex != i) continue;
                ParameterTensor nt = pruned._tensors[pruned.IndexOfName(t.Name)];
                ReadOnlySpan<T> src = _arena.Parameter(t);
                Span<T> dst = pruned._arena.Parameter(nt);
                for (int r = 0; r < nt.Rows; r++)
                    for (int c = 0; c < nt.Cols; c++)
                    {
                        int sc = t.Kind == ParameterKind.Weight && cols is not null ? cols[c] : c;
                        dst[r * nt.Cols + c] = src[rows[r] * t.Cols + sc];
                    }
            }
        }
        return pruned;
    }

    /// <summary>Whether the layer's width is its own setting, so pruning may narrow it (<see cref="LayerSpec.WithUnits"/> is not null).</summary>
    private static bool Narrowable(LayerSpec spec) => !spec.IsElementwise && spec.WithUnits(1) is not null;

    private int IndexOfName(string name)
    {
        for (int i = 0; i < _tensors.Length; i++)
            if (_tensors[i].Name == name) return i;
        throw new InvalidOperationException($"No tensor named {name}.");
    }
}

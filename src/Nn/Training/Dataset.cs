namespace FastReg.Nn.Training;

/// <summary>
/// Examples in memory, row-major: features X [Count, Features], and either class labels
/// [Count] (classification) or real targets [Count, Outputs] (regression, binary).
/// Immutable once built; subsets copy the rows they select.
/// </summary>
public sealed class Dataset<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Dataset(T[] x, int features, int[]? labels, T[]? targets, int outputs)
    {
        X = x;
        Features = features;
        Labels = labels;
        Targets = targets;
        Outputs = outputs;
        Count = x.Length / features;
    }

    /// <summary>Features, [Count, Features] row-major.</summary>
    public T[] X { get; }

    /// <summary>Class labels (classification), else null.</summary>
    public int[]? Labels { get; }

    /// <summary>Real-valued targets [Count, Outputs] (regression), else null.</summary>
    public T[]? Targets { get; }

    /// <summary>Number of examples.</summary>
    public int Count { get; }

    /// <summary>Features per example.</summary>
    public int Features { get; }

    /// <summary>Target values per example (1 for labels).</summary>
    public int Outputs { get; }

    /// <summary>True when the examples carry class labels.</summary>
    public bool IsClassification => Labels is not null;

    /// <summary>A classification set; labels must be in [0, classes).</summary>
    public static Dataset<T> Classification(T[] x, int features, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        CheckRows(x, features, labels.Length);
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] < 0) throw new ArgumentException($"Label of example {i} is {labels[i]}; class labels must be non-negative.", nameof(labels));
        CheckFinite(x, nameof(x));
        return new Dataset<T>(x, features, labels, null, 1);
    }

    /// <summary>A regression (or binary-target) set with <paramref name="outputs"/> targets per example.</summary>
    public static Dataset<T> Regression(T[] x, int features, T[] targets, int outputs = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        if (targets.Length % outputs != 0)
            throw new ArgumentException($"{targets.Length} targets do not divide into rows of {outputs}.", nameof(targets));
        CheckRows(x, features, targets.Length / outputs);
        CheckFinite(x, nameof(x));
        CheckFinite(targets, nameof(targets));
        return new Dataset<T>(x, features, null, targets, outputs);
    }

    /// <summary>Number of classes: 1 + the largest label (0 for regression).</summary>
    public int ClassCount()
    {
        if (Labels is null) return 0;
        int max = -1;
        foreach (int l in Labels) max = Math.Max(max, l);
        return max + 1;
    }

    /// <summary>The examples at <paramref name="indices"/>, copied, in that order.</summary>
    public Dataset<T> Subset(ReadOnlySpan<int> indices)
    {
        var x = new T[indices.Length * Features];
        int[]? labels = Labels is null ? null : new int[indices.Length];
        T[]? targets = Targets is null ? null : new T[indices.Length * Outputs];
        for (int r = 0; r < indices.Length; r++)
        {
            int i = indices[r];
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"Index outside [0, {Count}).");
            CopyRow(i, r, x, labels, targets);
        }
        return new Dataset<T>(x, Features, labels, targets, Outputs);
    }

    /// <summary>Copies example <paramref name="from"/> into row <paramref name="to"/> of the given buffers (no allocation).</summary>
    internal void CopyRow(int from, int to, Span<T> x, Span<int> labels, Span<T> targets)
    {
        X.AsSpan(from * Features, Features).CopyTo(x.Slice(to * Features, Features));
        if (Labels is not null) labels[to] = Labels[from];
        if (Targets is not null) Targets.AsSpan(from * Outputs, Outputs).CopyTo(targets.Slice(to * Outputs, Outputs));
    }

    private static void CheckRows(T[] x, int features, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if (x.Length % features != 0)
            throw new ArgumentException($"{x.Length} feature values do not divide into rows of {features}.", nameof(x));
        if (x.Length / features != rows)
            throw new ArgumentException($"{x.Length / features} rows of features but {rows} targets.", nameof(x));
        if (rows == 0) throw new ArgumentException("The dataset is empty.", nameof(x));
    }

    private static void CheckFinite(T[] values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (!T.IsFinite(values[i]))
                throw new ArgumentException($"'{name}' holds a non-finite value ({values[i]}) at index {i}.", name);
    }
}

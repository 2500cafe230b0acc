namespace FastReg.Nn.Selection;

/// <summary>
/// Partitions of example indices for cross-validation and hold-out validation. Every method is
/// deterministic for a given seed; indices within a fold are returned in ascending order.
/// </summary>
public static class Folds
{
    /// <summary>
    /// k-fold assignment as scikit-learn's KFold: the first n mod k folds get one extra example.
    /// With <paramref name="shuffle"/>, the examples are permuted by <paramref name="seed"/> first.
    /// Returns fold[i] ∈ [0, k) for each example i.
    /// </summary>
    public static int[] KFold(int n, int k, bool shuffle = true, ulong seed = 0)
    {
        ValidateCounts(n, k);
        int[] order = Identity(n);
        if (shuffle) new Random(CounterRandom.Int32Seed(seed)).Shuffle(order);
        var fold = new int[n];
        int pos = 0;
        for (int f = 0; f < k; f++)
        {
            int size = n / k + (f < n % k ? 1 : 0);
            for (int j = 0; j < size; j++) fold[order[pos++]] = f;
        }
        return fold;
    }

    /// <summary>
    /// Stratified k-fold: each class's examples (shuffled within the class by <paramref name="seed"/>)
    /// are dealt to the folds in turn, continuing across classes, so every fold holds each class
    /// within one example of its share and fold sizes differ by at most one. A class with fewer
    /// than k examples is absent from some folds (scikit-learn warns about this; we allow it).
    /// </summary>
    public static int[] StratifiedKFold(ReadOnlySpan<int> labels, int k, ulong seed = 0)
    {
        ValidateCounts(labels.Length, k);
        int[] order = ClassOrder(labels, seed);
        var fold = new int[labels.Length];
        for (int p = 0; p < order.Length; p++) fold[order[p]] = p % k;
        return fold;
    }

    /// <summary>Indices of the examples in fold <paramref name="f"/> (test) and not in it (train).</summary>
    public static (int[] Train, int[] Test) Split(ReadOnlySpan<int> fold, int f)
    {
        int nTest = 0;
        foreach (int x in fold) if (x == f) nTest++;
        var test = new int[nTest];
        var train = new int[fold.Length - nTest];
        int a = 0, b = 0;
        for (int i = 0; i < fold.Length; i++)
        {
            if (fold[i] == f) test[a++] = i;
            else train[b++] = i;
        }
        return (train, test);
    }

    /// <summary>
    /// A hold-out split with round(fraction·n) validation examples, chosen by <paramref name="seed"/>.
    /// </summary>
    public static (int[] Train, int[] Validation) Holdout(int n, double fraction, ulong seed = 0)
    {
        int nValid = ValidationCount(n, fraction);
        int[] order = Identity(n);
        new Random(CounterRandom.Int32Seed(seed)).Shuffle(order);
        return SortedPair(order.AsSpan(nValid).ToArray(), order.AsSpan(0, nValid).ToArray());
    }

    /// <summary>
    /// A stratified hold-out split: round(fraction·n) validation examples, taken at evenly spaced
    /// positions of the class-grouped order so each class gets its proportional share within one
    /// example; each class is shuffled by <paramref name="seed"/>.
    /// </summary>
    public static (int[] Train, int[] Validation) StratifiedHoldout(ReadOnlySpan<int> labels, double fraction, ulong seed = 0)
    {
        int n = labels.Length;
        int nValid = ValidationCount(n, fraction);
        // Evenly spaced positions in the class-grouped order: each class gets its share within one.
        int[] order = ClassOrder(labels, seed);
        var isValid = new bool[n];
        for (int j = 0; j < nValid; j++)
        {
            long pos = (long)j * n / nValid;
            isValid[order[pos]] = true;
        }
        var train = new List<int>(n - nValid);
        var valid = new List<int>(nValid);
        for (int i = 0; i < n; i++) (isValid[i] ? valid : train).Add(i);
        return (train.ToArray(), valid.ToArray());
    }

    private static int[] ClassOrder(ReadOnlySpan<int> labels, ulong seed)
    {
        // Shuffle once, then stable-sort by label: each class stays in shuffled order, classes contiguous.
        int n = labels.Length;
        int[] order = Identity(n);
        new Random(CounterRandom.Int32Seed(seed)).Shuffle(order);
        int[] keys = new int[n];
        for (int p = 0; p < n; p++)
        {
            int label = labels[order[p]];
            if (label < 0) throw new ArgumentException($"Class labels must be non-negative; example {order[p]} has {label}.", nameof(labels));
            keys[p] = label;
        }
        // Array.Sort is not stable; make ties break by position to keep the shuffled order within a class.
        long[] composite = new long[n];
        for (int p = 0; p < n; p++) composite[p] = ((long)keys[p] << 32) | (uint)p;
        Array.Sort(composite, order);
        return order;
    }

    private static int ValidationCount(int n, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The validation fraction must be strictly between 0 and 1.");
        int nValid = (int)Math.Round(fraction * n, MidpointRounding.AwayFromZero);
        if (nValid < 1 || nValid >= n)
            throw new ArgumentException($"A validation fraction of {fraction} of {n} examples leaves an empty training or validation set.", nameof(fraction));
        return nValid;
    }

    private static void ValidateCounts(int n, int k)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), k, "k-fold cross-validation needs at least 2 folds.");
        if (n < k) throw new ArgumentException($"Cannot split {n} examples into {k} folds.", nameof(k));
    }

    private static int[] Identity(int n)
    {
        var a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    private static (int[], int[]) SortedPair(int[] a, int[] b)
    {
        Array.Sort(a);
        Array.Sort(b);
        return (a, b);
    }
}

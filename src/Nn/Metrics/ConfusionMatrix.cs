namespace FastReg.Nn.Metrics;

/// <summary>
/// Counts of (actual class, predicted class) pairs, as scikit-learn's <c>confusion_matrix</c>: row = the actual
/// class, column = the predicted one, so the diagonal holds the correct predictions.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;

    /// <summary>An empty matrix over <paramref name="classCount"/> classes (indices 0 to classCount − 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 1 or too large for a square of counts.</exception>
    public ConfusionMatrix(int classCount)
    {
        if (classCount < 1 || (long)classCount * classCount > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "a confusion matrix needs between 1 and 46,340 classes.");
        ClassCount = classCount;
        _counts = new long[classCount * classCount];
    }

    /// <summary>The matrix of the given actual and predicted class indices, pair by pair.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index lies outside [0, classCount).</exception>
    public static ConfusionMatrix From(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount)
    {
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"{actual.Length} actual classes but {predicted.Length} predicted ones.", nameof(predicted));
        var matrix = new ConfusionMatrix(classCount);
        for (int i = 0; i < actual.Length; i++) matrix.Add(actual[i], predicted[i]);
        return matrix;
    }

    /// <summary>Classes: the matrix is ClassCount × ClassCount.</summary>
    public int ClassCount { get; }

    /// <summary>How many rows of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted]
    {
        get
        {
            Check(actual, nameof(actual));
            Check(predicted, nameof(predicted));
            return _counts[actual * ClassCount + predicted];
        }
    }

    /// <summary>Pairs counted.</summary>
    public long Total { get; private set; }

    /// <summary>Pairs on the diagonal (predicted = actual).</summary>
    public long Correct { get; private set; }

    /// <summary>Counts one pair.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index lies outside [0, <see cref="ClassCount"/>).</exception>
    public void Add(int actual, int predicted)
    {
        Check(actual, nameof(actual));
        Check(predicted, nameof(predicted));
        _counts[actual * ClassCount + predicted]++;
        Total++;
        if (actual == predicted) Correct++;
    }

    /// <summary>Rows whose actual class is <paramref name="c"/> (its row sum: scikit-learn's support).</summary>
    public long Support(int c)
    {
        Check(c, nameof(c));
        long sum = 0;
        for (int p = 0; p < ClassCount; p++) sum += _counts[c * ClassCount + p];
        return sum;
    }

    /// <summary>Rows predicted as class <paramref name="c"/> (its column sum).</summary>
    public long Predicted(int c)
    {
        Check(c, nameof(c));
        long sum = 0;
        for (int a = 0; a < ClassCount; a++) sum += _counts[a * ClassCount + c];
        return sum;
    }

    /// <summary>The counts as rows (actual) of columns (predicted).</summary>
    public long[][] ToArray()
    {
        var rows = new long[ClassCount][];
        for (int a = 0; a < ClassCount; a++) rows[a] = _counts.AsSpan(a * ClassCount, ClassCount).ToArray();
        return rows;
    }

    private void Check(int c, string name)
    {
        if ((uint)c >= (uint)ClassCount)
            throw new ArgumentOutOfRangeException(name, c, $"class indices lie in [0, {ClassCount}).");
    }
}

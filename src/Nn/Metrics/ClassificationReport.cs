namespace FastReg.Nn.Metrics;

/// <summary>
/// Accuracy and per-class precision, recall and F1 with their macro and support-weighted averages, computed
/// from a <see cref="ConfusionMatrix"/> by scikit-learn's definitions (<c>accuracy_score</c>,
/// <c>precision_recall_fscore_support</c>, <c>classification_report</c>):
/// <list type="bullet">
/// <item>precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2·P·R / (P + R); a zero denominator gives 0
/// (scikit-learn's <c>zero_division="warn"</c> default, which warns) and the class is listed in <see cref="Undefined"/>;</item>
/// <item>the averages run over the classes that occur as an actual or a predicted class (scikit-learn's default
/// labels, the union of <c>y_true</c> and <c>y_pred</c>); a class of the model that occurs in neither keeps its row
/// (all zero, support 0) but is left out of the macro average;</item>
/// <item>the macro average is the plain mean of the per-class values (its F1 is the mean of the F1s, not the F1 of
/// the means); the weighted average weights each class by its support.</item>
/// </list>
/// </summary>
public sealed class ClassificationReport
{
    private ClassificationReport(ConfusionMatrix matrix, string[] classes, ClassMetrics[] perClass, bool[] present,
        ClassMetrics macro, ClassMetrics weighted, string[] undefined)
    {
        Matrix = matrix;
        Classes = classes;
        PerClass = perClass;
        Present = present;
        MacroAverage = macro;
        WeightedAverage = weighted;
        Undefined = undefined;
    }

    /// <summary>The report of <paramref name="matrix"/>; <paramref name="classes"/> names the classes by index (default "0", "1", ...).</summary>
    /// <exception cref="ArgumentException">The matrix is empty, or the names do not match its classes.</exception>
    public static ClassificationReport From(ConfusionMatrix matrix, IReadOnlyList<string>? classes = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Total == 0) throw new ArgumentException("the confusion matrix counts no rows; there is nothing to score.", nameof(matrix));
        int k = matrix.ClassCount;
        string[] names = new string[k];
        if (classes is not null && classes.Count != k)
            throw new ArgumentException($"{classes.Count} class names for a matrix of {k} classes.", nameof(classes));
        for (int c = 0; c < k; c++) names[c] = classes?[c] ?? c.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var perClass = new ClassMetrics[k];
        var present = new bool[k];
        var undefined = new List<string>();
        double macroP = 0, macroR = 0, macroF = 0, weightedP = 0, weightedR = 0, weightedF = 0;
        int presentCount = 0;
        for (int c = 0; c < k; c++)
        {
            long tp = matrix[c, c], support = matrix.Support(c), predicted = matrix.Predicted(c);
            present[c] = support > 0 || predicted > 0;
            if (!present[c]) continue;
            double precision = Ratio(tp, predicted), recall = Ratio(tp, support);
            double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            if (predicted == 0) undefined.Add($"precision of '{names[c]}' (never predicted)");
            if (support == 0) undefined.Add($"recall of '{names[c]}' (no actual rows)");
            perClass[c] = new ClassMetrics(precision, recall, f1, support);
            presentCount++;
            (macroP, macroR, macroF) = (macroP + precision, macroR + recall, macroF + f1);
            (weightedP, weightedR, weightedF) = (weightedP + precision * support, weightedR + recall * support, weightedF + f1 * support);
        }
        double total = matrix.Total;
        var macro = new ClassMetrics(macroP / presentCount, macroR / presentCount, macroF / presentCount, matrix.Total);
        var weighted = new ClassMetrics(weightedP / total, weightedR / total, weightedF / total, matrix.Total);
        return new ClassificationReport(matrix, names, perClass, present, macro, weighted, [.. undefined]);
    }

    /// <summary>The report of actual against predicted class indices.</summary>
    /// <exception cref="ArgumentException">No rows, or the spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index lies outside the classes.</exception>
    public static ClassificationReport From(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        return From(ConfusionMatrix.From(actual, predicted, classes.Count), classes);
    }

    /// <summary>The counts the report was computed from.</summary>
    public ConfusionMatrix Matrix { get; }

    /// <summary>Class names by index.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Rows scored.</summary>
    public long Rows => Matrix.Total;

    /// <summary>Fraction of rows predicted correctly (scikit-learn's <c>accuracy_score</c>).</summary>
    public double Accuracy => (double)Matrix.Correct / Matrix.Total;

    /// <summary>Each class's precision, recall, F1 and support, by class index.</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; }

    /// <summary>Whether each class occurs as an actual or a predicted class (the classes the averages run over).</summary>
    public IReadOnlyList<bool> Present { get; }

    /// <summary>The unweighted mean over the present classes; support: all rows.</summary>
    public ClassMetrics MacroAverage { get; }

    /// <summary>The mean over the classes weighted by their support; support: all rows.</summary>
    public ClassMetrics WeightedAverage { get; }

    /// <summary>The ratios that had a zero denominator and were set to 0 ("precision of 'b' (never predicted)"); empty when none.</summary>
    public IReadOnlyList<string> Undefined { get; }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}

namespace FastReg.Nn.Metrics;

/// <summary>
/// Precision, recall and F1 of one class (or their average over classes), with its support, as a row of
/// scikit-learn's <c>classification_report</c>. A ratio whose denominator is zero is 0, scikit-learn's value
/// for <c>zero_division="warn"</c> (its default); <see cref="ClassificationReport.Undefined"/> says where that happened.
/// </summary>
/// <param name="Precision">Correct predictions of the class over all predictions of it.</param>
/// <param name="Recall">Correct predictions of the class over its actual rows.</param>
/// <param name="F1">The harmonic mean of precision and recall (0 when both are 0).</param>
/// <param name="Support">Rows whose actual class this is (for an average: the rows of the classes averaged).</param>
public readonly record struct ClassMetrics(double Precision, double Recall, double F1, long Support);

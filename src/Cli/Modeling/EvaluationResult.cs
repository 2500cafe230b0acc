using FastReg.Nn.Metrics;

namespace FastReg.Cli.Modeling;

/// <summary>
/// How well a model did on one set of rows whose targets are known: the data loss (the training loss's definition,
/// in the targets' units) and the library's classification or regression report.
/// </summary>
/// <param name="What">The rows, in words ("data.csv", "validation rows").</param>
/// <param name="Loss">Mean data loss: cross-entropy (ce), binary cross-entropy (bce) or mean squared error (mse, the targets' units).</param>
/// <param name="Classification">A classifier's report, or null.</param>
/// <param name="Regression">A regression model's report (a bce model without classes: of its probabilities), or null.</param>
internal sealed record EvaluationResult(string What, double Loss, ClassificationReport? Classification, RegressionReport? Regression)
{
    /// <summary>Rows left out because their target was missing.</summary>
    public int Skipped { get; init; }

    /// <summary>Rows scored.</summary>
    public long Rows => Classification?.Rows ?? Regression!.Rows;
}

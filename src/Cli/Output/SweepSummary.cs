namespace FastReg.Cli.Output;

/// <summary>
/// <c>fastreg sweep --json</c>: one object, snake_case keys (docs: README "sweep"). Per-λ arrays follow
/// <see cref="Grid"/>; a score JSON cannot hold (NaN: a diverged fit) is null. Scores are in the target's units
/// for one scaled target, in scaled units for several (<see cref="ScaledTargets"/>).
/// </summary>
/// <param name="Penalty">The --penalty swept.</param>
/// <param name="Method">"cross-validation" or "hold-out".</param>
/// <param name="Folds">k of the cross-validation; null for hold-out.</param>
/// <param name="Rows">Rows loaded (all of them are split into folds, and the saved model is refitted on all).</param>
/// <param name="ValidationRows">Held-out rows of the hold-out split; null for cross-validation.</param>
/// <param name="Metric">loss, error or rmse.</param>
/// <param name="ScaledTargets">Whether the scores are in scaled units (several scaled targets).</param>
/// <param name="Grid">The λ (or max-norm c) values, in the order given.</param>
/// <param name="MeanTrain">Mean training score per λ.</param>
/// <param name="MeanValidation">Mean held-out score per λ.</param>
/// <param name="StandardError">Standard error of the held-out mean per λ; null for hold-out.</param>
/// <param name="FoldScores">Held-out score [λ][fold]; null for hold-out.</param>
/// <param name="BestIndex">Index in <see cref="Grid"/> of the lowest mean held-out score.</param>
/// <param name="BestLambda">That λ.</param>
/// <param name="OneSeIndex">Index of the most regularized λ within one standard error of the best.</param>
/// <param name="OneSeLambda">That λ (the largest λ; the smallest c for max-norm).</param>
/// <param name="OneSeRule">The rule in words.</param>
/// <param name="Choose">--choose: "best" or "1se".</param>
/// <param name="ChosenLambda">The λ --choose picks, the one a saved model is refitted at.</param>
/// <param name="SavedModel">The --save file, absolute; null without --save.</param>
/// <param name="Plot">The validation curve's SVG, absolute.</param>
/// <param name="Notes">What loading did (rows dropped), one line each.</param>
internal sealed record SweepSummary(
    string Penalty, string Method, int? Folds, int Rows, int? ValidationRows, string Metric, bool ScaledTargets,
    double[] Grid, double?[] MeanTrain, double?[] MeanValidation, double?[]? StandardError, double?[][]? FoldScores,
    int BestIndex, double BestLambda, int OneSeIndex, double OneSeLambda, string OneSeRule, string Choose, double ChosenLambda,
    string? SavedModel, string Plot, IReadOnlyList<string> Notes)
{
    /// <summary>Always "sweep": which command wrote the object (first key).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Command { get; } = "sweep";

    /// <summary>JSON has no NaN: a score that is not finite is null.</summary>
    public static double?[] Finite(double[] values) => Array.ConvertAll(values, v => double.IsFinite(v) ? v : (double?)null);
}

namespace FastReg.Cli.Output;

/// <summary>
/// <c>fastreg bias-variance --json</c>: one object, snake_case keys (docs: README "bias-variance"). Per-λ arrays
/// follow <see cref="Grid"/>; terms that do not apply to the <see cref="Decomposition"/> are null, and so is a
/// value JSON cannot hold (NaN). Squared errors are in the target's units for one scaled target.
/// </summary>
/// <param name="Penalty">The --penalty swept.</param>
/// <param name="Rounds">Bootstrap rounds per λ.</param>
/// <param name="TrainRows">Rows the bootstrap samples are drawn from (and the preprocessing fitted on).</param>
/// <param name="TestRows">Held-out rows the decomposition is measured on.</param>
/// <param name="Decomposition">"squared-error" (regression) or "zero-one" (classes, Domingos).</param>
/// <param name="ScaledTargets">Whether squared errors are in scaled units (several scaled targets).</param>
/// <param name="Grid">The λ values, in the order given.</param>
/// <param name="ExpectedLoss">Expected held-out loss per λ (MSE or 0-1 loss).</param>
/// <param name="BiasSquared">Squared error: bias², the noise included; else null.</param>
/// <param name="BiasSquaredWithoutNoise">Squared error: bias² less the noise estimate (at least 0); else null.</param>
/// <param name="Noise">Squared error: the noise estimated from nearest neighbours (one target only); else null.</param>
/// <param name="Bias">0-1 loss: the bias; else null.</param>
/// <param name="Variance">Variance per λ.</param>
/// <param name="Plot">The SVG, absolute.</param>
/// <param name="Notes">What loading did (rows dropped), one line each.</param>
internal sealed record BiasVarianceSummary(
    string Penalty, int Rounds, int TrainRows, int TestRows, string Decomposition, bool ScaledTargets, double[] Grid,
    double?[] ExpectedLoss, double?[]? BiasSquared, double?[]? BiasSquaredWithoutNoise, double?[]? Noise, double?[]? Bias, double?[] Variance,
    string Plot, IReadOnlyList<string> Notes)
{
    /// <summary>Always "bias-variance": which command wrote the object (first key).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Command { get; } = "bias-variance";
}

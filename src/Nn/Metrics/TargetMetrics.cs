namespace FastReg.Nn.Metrics;

/// <summary>
/// The errors of one regression target (or their average over targets), in the target's own units, by
/// scikit-learn's definitions: <c>root_mean_squared_error</c>, <c>mean_absolute_error</c> and <c>r2_score</c>.
/// </summary>
/// <param name="Rmse">√(mean of (y − ŷ)²).</param>
/// <param name="Mae">Mean of |y − ŷ|.</param>
/// <param name="R2">1 − SS_res / SS_tot with SS_tot = Σ(y − ȳ)²: 1 for a perfect fit, 0 for predicting the mean, below 0 for worse.
/// A constant target (SS_tot = 0) gives 1 when the fit is perfect and 0 otherwise (scikit-learn's <c>force_finite=True</c>);
/// fewer than two rows give NaN (scikit-learn warns and returns NaN).</param>
public readonly record struct TargetMetrics(double Rmse, double Mae, double R2);

namespace FastReg.Nn.Linear;

/// <summary>Why <see cref="LinearSolver"/> stopped.</summary>
public enum LinearStopReason
{
    /// <summary>The mean relative decrease over the last five iterations fell below the tolerance.</summary>
    Tolerance,

    /// <summary>The (pseudo-)gradient is zero to the precision of double: the parameters are optimal.</summary>
    Stationary,

    /// <summary>The line search found no lower objective along the search direction although the gradient is small: converged to the precision of double.</summary>
    NoFurtherDecrease,

    /// <summary>The line search found no lower objective while the gradient is still large (badly scaled data): not converged.</summary>
    LineSearchFailed,

    /// <summary>The iteration cap was reached before the tolerance: not converged.</summary>
    IterationCap,
}

/// <summary>What a <see cref="LinearSolver"/> fit did.</summary>
/// <param name="Iterations">Quasi-Newton iterations (accepted steps).</param>
/// <param name="Evaluations">Evaluations of the objective and its gradient (each one pass over the data).</param>
/// <param name="Objective">The final objective: mean data loss + penalty, as <see cref="Sequential{T}.Objective(ReadOnlySpan{T}, ReadOnlySpan{T}, int, bool)"/> computes it.</param>
/// <param name="DataLoss">The mean data loss part of <paramref name="Objective"/>.</param>
/// <param name="GradientNorm">The largest |entry| of the final (pseudo-)gradient: 0 at the exact optimum.</param>
/// <param name="Converged">False when the iteration cap was reached or the line search failed far from the optimum.</param>
/// <param name="StopReason">Why it stopped.</param>
/// <param name="ExactZeros">Weights (biases not counted) that are exactly 0.</param>
/// <param name="Weights">The number of weights (biases not counted).</param>
/// <param name="Elapsed">Wall time of the fit, setup included.</param>
public sealed record LinearFitResult(int Iterations, int Evaluations, double Objective, double DataLoss, double GradientNorm,
    bool Converged, LinearStopReason StopReason, int ExactZeros, int Weights, TimeSpan Elapsed)
{
    /// <summary>scikit-learn's ConvergenceWarning as one line when the fit did not converge, else null.</summary>
    public string? ConvergenceWarning => Converged ? null : StopReason == LinearStopReason.IterationCap
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"ConvergenceWarning: the L-BFGS solver reached its iteration cap ({Iterations}) before the objective settled (gradient {GradientNorm:G3}); raise the cap, add a penalty (separable classes have no finite optimum without one) or standardize the features.")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"ConvergenceWarning: the L-BFGS line search found no lower objective after {Iterations} iterations with the gradient still at {GradientNorm:G3}; standardize the features.");
}

/// <summary>A fitted linear model: one <see cref="Dense"/> layer, and how the fit went.</summary>
/// <param name="Model">The model, a <see cref="Sequential{T}"/> with one Dense layer (saved, predicted and packaged like any network).</param>
/// <param name="Result">Iterations, objective, convergence, exact zeros.</param>
public sealed record LinearFit<T>(Sequential<T> Model, LinearFitResult Result) where T : unmanaged, IFloatingPointIeee754<T>;

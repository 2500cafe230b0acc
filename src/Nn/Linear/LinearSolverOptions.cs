namespace FastReg.Nn.Linear;

/// <summary>
/// When <see cref="LinearSolver"/> stops, and how much curvature it remembers. The defaults are
/// ML.NET's L-BFGS trainers' (OptimizationTolerance 1e-7, HistorySize 20), with an iteration cap
/// so that a problem without a finite optimum (separable classes, no penalty) still ends.
/// </summary>
public sealed record LinearSolverOptions
{
    /// <summary>
    /// Stop when the objective's mean relative decrease over the last five iterations,
    /// (f[k−5] − f[k]) / (5·|f[k]|), falls below this (ML.NET's MeanRelativeImprovementCriterion).
    /// </summary>
    public double Tolerance
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Tolerance), value, "Tolerance must be a positive finite number.");
    } = 1e-7;

    /// <summary>The iteration cap; reaching it sets <see cref="LinearFitResult.Converged"/> false.</summary>
    public int MaxIterations
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, "MaxIterations must be at least 1.");
    } = 1000;

    /// <summary>The number of (s, y) pairs the L-BFGS two-loop recursion keeps.</summary>
    public int HistorySize
    {
        get;
        init => field = value >= 1 && value <= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(HistorySize), value, "HistorySize must lie in [1, 1000].");
    } = 20;

    /// <summary>
    /// The number of classes of a softmax model; null takes 1 + the largest training label (a class
    /// that never occurs in the training rows still gets its row of weights when given here).
    /// </summary>
    public int? Classes
    {
        get;
        init => field = value is null or >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Classes), value, "A softmax model needs at least 2 classes.");
    }

    /// <summary>The returned model's maxBatch (its inference workspace); null takes min(rows, 1024).</summary>
    public int? MaxBatch
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxBatch), value, "MaxBatch must be positive.");
    }

    /// <summary>The default options.</summary>
    public static LinearSolverOptions Default { get; } = new();
}

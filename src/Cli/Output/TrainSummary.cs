namespace FastReg.Cli.Output;

/// <summary>The JSON summary of <c>fastreg train --json</c> (metrics of the epoch whose weights the model ends with).</summary>
internal sealed record TrainSummary(
    string Task, int Parameters, int EpochsRun, int BestEpoch, bool StoppedEarly,
    double? TrainLoss, double? ValidationLoss, double? TrainAccuracy, double? ValidationAccuracy, double? TrainRmse, double? ValidationRmse,
    double WeightNorm, double ZeroFraction, double Seconds, double?[] TrainLossHistory, double?[] ValidationLossHistory)
{
    /// <summary>"gradient" (epochs of an optimizer) or "lbfgs" / "owlqn" (the linear solver).</summary>
    public string Solver { get; init; } = "gradient";

    /// <summary>The linear solver's iterations, objective, convergence and exact-zero weights (null for gradient training).</summary>
    public int? Iterations { get; init; }
    public double? Objective { get; init; }
    public bool? Converged { get; init; }
    public int? ExactZeros { get; init; }

    /// <summary>The ConvergenceWarning line, or null.</summary>
    public string? Warning { get; init; }

    /// <summary>The final model's scores on the --test rows (the metrics JSON schema of predict --metrics-json), or null without --test.</summary>
    public MetricsDocument? Test { get; init; }

    /// <summary>Every epoch with all its metrics (the rows <c>--log</c> writes).</summary>
    public EpochRecord[] Epochs { get; init; } = [];
}

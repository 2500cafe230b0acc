using FastReg.Nn.Training;

namespace FastReg.Cli.Jobs;

/// <summary>What one arm of the main job measured, at the weights it ended with.</summary>
/// <param name="Sparsity">Fraction of weights that are exactly zero or belong to a unit whose gate is closed.</param>
internal sealed record CaseResult(
    RegularizerCase Case, TrainingResult Training, double TrainLoss, double ValidationLoss,
    double ValidationAccuracy, double TestAccuracy, double WeightNorm, double Sparsity, TimeSpan Elapsed)
{
    /// <summary>Validation minus training loss: how much the model overfits.</summary>
    public double Gap => ValidationLoss - TrainLoss;

    public int EpochsRun => Training.History.Count;

    /// <summary>Hidden units whose hard-concrete gate is closed at the end (0 without gates).</summary>
    public int ClosedUnits { get; init; }

    /// <summary>Hidden units behind a hard-concrete gate (0 without gates).</summary>
    public int GatedUnits { get; init; }
}

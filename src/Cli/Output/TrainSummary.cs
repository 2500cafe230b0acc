namespace FastReg.Cli.Output;

/// <summary>The JSON summary of <c>fastreg train --json</c> (metrics of the epoch whose weights the model ends with).</summary>
internal sealed record TrainSummary(
    string Task, int Parameters, int EpochsRun, int BestEpoch, bool StoppedEarly,
    double? TrainLoss, double? ValidationLoss, double? TrainAccuracy, double? ValidationAccuracy, double? TrainRmse, double? ValidationRmse,
    double WeightNorm, double ZeroFraction, double Seconds, double?[] TrainLossHistory, double?[] ValidationLossHistory)
{
    /// <summary>Every epoch with all its metrics (the rows <c>--log</c> writes).</summary>
    public EpochRecord[] Epochs { get; init; } = [];
}

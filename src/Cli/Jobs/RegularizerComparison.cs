using System.Diagnostics;
using FastReg.Cli.Data;
using FastReg.Nn;
using FastReg.Nn.Training;

namespace FastReg.Cli.Jobs;

/// <summary>Settings of the main job.</summary>
internal sealed record ComparisonSettings(int TrainRows, int Epochs, int BatchSize, int Seed, int Threads);

/// <summary>
/// The main job: trains each <see cref="RegularizerCatalog"/> arm on the same digits split with the
/// same seed and optimizer, arms in parallel (each training is single-threaded and independent, so
/// results do not depend on the thread count), and scores the final weights.
/// </summary>
internal static class RegularizerComparison
{
    /// <summary>Runs every arm; <paramref name="onEpoch"/> and <paramref name="onFinished"/> (an arm's result) are called from worker threads.</summary>
    public static CaseResult[] Run(ShippedDigits data, ComparisonSettings settings, IReadOnlyList<RegularizerCase> cases,
        Action<int, EpochMetrics>? onEpoch = null, Action<int, CaseResult>? onFinished = null)
    {
        var results = new CaseResult[cases.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Threads };
        Parallel.For(0, cases.Count, parallel, i =>
        {
            results[i] = RunOne(data, settings, cases[i], m => onEpoch?.Invoke(i, m));
            onFinished?.Invoke(i, results[i]);
        });
        return results;
    }

    private static CaseResult RunOne(ShippedDigits data, ComparisonSettings settings, RegularizerCase arm, Action<EpochMetrics> observer)
    {
        long start = Stopwatch.GetTimestamp();
        var layers = new List<LayerSpec>(arm.Hidden()) { new Dense(10) };
        var model = new Sequential<float>(data.Train.Features, Math.Max(settings.BatchSize, 1), Modeling.NetworkFlags.AutoClassification, layers, (ulong)settings.Seed)
        {
            Optimizer = new Adam(lr: 1e-3),
            Penalty = arm.Penalty,
        };
        arm.ConfigureModel?.Invoke(model);
        var options = new TrainingOptions<float>
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            Seed = (ulong)settings.Seed,
            Validation = data.Validation,
            EarlyStopping = arm.EarlyStopping?.Invoke(),
            Augmentations = arm.Augmentations(),
            Observer = observer,
        };
        if (arm.ConfigureTraining is not null) options = arm.ConfigureTraining(options);
        var trainer = new Trainer<float>(model, options);
        TrainingResult training = trainer.Fit(data.Train, data.Validation);

        var (trainLoss, _, _) = trainer.Score(data.Train);
        var (validationLoss, validationAccuracy, _) = trainer.Score(data.Validation);
        var (_, testAccuracy, _) = trainer.Score(data.Test);
        (double norm, double sparsity) = WeightCensus(model);
        var (closedUnits, gatedUnits) = ModelStatistics.Gates(model);
        return new CaseResult(arm, training, trainLoss, validationLoss, validationAccuracy, testAccuracy, norm, sparsity,
            Stopwatch.GetElapsedTime(start)) { ClosedUnits = closedUnits, GatedUnits = gatedUnits };
    }

    /// <summary>Frobenius norm over the weight matrices of the pruned model, and the fraction of weights that do nothing.</summary>
    private static (double Norm, double Sparsity) WeightCensus(Sequential<float> model)
    {
        // Pruning removes the units whose gates closed; for models without gates it changes nothing.
        var (_, _, norm) = ModelStatistics.Weights(model.PruneClosedGates());
        // The same count as train's zero fraction: zero weights and the weights of closed units.
        var (active, total) = ModelStatistics.ActiveWeights(model);
        return (norm, 1 - (double)active / total);
    }
}

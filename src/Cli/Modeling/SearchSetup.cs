using System.CommandLine;
using System.Numerics;
using FastReg.Cli.Data;
using FastReg.Nn;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;

namespace FastReg.Cli.Modeling;

/// <summary>
/// What sweep and bias-variance share: the data loaded and scaled, the network and training
/// options read from the flags, and a <see cref="LambdaSearch{T}"/> that varies the swept penalty.
/// </summary>
internal sealed record SearchSetup<T>(LabeledData Labeled, Dataset<T> Data, LambdaSearch<T> Search, double[] Grid, string Penalty, LossKind Loss)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static SearchSetup<T> Create(ParseResult parsed, DataFlags dataFlags, NetworkFlags networkFlags, TrainingFlags trainingFlags, SweptPenalty swept, SelectionMetric? metric)
    {
        NetworkConfig config = networkFlags.Read(parsed);
        double[] grid = swept.ReadGrid(parsed);
        LabeledData labeled = DataLoader.Load(dataFlags.Read(parsed).WithTaskImpliedBy(parsed.GetValue(networkFlags.Loss)!));
        LossKind loss = networkFlags.ReadLoss(parsed, labeled.Task == TaskKind.Classification, labeled.Classes?.Length ?? 0);
        int seed = parsed.GetValue(trainingFlags.Seed);
        // All rows are training rows here: the search makes its own folds or bootstrap samples.
        var prepared = PreparedData<T>.Create(labeled, 0, parsed.GetValue(trainingFlags.Standardize), seed, loss);
        TrainingOptions<T> options = trainingFlags.Read<T>(parsed, null, null) with { EvaluateEachEpoch = false };
        if (options.EarlyStopping is not null)
            throw new CliException("--early-stopping is not available in a λ search (each run would need its own validation split).");
        int batch = options.BatchSize == 0 ? labeled.Rows : Math.Clamp(options.BatchSize, 1, labeled.Rows);
        string penalty = swept.ReadPenalty(parsed, config);
        var search = new LambdaSearch<T>(
            SweptPenalty.BuildAt<T>(penalty, config, c => c.Build<T>(labeled.Features, prepared.Outputs, loss, batch, (ulong)seed)),
            options)
        {
            Metric = metric ?? SelectionMetric.Loss,
            SmallerIsStronger = SweptPenalty.SmallerIsStronger(penalty),
        };
        return new SearchSetup<T>(labeled, prepared.Train, search, grid, penalty, loss);
    }
}

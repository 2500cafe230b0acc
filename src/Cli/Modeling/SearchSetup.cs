using System.CommandLine;
using System.Numerics;
using FastReg.Cli.Data;
using FastReg.Nn;
using FastReg.Nn.Preprocessing;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;

namespace FastReg.Cli.Modeling;

/// <summary>
/// What sweep and bias-variance share: the data loaded and scaled, the network and training
/// options read from the flags, and a <see cref="LambdaSearch{T}"/> that varies the swept penalty.
/// </summary>
internal sealed record SearchSetup<T>(LabeledData Labeled, Dataset<T> Data, LambdaSearch<T> Search, double[] Grid, string Penalty, LossKind Loss, TargetScaler? TargetScaler)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Squared-error figures in the target's units: σ² of one scaled target, else 1 (see <see cref="UnitsNote"/>).</summary>
    public double SquaredFactor => TargetScaler is { Count: 1 } s ? s.Std[0] * s.Std[0] : 1;

    /// <summary>RMSE in the target's units: σ of one scaled target, else 1.</summary>
    public double RmseFactor => TargetScaler is { Count: 1 } s ? s.Std[0] : 1;

    /// <summary>" (scaled targets)" when several scaled targets leave the figures in scaled units; otherwise empty.</summary>
    public string UnitsNote => TargetScaler is { Count: > 1 } ? " (scaled targets)" : "";

    public static SearchSetup<T> Create(ParseResult parsed, DataFlags dataFlags, NetworkFlags networkFlags, TrainingFlags trainingFlags, SweptPenalty swept, SelectionMetric? metric)
    {
        NetworkConfig config = networkFlags.Read(parsed);
        double[] grid = swept.ReadGrid(parsed);
        LabeledData labeled = DataLoader.Load(dataFlags.Read(parsed).WithTaskImpliedBy(parsed.GetValue(networkFlags.Loss)!));
        LossKind loss = networkFlags.ReadLoss(parsed, labeled.Task == TaskKind.Classification, labeled.Classes?.Length ?? 0);
        int seed = parsed.GetValue(trainingFlags.Seed);
        // All rows are training rows here: the search makes its own folds or bootstrap samples.
        var prepared = PreparedData<T>.Create(labeled, 0, trainingFlags.ReadStandardize(parsed), seed, loss);
        config = config.WithTrainingRows(prepared.Train.Count);
        TrainingOptions<T> options = trainingFlags.Read<T>(parsed, null, null) with { EvaluateEachEpoch = false };
        if (options.EarlyStopping is not null)
            throw new CliException("--early-stopping is not available in a λ search (each run would need its own validation split).");
        int batch = options.BatchSize == 0 ? labeled.Rows : Math.Clamp(options.BatchSize, 1, labeled.Rows);
        string penalty = swept.ReadPenalty(parsed, config);
        var search = new LambdaSearch<T>(
            SweptPenalty.BuildAt<T>(penalty, config, c => c.Build<T>(prepared.Train.Features, prepared.Outputs, loss, batch, (ulong)seed)),
            options)
        {
            Metric = metric ?? SelectionMetric.Loss,
            SmallerIsStronger = SweptPenalty.SmallerIsStronger(penalty),
            Solver = LinearSolverFor(parsed, trainingFlags, config, penalty),
        };
        return new SearchSetup<T>(labeled, prepared.Train, search, grid, penalty, loss, prepared.TargetScaler);
    }

    /// <summary>
    /// A linear model (--hidden none) swept over an objective's λ (l2, l1, elastic-net) is fitted by the L-BFGS / OWL-QN
    /// solver, as train fits it, unless --solver gradient; other penalties (constraints of a step) keep gradient training.
    /// </summary>
    private static Nn.Linear.LinearSolverOptions? LinearSolverFor(ParseResult parsed, TrainingFlags flags, NetworkConfig config, string penalty)
    {
        string solver = parsed.GetValue(flags.Solver)!;
        bool objectivePenalty = SweptPenalty.IsObjectiveTerm(penalty);
        if (solver == "lbfgs" && (config.Hidden.Length > 0 || !objectivePenalty))
            throw new CliException($"--solver lbfgs fits linear models (--hidden none) over an objective's λ (--penalty {SweptPenalty.ObjectiveTerms()}).");
        if (solver == "gradient" || config.Hidden.Length > 0 || !objectivePenalty) return null;
        int maxIter = parsed.GetValue(flags.MaxIter);
        double tol = parsed.GetValue(flags.Tol);
        if (maxIter < 1) throw new CliException($"--max-iter must be at least 1 (got {maxIter}).");
        if (!(tol > 0 && double.IsFinite(tol))) throw new CliException("--tol must be a positive number.");
        return new Nn.Linear.LinearSolverOptions { MaxIterations = maxIter, Tolerance = tol };
    }
}

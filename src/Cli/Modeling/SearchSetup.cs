using System.CommandLine;
using System.Numerics;
using FastReg.Cli.Data;
using FastReg.Nn;
using FastReg.Nn.Preprocessing;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;

namespace FastReg.Cli.Modeling;

/// <summary>
/// What sweep and bias-variance share: the data loaded, the network and training options read from the flags,
/// and a <see cref="LambdaSearch{T}"/> that varies the swept penalty. Preprocessing (imputer, standardizer,
/// one-hot encoder, target scaler) is fitted on the training rows of each fold or split only (<see cref="Fold"/>,
/// <see cref="Prepare"/>), never on the rows a model is scored on.
/// </summary>
/// <param name="All">Every row, preprocessed with statistics of every row: what a saved model is refitted on.</param>
internal sealed record SearchSetup<T>(LabeledData Labeled, PreparedData<T> All, LambdaSearch<T> Search, double[] Grid, string Penalty, LossKind Loss, bool Standardize)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The rows loaded.</summary>
    public int Rows => Labeled.Rows;

    /// <summary>Class labels to stratify folds by (classification with a softmax; a one-logit BCE classifier is shuffled k-fold, as before).</summary>
    public int[]? StratifyBy => Labeled.Task == TaskKind.Classification && LossNames.Entry(Loss).TakesLabels ? Labeled.Labels : null;

    /// <summary>
    /// Training and held-out rows preprocessed with statistics of <paramref name="trainRows"/> only; every row
    /// (<see cref="PreparedData{T}.AllRows"/>, no held-out rows) for the refit a saved model comes from.
    /// </summary>
    public PreparedData<T> Prepare(int[] trainRows, int[] heldOutRows) => PreparedData<T>.Create(Labeled, trainRows, heldOutRows, Standardize, Loss);

    /// <summary>One cross-validation fold, prepared from its own training rows (the library's <see cref="FoldPreparation{T}"/>).</summary>
    public PreparedFold<T> Fold(int[] trainRows, int[] testRows) => All.Fold(trainRows, testRows);

    /// <summary>Squared-error figures in the target's units: σ² of one scaled target, else 1 (see <see cref="UnitsNote"/>).</summary>
    public static double SquaredFactor(TargetScaler? scaler) => scaler is { Count: 1 } s ? s.Std[0] * s.Std[0] : 1;

    /// <summary>The loss in the target's units: its <see cref="LossEntry.LossUnits"/> of σ of one scaled target (σ² for mse), else 1.</summary>
    public double LossFactor(TargetScaler? scaler) => scaler is { Count: 1 } s ? LossNames.Entry(Loss).LossUnits(s.Std[0]) : 1;

    /// <summary>RMSE in the target's units: σ of one scaled target, else 1.</summary>
    public static double RmseFactor(TargetScaler? scaler) => scaler is { Count: 1 } s ? s.Std[0] : 1;

    /// <summary>" (scaled targets)" when several scaled targets leave the figures in scaled units; otherwise empty.</summary>
    public string UnitsNote => Standardize && LossNames.Entry(Loss).ScalesTargets && Labeled.Task == TaskKind.Regression && Labeled.TargetNames.Length > 1 ? " (scaled targets)" : "";

    public static SearchSetup<T> Create(ParseResult parsed, DataFlags dataFlags, NetworkFlags networkFlags, TrainingFlags trainingFlags, SweptPenalty swept,
        SelectionMetric? metric, Action<int, int>? progress = null)
    {
        NetworkConfig config = networkFlags.Read(parsed);
        double[] grid = swept.ReadGrid(parsed);
        LabeledData labeled = DataLoader.Load(dataFlags.Read(parsed).WithTaskImpliedBy(parsed.GetValue(networkFlags.Loss)!));
        LossKind loss = networkFlags.ReadLoss(parsed, labeled.Task == TaskKind.Classification, labeled.Classes?.Length ?? 0);
        int seed = parsed.GetValue(trainingFlags.Seed);
        bool standardize = trainingFlags.ReadStandardize(parsed);
        // Fitted on every row once, before any training: the refit a saved model comes from, and a problem with the
        // data (a column with no value, too many categories, bce targets outside [0, 1]) is one message now, not a fold's later.
        PreparedData<T> all = PreparedData<T>.Create(labeled, PreparedData<T>.AllRows(labeled.Rows), [], standardize, loss);
        config = config.WithTrainingRows(labeled.Rows);
        TrainingOptions<T> options = trainingFlags.Read<T>(parsed, null, null) with { EvaluateEachEpoch = false };
        if (options.EarlyStopping is not null)
            throw new CliException("--early-stopping is not available in a λ search (each run would need its own validation split).");
        int batch = options.BatchSize == 0 ? labeled.Rows : Math.Clamp(options.BatchSize, 1, labeled.Rows);
        string penalty = swept.ReadPenalty(parsed, config);
        int outputs = all.Outputs;
        // Each model's input width is its training rows' (one-hot columns are fitted inside the fold).
        var search = new LambdaSearch<T>(
            (lambda, rows) => SweptPenalty.BuildAt<T>(penalty, config, c => c.Build<T>(rows.Features, outputs, loss, batch, (ulong)seed))(lambda),
            options)
        {
            Metric = metric ?? SelectionMetric.Loss,
            SmallerIsStronger = SweptPenalty.SmallerIsStronger(penalty),
            Solver = LinearSolverFor(parsed, trainingFlags, config, penalty),
            Progress = progress,
        };
        return new SearchSetup<T>(labeled, all, search, grid, penalty, loss, standardize);
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

namespace FastReg.Nn.Training;

/// <summary>How <see cref="Trainer{T}"/> runs: epochs, batches, validation, schedule, stopping, augmentation.</summary>
public sealed record TrainingOptions<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per mini-batch; 0 means full batch (the whole training set, capped by the model's MaxBatch).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Reshuffle the training set every epoch (seeded by <see cref="Seed"/>), as DataLoader(shuffle=True).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seeds shuffling, the validation split and mixup; a ulong like every seed of the library (<see cref="Sequential{T}.Seed"/>).</summary>
    public ulong Seed { get; init; }

    /// <summary>Fraction of the data held out for validation when no <see cref="Validation"/> set is given (0 = none).</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Whether the validation split keeps class proportions (classification only).</summary>
    public bool Stratify { get; init; } = true;

    /// <summary>An explicit validation set; takes precedence over <see cref="ValidationFraction"/>.</summary>
    public Dataset<T>? Validation { get; init; }

    /// <summary>Learning rate per epoch; the optimizer's Lr at the start is the base rate.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Early stopping rule, or null to run every epoch. Its monitor names a field of <see cref="EpochMetrics"/> (val_loss, loss, val_accuracy, accuracy, val_rmse, rmse).</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>Transforms applied, in order, to every training batch.</summary>
    public IReadOnlyList<IBatchAugmentation<T>> Augmentations { get; init; } = [];

    /// <summary>
    /// Evaluate losses and metrics after every epoch (default). When false, only the last epoch is
    /// evaluated and earlier records carry NaN for the evaluated fields: what a λ search wants,
    /// since it reads only the final model. Early stopping needs every epoch and forces it on.
    /// </summary>
    public bool EvaluateEachEpoch { get; init; } = true;

    /// <summary>
    /// Mixup (Zhang et al. 2018) with mixing weights drawn from Beta(α, α) per batch, α = this value;
    /// 0 (the default) turns it off. Each batch becomes λ·x + (1 − λ)·x[perm] with a random permutation
    /// of its rows, and the loss λ·L(y) + (1 − λ)·L(y[perm]) (for MSE and BCE, the targets are mixed the same way).
    /// λ and the permutation are a pure function of (<see cref="Seed"/>, the model's step).
    /// </summary>
    public double MixupAlpha { get; init; }

    /// <summary>
    /// Keep an exponential moving average of the weights with this decay (updated after every step,
    /// avg := decay·avg + (1 − decay)·w), and end training with it: the model is then evaluated and
    /// saved with the averaged weights. Null (the default) keeps no average.
    /// </summary>
    public double? EmaDecay { get; init; }

    /// <summary>
    /// Stochastic weight averaging: from this 0-based epoch on, the weights at the end of every epoch
    /// join an equal-weight average (torch.optim.swa_utils.AveragedModel), which the model holds at the
    /// end. Null (the default) keeps no average.
    /// </summary>
    public int? SwaStart { get; init; }

    /// <summary>Called after every epoch with its metrics (progress display, logging).</summary>
    public Action<EpochMetrics>? Observer { get; init; }

    /// <summary>Throws unless the options are coherent.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfNegative(BatchSize, nameof(BatchSize));
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation fraction must be in [0, 1).");
        ArgumentNullException.ThrowIfNull(Schedule, nameof(Schedule));
        ArgumentNullException.ThrowIfNull(Augmentations, nameof(Augmentations));
        if (!(MixupAlpha >= 0 && double.IsFinite(MixupAlpha)))
            throw new ArgumentOutOfRangeException(nameof(MixupAlpha), MixupAlpha, "The mixup α must be a finite non-negative number (0 turns mixup off).");
        if (EarlyStopping is { } stopping && !EpochMetrics.IsKnown(stopping.Monitor))
            throw new ArgumentException($"Early stopping monitors '{stopping.Monitor}', an unknown metric; the trainer's metrics are {EpochMetrics.NameList}.", nameof(EarlyStopping));
        if (EmaDecay is { } d && !(d >= 0 && d < 1))
            throw new ArgumentOutOfRangeException(nameof(EmaDecay), d, "The EMA decay must lie in [0, 1).");
        if (SwaStart is { } s && (s < 0 || s >= Epochs))
            throw new ArgumentOutOfRangeException(nameof(SwaStart), s, $"SWA must start at an epoch in [0, {Epochs}) (0-based), or it averages nothing.");
        if (EmaDecay is not null && SwaStart is not null)
            throw new ArgumentException("Choose one weight average: EmaDecay or SwaStart, not both.");
        if ((EmaDecay is not null || SwaStart is not null) && EarlyStopping is { RestoreBestWeights: true })
            throw new ArgumentException("Weight averaging ends training with the averaged weights; it cannot also restore the best epoch's weights (turn one off).");
    }
}

/// <summary>One epoch's record. Losses are data losses (no penalty) evaluated in inference mode at the epoch's end.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="LearningRate">Rate used during the epoch.</param>
/// <param name="TrainObjective">Mean over the epoch's steps of the training objective (data loss with dropout, plus penalties), as Keras's running "loss".</param>
/// <param name="TrainLoss">Data loss on the training set, inference mode.</param>
/// <param name="ValidationLoss">Data loss on the validation set (NaN without one).</param>
/// <param name="TrainAccuracy">Classification accuracy on the training set (NaN for regression).</param>
/// <param name="ValidationAccuracy">Accuracy on the validation set (NaN if none or regression).</param>
/// <param name="TrainRmse">Root mean squared error on the training set (NaN for classification).</param>
/// <param name="ValidationRmse">RMSE on the validation set (NaN if none or classification).</param>
/// <param name="Penalty">Sum of the penalty terms at the epoch's last training step (with that step's m).</param>
/// <param name="WeightNorm">Frobenius norm over all weight matrices.</param>
/// <param name="ZeroFraction">Fraction of weights that are exactly zero or belong to a unit whose hard-concrete gate is closed.</param>
/// <param name="Elapsed">Wall time of the epoch (training and evaluation).</param>
public sealed record EpochMetrics(
    int Epoch, double LearningRate, double TrainObjective, double TrainLoss, double ValidationLoss,
    double TrainAccuracy, double ValidationAccuracy, double TrainRmse, double ValidationRmse,
    double Penalty, double WeightNorm, double ZeroFraction, TimeSpan Elapsed)
{
    /// <summary>The metric names <see cref="Get"/> knows (aliases acc and val_acc aside), as an early-stopping monitor may name them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["loss", "val_loss", "accuracy", "val_accuracy", "rmse", "val_rmse", "penalty", "objective", "train_objective", "val_objective"];

    /// <summary>Whether <paramref name="name"/> is a metric <see cref="Get"/> knows (including the aliases acc and val_acc).</summary>
    public static bool IsKnown(string name) => name is "acc" or "val_acc" || Names.Contains(name);

    /// <summary>"loss, val_loss, … or val_objective", for messages.</summary>
    internal static string NameList => string.Join(", ", Names.Take(Names.Count - 1)) + " or " + Names[^1];

    /// <summary>
    /// The value of a Keras-style metric name: loss, val_loss, accuracy, val_accuracy, rmse, val_rmse, penalty;
    /// objective (the epoch's running training objective, penalties included, with dropout on); train_objective and
    /// val_objective (the full objective: inference-mode data loss on the training or validation rows plus the penalty).
    /// </summary>
    public double Get(string name) => name switch
    {
        "loss" => TrainLoss,
        "val_loss" => ValidationLoss,
        "accuracy" or "acc" => TrainAccuracy,
        "val_accuracy" or "val_acc" => ValidationAccuracy,
        "rmse" => TrainRmse,
        "val_rmse" => ValidationRmse,
        "penalty" => Penalty,
        "objective" => TrainObjective,
        "train_objective" => TrainLoss + Penalty,
        "val_objective" => ValidationLoss + Penalty,
        _ => throw new ArgumentException($"Unknown metric '{name}'; the metrics are {NameList}.", nameof(name)),
    };
}

/// <summary>What a training run produced.</summary>
/// <param name="History">One record per epoch run.</param>
/// <param name="BestEpoch">Epoch whose weights the model holds at the end (the last one, or early stopping's best when restored).</param>
/// <param name="StoppedEarly">Whether early stopping ended the run.</param>
public sealed record TrainingResult(IReadOnlyList<EpochMetrics> History, int BestEpoch, bool StoppedEarly)
{
    /// <summary>
    /// With an EMA or SWA (<see cref="TrainingOptions{T}.EmaDecay"/>, <see cref="TrainingOptions{T}.SwaStart"/>): the
    /// metrics at the averaged weights, which the model holds at the end; null without averaging.
    /// </summary>
    public EpochMetrics? Averaged { get; init; }

    /// <summary>‖W‖ over all weight matrices before the first step.</summary>
    public double InitialWeightNorm { get; init; } = double.NaN;

    /// <summary>
    /// scikit-learn's ConvergenceWarning: one line when the run ended while the training objective was
    /// still falling or the weights exploded (<see cref="ConvergenceCheck"/> has the rules), else null.
    /// </summary>
    public string? ConvergenceWarning => ConvergenceCheck.Inspect(History, StoppedEarly, InitialWeightNorm);

    /// <summary>The metrics of the weights the model holds at the end: <see cref="Averaged"/> if there is an average, else <see cref="Best"/>.</summary>
    public EpochMetrics Final => Averaged ?? Best;

    /// <summary>The metrics of <see cref="BestEpoch"/>.</summary>
    public EpochMetrics Best => History[BestEpoch - History[0].Epoch];

    /// <summary>The last epoch's metrics.</summary>
    public EpochMetrics Last => History[^1];
}

/// <summary>Training produced a non-finite loss or gradient; the model keeps the weights of the last finite step.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for 0-based <paramref name="epoch"/> and global <paramref name="step"/>.</summary>
    public TrainingDivergedException(int epoch, long step, string what)
        : base($"Training diverged at epoch {epoch + 1}, step {step}: {what}. The model keeps the weights of the last finite step; lower the learning rate.")
    {
        Epoch = epoch;
        Step = step;
    }

    /// <summary>0-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>The model's step counter at the failing step.</summary>
    public long Step { get; }
}

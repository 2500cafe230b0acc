using System.Diagnostics;
using FastReg.Nn.Selection;

namespace FastReg.Nn.Training;

/// <summary>
/// The training loop: seeded mini-batches, per-epoch learning rate, augmentation, evaluation on
/// the training and validation sets, early stopping and divergence detection. Buffers are sized
/// once, so an epoch allocates nothing beyond its <see cref="EpochMetrics"/> record.
/// A trainer, like its model, has a single owner: a <see cref="Fit(Dataset{T}, Dataset{T})"/> or
/// <see cref="Score"/> that overlaps a running one on the same trainer throws
/// <see cref="InvalidOperationException"/> (two trainers of one model are caught by the model's own
/// check when their steps overlap).
/// </summary>
public sealed class Trainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Sequential<T> _model;
    private readonly TrainingOptions<T> _options;
    private readonly T[] _xBatch, _targetBatch;
    private readonly int[] _labelBatch;
    private readonly Mixup<T>? _mixup;
    private SingleOwnerGuard _guard;

    /// <summary>The single-owner check; tests hold it from another thread to stand for an overlapping call.</summary>
    internal ref SingleOwnerGuard OwnerGuard => ref _guard;

    private const string BusyMessage =
        "This Trainer is being used by another thread; a trainer and its model have a single owner — train independent models with one Trainer each.";

    /// <summary>Trains <paramref name="model"/> (which must have an optimizer) with <paramref name="options"/>.</summary>
    public Trainer(Sequential<T> model, TrainingOptions<T> options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (model.Optimizer is null) throw new ArgumentException("Set the model's Optimizer before training.", nameof(model));
        _model = model;
        _options = options;
        _xBatch = new T[model.MaxBatch * model.InputSize];
        _targetBatch = new T[model.MaxBatch * model.OutputSize];
        _labelBatch = new int[model.MaxBatch];
        if (options.MixupAlpha > 0) _mixup = new Mixup<T>(options.MixupAlpha, options.Seed, model.MaxBatch, model.InputSize, model.OutputSize);
    }

    /// <summary>Trains on <paramref name="data"/>, holding out a validation split if the options ask for one.</summary>
    public TrainingResult Fit(Dataset<T> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Dataset<T> train = data;
        Dataset<T>? validation = _options.Validation;
        if (validation is null && _options.ValidationFraction > 0)
        {
            var (trainIdx, validIdx) = data.IsClassification && _options.Stratify
                ? Folds.StratifiedHoldout(data.Labels, _options.ValidationFraction, _options.Seed)
                : Folds.Holdout(data.Count, _options.ValidationFraction, _options.Seed);
            train = data.Subset(trainIdx);
            validation = data.Subset(validIdx);
        }
        return Fit(train, validation);
    }

    /// <summary>Trains on <paramref name="train"/>, evaluating on <paramref name="validation"/> each epoch if given.</summary>
    public TrainingResult Fit(Dataset<T> train, Dataset<T>? validation)
    {
        ArgumentNullException.ThrowIfNull(train);
        CheckCompatible(train, nameof(train));
        if (validation is not null) CheckCompatible(validation, nameof(validation));
        _guard.Enter(BusyMessage);
        try { return FitCore(train, validation); }
        finally { _guard.Exit(); }
    }

    private TrainingResult FitCore(Dataset<T> train, Dataset<T>? validation)
    {
        int batchSize = _options.BatchSize == 0 ? train.Count : Math.Min(_options.BatchSize, train.Count);
        if (batchSize > _model.MaxBatch)
            throw new ArgumentException(_options.BatchSize == 0
                ? $"Full-batch training over {train.Count} examples needs a model built with maxBatch >= {train.Count} (it has {_model.MaxBatch})."
                : $"BatchSize {batchSize} exceeds the model's maxBatch {_model.MaxBatch}.", nameof(train));

        Optimizer optimizer = _model.Optimizer!;
        double baseLr = optimizer.Lr;
        EarlyStopping? stopping = _options.EarlyStopping;
        stopping?.Reset();
        if (stopping is not null && stopping.Monitor.StartsWith("val_", StringComparison.Ordinal) && validation is null)
            throw new ArgumentException($"Early stopping monitors '{stopping.Monitor}' but there is no validation set.", nameof(validation));

        var history = new List<EpochMetrics>(_options.Epochs);
        double initialNorm = ModelStatistics.Weights(_model).Norm;
        T[]? bestWeights = stopping is { RestoreBestWeights: true } ? new T[_model.ParameterCount] : null;
        int[] order = new int[train.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var shuffler = new Random(CounterRandom.Int32Seed(_options.Seed));
        bool stoppedEarly = false;
        WeightAverage<T>? average = _options.EmaDecay is { } decay ? WeightAverage<T>.Ema(_model.ParameterCount, decay)
            : _options.SwaStart is not null ? WeightAverage<T>.Swa(_model.ParameterCount) : null;
        _ema = _options.EmaDecay is not null ? average : null;

        try
        {
            for (int epoch = 0; epoch < _options.Epochs; epoch++)
            {
                long start = Stopwatch.GetTimestamp();
                double lr = _options.Schedule.LearningRate(baseLr, epoch);
                optimizer.Lr = lr;
                // A full batch holds every row whatever the order: shuffling it would only cost time (and the copy below).
                if (_options.Shuffle && batchSize < train.Count) shuffler.Shuffle(order);
                double objective = RunEpoch(train, order, batchSize, epoch);
                if (_options.SwaStart is { } swaStart && epoch >= swaStart) average!.Update(_model.AllParameters);

                bool evaluate = _options.EvaluateEachEpoch || stopping is not null || epoch == _options.Epochs - 1;
                EpochMetrics metrics = evaluate
                    ? Evaluate(epoch, lr, objective, train, validation, start)
                    : Unevaluated(epoch, lr, objective, start);
                history.Add(metrics);
                _options.Observer?.Invoke(metrics);

                if (stopping is null) continue;
                EarlyStoppingAction action = stopping.OnEpochEnd(epoch, metrics.Get(stopping.Monitor));
                if (stopping.IsNewBest && bestWeights is not null) _model.AllParameters.CopyTo(bestWeights);
                if (action == EarlyStoppingAction.Stop)
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }
        finally
        {
            optimizer.Lr = baseLr;
            _ema = null;
        }

        int bestEpoch = history[^1].Epoch;
        if (stopping is not null && stopping.ShouldRestoreAtEnd && bestWeights is not null)
        {
            bestWeights.CopyTo(_model.AllParameters);
            bestEpoch = stopping.BestEpoch;
        }
        // An average (EMA, or SWA that reached its start) replaces the weights: evaluation and saving see it.
        if (average is { Count: > 0 })
        {
            average.Average.CopyTo(_model.AllParameters);
            EpochMetrics last = history[^1];
            return new TrainingResult(history, bestEpoch, stoppedEarly)
            {
                InitialWeightNorm = initialNorm,
                Averaged = Evaluate(last.Epoch, last.LearningRate, last.TrainObjective, train, validation, Stopwatch.GetTimestamp()),
            };
        }
        return new TrainingResult(history, bestEpoch, stoppedEarly) { InitialWeightNorm = initialNorm };
    }

    private WeightAverage<T>? _ema; // during a fit with an EMA: updated after every step

    /// <summary>Evaluates data loss, accuracy or RMSE of the model on <paramref name="data"/> in inference mode.</summary>
    public (double Loss, double Accuracy, double Rmse) Score(Dataset<T> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckCompatible(data, nameof(data));
        _guard.Enter(BusyMessage);
        try { return ScoreCore(data); }
        finally { _guard.Exit(); }
    }

    private double RunEpoch(Dataset<T> train, int[] order, int batchSize, int epoch)
    {
        double sum = 0;
        int steps = 0;
        int features = train.Features, outputs = _model.OutputSize;
        // Full batch in the stored order with nothing that rewrites the inputs: step on the dataset's own arrays.
        if (batchSize == train.Count && _options.Augmentations.Count == 0 && _mixup is null)
        {
            T full = train.IsClassification
                ? _model.TrainStep(train.X, train.Labels, train.Count)
                : _model.TrainStep(train.X, train.Targets, train.Count);
            if (!T.IsFinite(full))
                throw new TrainingDivergedException(epoch, _model.Step, $"the objective is {full} (or a gradient is not finite)");
            _ema?.Update(_model.AllParameters);
            return double.CreateTruncating(full);
        }
        for (int start = 0; start < order.Length; start += batchSize)
        {
            int b = Math.Min(batchSize, order.Length - start);
            for (int r = 0; r < b; r++) train.CopyRow(order[start + r], r, _xBatch, _labelBatch, _targetBatch);
            Span<T> x = _xBatch.AsSpan(0, b * features);
            // Indexed, not foreach: enumerating an IReadOnlyList through the interface allocates per batch.
            IReadOnlyList<IBatchAugmentation<T>> augmentations = _options.Augmentations;
            for (int a = 0; a < augmentations.Count; a++)
                augmentations[a].Apply(x, b, features, _model.Step);

            T objective;
            if (_mixup is not null)
                objective = _mixup.Step(_model, x, _labelBatch.AsSpan(0, b), _targetBatch.AsSpan(0, b * outputs), b, train.IsClassification);
            else
                objective = train.IsClassification
                    ? _model.TrainStep(x, _labelBatch.AsSpan(0, b), b)
                    : _model.TrainStep(x, _targetBatch.AsSpan(0, b * outputs), b);
            // TrainStep leaves the parameters untouched when the loss or a gradient is not finite.
            if (!T.IsFinite(objective))
                throw new TrainingDivergedException(epoch, _model.Step, $"the objective is {objective} (or a gradient is not finite)");
            _ema?.Update(_model.AllParameters);
            sum += double.CreateTruncating(objective);
            steps++;
        }
        return sum / steps;
    }

    private EpochMetrics Evaluate(int epoch, double lr, double objective, Dataset<T> train, Dataset<T>? validation, long start)
    {
        var (trainLoss, trainAcc, trainRmse) = ScoreCore(train);
        var (validLoss, validAcc, validRmse) = validation is null ? (double.NaN, double.NaN, double.NaN) : ScoreCore(validation);
        var (_, _, norm) = ModelStatistics.Weights(_model);
        // Closed gates count as sparsity: their units' weights do nothing (as pruning shows).
        var (active, count) = ModelStatistics.ActiveWeights(_model);
        double zeroFraction = count == 0 ? 0 : (count - active) / (double)count;
        return new EpochMetrics(epoch, lr, objective, trainLoss, validLoss, trainAcc, validAcc, trainRmse, validRmse,
            double.CreateTruncating(_model.LastPenalty), norm, zeroFraction, Stopwatch.GetElapsedTime(start));
    }

    private static EpochMetrics Unevaluated(int epoch, double lr, double objective, long start) =>
        new(epoch, lr, objective, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
            double.NaN, double.NaN, double.NaN, Stopwatch.GetElapsedTime(start));

    private (double Loss, double Accuracy, double Rmse) ScoreCore(Dataset<T> data) => ModelScore.Compute(_model, data);

    private void CheckCompatible(Dataset<T> data, string name) => ModelScore.CheckCompatible(_model, data, name);
}

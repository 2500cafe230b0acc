using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using FastReg.Nn.Training;

namespace FastReg.Nn.Selection;

/// <summary>What a λ search scores on held-out data (lower is better for every choice).</summary>
public enum SelectionMetric
{
    /// <summary>The data loss (cross-entropy or MSE), inference mode.</summary>
    Loss,

    /// <summary>Classification error, 1 − accuracy.</summary>
    Error,

    /// <summary>Root mean squared error (regression).</summary>
    Rmse,
}

/// <summary>Train and held-out scores along a λ grid, from one split.</summary>
/// <param name="Lambdas">The grid, in the order given.</param>
/// <param name="Train">Training-set score per λ.</param>
/// <param name="Validation">Validation score per λ.</param>
public sealed record ValidationCurveResult(double[] Lambdas, double[] Train, double[] Validation);

/// <summary>k-fold cross-validation along a λ grid.</summary>
/// <param name="Lambdas">The grid, in the order given.</param>
/// <param name="Folds">k.</param>
/// <param name="MeanTrain">Mean training score per λ.</param>
/// <param name="MeanValidation">Mean held-out score per λ.</param>
/// <param name="StandardError">Standard error of the held-out mean per λ (fold std / √k).</param>
/// <param name="FoldScores">Held-out score [λ][fold].</param>
/// <param name="BestIndex">Index of the λ with the lowest mean held-out score.</param>
/// <param name="OneStandardErrorIndex">Index of the most regularized λ within one standard error of the best: the largest λ,
/// or the smallest value where <see cref="LambdaSearch{T}.SmallerIsStronger"/> (a max-norm c).</param>
public sealed record CrossValidationResult(
    double[] Lambdas, int Folds, double[] MeanTrain, double[] MeanValidation, double[] StandardError,
    double[][] FoldScores, int BestIndex, int OneStandardErrorIndex)
{
    /// <summary>The λ with the lowest mean held-out score.</summary>
    public double BestLambda => Lambdas[BestIndex];

    /// <summary>The most regularized λ within one standard error of the best (see <see cref="OneStandardErrorIndex"/>).</summary>
    public double OneStandardErrorLambda => Lambdas[OneStandardErrorIndex];
}

/// <summary>A warm-started regularization path, largest λ first.</summary>
/// <param name="Lambdas">The grid, sorted from largest to smallest.</param>
/// <param name="Train">Training score per λ.</param>
/// <param name="Validation">Validation score per λ (NaN without a validation set).</param>
/// <param name="NonZeroWeights">Weights (not biases) that are not exactly zero, per λ.</param>
/// <param name="WeightNorm">Frobenius norm over the weights, per λ.</param>
public sealed record RegularizationPathResult(double[] Lambdas, double[] Train, double[] Validation, long[] NonZeroWeights, double[] WeightNorm);

/// <summary>Bootstrap bias-variance decomposition per λ (squared error or 0-1 loss, by the model's loss).</summary>
/// <param name="Lambdas">The grid, in the order given.</param>
/// <param name="Rounds">Bootstrap rounds per λ.</param>
/// <param name="SquaredError">Per λ, for regression (null for classification).</param>
/// <param name="ZeroOne">Per λ, for classification (null for regression).</param>
public sealed record BiasVarianceResult(double[] Lambdas, int Rounds, SquaredErrorDecomposition[]? SquaredError, ZeroOneDecomposition[]? ZeroOne);

/// <summary>
/// Chooses λ on held-out data: validation curves, k-fold cross-validation with the one-standard-error
/// rule, warm-started regularization paths and bootstrap bias-variance decompositions. It needs a way to
/// build a fresh model and a way to set λ on a model; that makes it work for any penalty, e.g.
/// <c>(m, λ) =&gt; m.Penalty = Penalty.Ridge(λ)</c> or <c>(m, λ) =&gt; m.Optimizer = new Sgd(0.1, weightDecay: λ)</c>.
/// Independent trainings (folds × λ, bootstrap rounds) run in parallel on up to
/// <see cref="MaxDegreeOfParallelism"/> threads; each is seeded on its own, so results do not depend
/// on the thread count. Where λ lives in the layers themselves (the λ of <see cref="HardConcreteGate"/>),
/// the second constructor takes a factory that builds the model at a given λ; the third, a factory given λ and
/// the training set too, for folds whose preprocessing is fitted inside each fold and may change its width
/// (<see cref="CrossValidate(FoldPreparation{T}, int, IReadOnlyList{double}, int, int[])"/>, <see cref="PipelineFolds"/>).
/// <c>build</c> must return a new model, with its own optimizer, on every call:
/// the search refuses a model or an optimizer it has seen before in the same call, since parallel
/// trainings of one model (or under one optimizer, whose learning rate each trainer sets) would race.
/// </summary>
public sealed class LambdaSearch<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Func<Sequential<T>>? _build;
    private readonly Action<Sequential<T>, double>? _setLambda;
    private readonly Func<double, Sequential<T>>? _buildAt;
    private readonly Func<double, Dataset<T>, Sequential<T>>? _buildFor;
    private readonly TrainingOptions<T> _options;

    /// <summary>Creates a search.</summary>
    /// <param name="build">Builds a fresh, seeded model with its optimizer.</param>
    /// <param name="setLambda">Applies λ to a model (its penalty or its optimizer's weight decay).</param>
    /// <param name="options">How each model is trained (its validation settings are ignored: the search supplies held-out data).</param>
    public LambdaSearch(Func<Sequential<T>> build, Action<Sequential<T>, double> setLambda, TrainingOptions<T> options)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(setLambda);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _build = build;
        _setLambda = setLambda;
        _options = ForSearch(options);
    }

    /// <summary>
    /// Creates a search whose models are built at each λ, for a λ that is part of the layer list, e.g.
    /// <c>λ =&gt; new Sequential&lt;float&gt;(n, batch, loss, [new Dense(64), new HardConcreteGate(λ), new Activation(ActivationKind.Relu), new Dense(k)], seed) { Optimizer = new Adam(1e-3) }</c>.
    /// A regularization path then trains each λ from a fresh start (the layer list changes, so weights cannot carry over).
    /// </summary>
    /// <param name="buildAt">Builds a fresh, seeded model with its optimizer, regularized at the given λ.</param>
    /// <param name="options">How each model is trained (its validation settings are ignored: the search supplies held-out data).</param>
    public LambdaSearch(Func<double, Sequential<T>> buildAt, TrainingOptions<T> options)
    {
        ArgumentNullException.ThrowIfNull(buildAt);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _buildAt = buildAt;
        _options = ForSearch(options);
    }

    /// <summary>
    /// Creates a search whose models are built at each λ for the data they will be trained on, for folds whose
    /// preprocessing is fitted inside the fold (<see cref="CrossValidate(FoldPreparation{T}, int, IReadOnlyList{double}, int, int[])"/>):
    /// a fold's input width is its training set's <see cref="Dataset{T}.Features"/>, which one-hot columns fitted
    /// on the fold can change. Regularization paths train each λ from a fresh start, as with the λ factory.
    /// </summary>
    /// <param name="buildFor">Builds a fresh, seeded model with its optimizer, regularized at λ, for a training set.</param>
    /// <param name="options">How each model is trained (its validation settings are ignored: the search supplies held-out data).</param>
    public LambdaSearch(Func<double, Dataset<T>, Sequential<T>> buildFor, TrainingOptions<T> options)
    {
        ArgumentNullException.ThrowIfNull(buildFor);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _buildFor = buildFor;
        _options = ForSearch(options);
    }

    private static TrainingOptions<T> ForSearch(TrainingOptions<T> options) =>
        options with { Validation = null, ValidationFraction = 0, EarlyStopping = null, Observer = null, EvaluateEachEpoch = false };

    /// <summary>
    /// Whether a smaller value regularizes more, as the max-norm bound c does: the one-standard-error rule
    /// then picks the smallest value within one SE of the best instead of the largest (default false: λ).
    /// </summary>
    public bool SmallerIsStronger { get; init; }

    /// <summary>The score compared across λ.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="SelectionMetric"/>.</exception>
    public SelectionMetric Metric
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Metric), value, "Metric must be Loss, Error or Rmse.");
    } = SelectionMetric.Loss;

    /// <summary>
    /// When set, every model (one <see cref="Dense"/> layer) is fitted by <see cref="Linear.LinearSolver"/> with these
    /// options instead of trained by epochs: the model's <see cref="Sequential{T}.Penalty"/> and
    /// <see cref="Sequential{T}.PenaltyExamples"/> (null: the rows it is fitted on) define the objective, and the
    /// regularization path warm-starts each λ from the previous one. Null (the default) trains with the options.
    /// </summary>
    public Linear.LinearSolverOptions? Solver { get; init; }

    /// <summary>Threads used across independent trainings (default: all cores).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Called after each training of a search finishes, with the trainings done and the total of that call
    /// (folds × λ, rounds × λ, ...), on the thread that trained; calls may come from several threads at once,
    /// each with its own count. Null (the default): no reports.
    /// </summary>
    public Action<int, int>? Progress { get; init; }

    /// <summary>Trains once per λ on <paramref name="train"/> and scores on both sets.</summary>
    public ValidationCurveResult ValidationCurve(Dataset<T> train, Dataset<T> validation, IReadOnlyList<double> lambdas)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        double[] grid = CheckGrid(lambdas);
        var trainScore = new double[grid.Length];
        var validScore = new double[grid.Length];
        var seen = new ConditionalWeakTable<object, object>();
        ForEach(grid.Length, i =>
        {
            var (model, trainer) = Fresh(grid[i], seen, train);
            Train(model, trainer, train);
            trainScore[i] = ScoreOf(trainer, train);
            validScore[i] = ScoreOf(trainer, validation);
        });
        return new ValidationCurveResult(grid, trainScore, validScore);
    }

    /// <summary>
    /// k-fold cross-validation (stratified for classification when <paramref name="stratified"/>), the best λ
    /// and the one-standard-error λ. Folds are drawn from <see cref="TrainingOptions{T}.Seed"/>. The rows of
    /// <paramref name="data"/> are taken as they are: preprocessing fitted on all of them has seen every fold's
    /// held-out rows; the <see cref="CrossValidate(FoldPreparation{T}, int, IReadOnlyList{double}, int, int[])"/>
    /// overload fits it inside each fold instead.
    /// </summary>
    public CrossValidationResult CrossValidate(Dataset<T> data, IReadOnlyList<double> lambdas, int k = 5, bool stratified = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        return CrossValidate((trainRows, testRows) => new PreparedFold<T>(data.Subset(trainRows), data.Subset(testRows)), data.Count, lambdas, k,
            data.IsClassification && stratified ? data.Labels : null);
    }

    /// <summary>
    /// k-fold cross-validation over <paramref name="rows"/> rows whose every fold is prepared by
    /// <paramref name="prepare"/> from its own training rows (a scikit-learn Pipeline inside <c>cross_val_score</c>):
    /// no statistic of a held-out row reaches the model it scores. Folds are stratified by
    /// <paramref name="stratifyBy"/> (one class label per row) when given, else shuffled k-fold, drawn from
    /// <see cref="TrainingOptions{T}.Seed"/> exactly as the <see cref="Dataset{T}"/> overload draws them.
    /// </summary>
    /// <param name="prepare">Fits the preprocessing on a fold's training rows and returns both of its sets.</param>
    /// <param name="rows">The rows of the caller's data.</param>
    /// <param name="lambdas">The grid.</param>
    /// <param name="k">Folds.</param>
    /// <param name="stratifyBy">Class label per row for stratified folds; null: plain shuffled k-fold.</param>
    /// <exception cref="ArgumentException">A prepared fold's sets do not match in features or task, or hold a row count other than the fold's.</exception>
    public CrossValidationResult CrossValidate(FoldPreparation<T> prepare, int rows, IReadOnlyList<double> lambdas, int k = 5, int[]? stratifyBy = null)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        double[] grid = CheckGrid(lambdas);
        if (stratifyBy is not null && stratifyBy.Length != rows)
            throw new ArgumentException($"{stratifyBy.Length} labels to stratify {rows} rows.", nameof(stratifyBy));
        int[] fold = stratifyBy is not null
            ? Folds.StratifiedKFold(stratifyBy, k, _options.Seed)
            : Folds.KFold(rows, k, shuffle: true, _options.Seed);
        var folds = new PreparedFold<T>[k];
        for (int f = 0; f < k; f++)
        {
            var (trainIdx, testIdx) = Folds.Split(fold, f);
            folds[f] = prepare(trainIdx, testIdx) ?? throw new InvalidOperationException($"The fold preparation returned null for fold {f}.");
            CheckFold(folds[f], f, trainIdx.Length, testIdx.Length);
        }

        var trainScores = new double[grid.Length * k];
        var testScores = new double[grid.Length * k];
        var seen = new ConditionalWeakTable<object, object>();
        ForEach(grid.Length * k, task =>
        {
            int i = task / k, f = task % k;
            var (model, trainer) = Fresh(grid[i], seen, folds[f].Train);
            Train(model, trainer, folds[f].Train);
            double units = TargetUnits(model, folds[f].TargetScaler);
            trainScores[task] = units * ScoreOf(trainer, folds[f].Train);
            testScores[task] = units * ScoreOf(trainer, folds[f].Test);
        });

        var meanTrain = new double[grid.Length];
        var meanTest = new double[grid.Length];
        var se = new double[grid.Length];
        var perFold = new double[grid.Length][];
        for (int i = 0; i < grid.Length; i++)
        {
            perFold[i] = testScores.AsSpan(i * k, k).ToArray();
            meanTrain[i] = Mean(trainScores.AsSpan(i * k, k));
            meanTest[i] = Mean(perFold[i]);
            se[i] = OneStandardErrorRule.StandardError(perFold[i]);
        }
        var (best, oneSe) = OneStandardErrorRule.Choose(grid, meanTest, se, SmallerIsStronger);
        return new CrossValidationResult(grid, k, meanTrain, meanTest, se, perFold, best, oneSe);
    }

    /// <summary>
    /// Fits one model at <paramref name="lambda"/> on all of <paramref name="data"/>, as the search fits each fold
    /// (the same build, training options or solver): the refit on every training row after a λ is chosen, as
    /// scikit-learn's GridSearchCV refits its best estimator.
    /// </summary>
    public Sequential<T> Fit(Dataset<T> data, double lambda)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckGrid([lambda]);
        var (model, trainer) = Fresh(lambda, new ConditionalWeakTable<object, object>(), data);
        Train(model, trainer, data);
        return model;
    }

    private static void CheckFold(PreparedFold<T> fold, int f, int trainRows, int testRows)
    {
        ArgumentNullException.ThrowIfNull(fold.Train, nameof(fold));
        ArgumentNullException.ThrowIfNull(fold.Test, nameof(fold));
        if (fold.Train.Count != trainRows || fold.Test.Count != testRows)
            throw new ArgumentException($"Fold {f} was prepared with {fold.Train.Count} training and {fold.Test.Count} held-out rows; its indices name {trainRows} and {testRows}.", nameof(fold));
        if (fold.Test.Features != fold.Train.Features)
            throw new ArgumentException($"Fold {f}'s held-out set has {fold.Test.Features} features but its training set {fold.Train.Features}; transform both with what was fitted on the training rows.", nameof(fold));
        if (fold.Test.IsClassification != fold.Train.IsClassification || (!fold.Train.IsClassification && fold.Test.Outputs != fold.Train.Outputs))
            throw new ArgumentException($"Fold {f}'s held-out set does not carry the targets its training set does.", nameof(fold));
    }

    // Squared errors and RMSE of one scaled target in its own units: σ² and σ of the fold's scaler.
    private double TargetUnits(Sequential<T> model, Preprocessing.TargetScaler? scaler)
    {
        if (scaler is not { Count: 1 }) return 1;
        double std = scaler.Std[0];
        return Metric switch
        {
            SelectionMetric.Rmse => std,
            SelectionMetric.Loss => model.DataLoss.LossUnits(std),
            SelectionMetric.Error => 1,
            _ => throw new InvalidOperationException($"Unknown selection metric {Metric}."), // refused by the setter
        };
    }

    /// <summary>
    /// A regularization path with warm starts: λ sorted from largest to smallest, each fit starting
    /// from the previous λ's weights (one model throughout; the optimizer state is reset per λ by
    /// <c>setLambda</c> if it replaces the optimizer). Reports non-zero weights along the path (L1).
    /// </summary>
    public RegularizationPathResult RegularizationPath(Dataset<T> train, Dataset<T>? validation, IReadOnlyList<double> lambdas)
    {
        ArgumentNullException.ThrowIfNull(train);
        double[] grid = CheckGrid(lambdas);
        Array.Sort(grid);
        Array.Reverse(grid);
        Sequential<T>? warm = _build is not null ? Build() : null;
        var trainScore = new double[grid.Length];
        var validScore = new double[grid.Length];
        var nonZero = new long[grid.Length];
        var norm = new double[grid.Length];
        for (int i = 0; i < grid.Length; i++)
        {
            Sequential<T> model = warm ?? BuildAt(grid[i], train);
            if (warm is not null) _setLambda!(warm, grid[i]);
            var trainer = new Trainer<T>(model, _options);
            Train(model, trainer, train, warmStart: warm is not null && i > 0);
            trainScore[i] = ScoreOf(trainer, train);
            validScore[i] = validation is null ? double.NaN : ScoreOf(trainer, validation);
            (nonZero[i], _, norm[i]) = ModelStatistics.Weights(model);
        }
        return new RegularizationPathResult(grid, trainScore, validScore, nonZero, norm);
    }

    /// <summary>
    /// Bias-variance decomposition per λ: <paramref name="rounds"/> bootstrap resamples of
    /// <paramref name="train"/> (seeded), a model trained on each, predictions on <paramref name="test"/>
    /// decomposed into bias² (or 0-1 bias), variance and, for squared error, the noise estimated from
    /// the test set's nearest neighbours.
    /// </summary>
    public BiasVarianceResult BiasVariance(Dataset<T> train, Dataset<T> test, IReadOnlyList<double> lambdas, int rounds = 20)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 2);
        double[] grid = CheckGrid(lambdas);
        // The test set is only predicted on (no trainer checks it): it must match the training data's shape.
        if (test.Features != train.Features)
            throw new ArgumentException($"The test set has {test.Features} features but the training set has {train.Features}.", nameof(test));
        if (test.IsClassification != train.IsClassification)
            throw new ArgumentException(train.IsClassification
                ? "The training set carries class labels but the test set real-valued targets."
                : "The training set carries real-valued targets but the test set class labels.", nameof(test));
        if (!test.IsClassification && test.Outputs != train.Outputs)
            throw new ArgumentException($"The test set has {test.Outputs} targets per example but the training set has {train.Outputs}.", nameof(test));
        var samples = new Dataset<T>[rounds];
        var rng = new Random(CounterRandom.Int32Seed(_options.Seed));
        for (int r = 0; r < rounds; r++)
        {
            var idx = new int[train.Count];
            for (int i = 0; i < idx.Length; i++) idx[i] = rng.Next(train.Count);
            samples[r] = train.Subset(idx);
        }

        // A binary classifier on one logit (BCE on 0/1 targets) is judged by 0-1 loss too, like a softmax classifier.
        Sequential<T> probe = _build is not null ? Build() : BuildAt(grid[0], train);
        int[]? binaryLabels = BinaryLabels(probe, test);
        bool classification = test.IsClassification || binaryLabels is not null;
        int outputs = classification ? 1 : test.Outputs;
        int nTest = test.Count * outputs;
        var predictions = new double[grid.Length][];
        var labels = new int[grid.Length][];
        for (int i = 0; i < grid.Length; i++)
        {
            if (classification) labels[i] = new int[rounds * test.Count];
            else predictions[i] = new double[rounds * nTest];
        }
        var seen = new ConditionalWeakTable<object, object>();
        ForEach(grid.Length * rounds, task =>
        {
            int i = task / rounds, r = task % rounds;
            var (model, trainer) = Fresh(grid[i], seen, samples[r]);
            Train(model, trainer, samples[r]);
            if (classification) PredictLabels(model, test, labels[i].AsSpan(r * test.Count, test.Count));
            else PredictValues(model, test, predictions[i].AsSpan(r * nTest, nTest));
        });

        if (classification)
        {
            var zeroOne = new ZeroOneDecomposition[grid.Length];
            for (int i = 0; i < grid.Length; i++) zeroOne[i] = BiasVarianceMath.ZeroOne(labels[i], rounds, binaryLabels ?? test.Labels);
            return new BiasVarianceResult(grid, rounds, null, zeroOne);
        }
        var y = new double[nTest];
        for (int j = 0; j < nTest; j++) y[j] = double.CreateTruncating(test.Targets![j]);
        double noise = outputs == 1 ? BiasVarianceMath.NearestNeighbourNoise(ToDouble(test.X), test.Features, y) : double.NaN;
        var squared = new SquaredErrorDecomposition[grid.Length];
        for (int i = 0; i < grid.Length; i++) squared[i] = BiasVarianceMath.SquaredError(predictions[i], rounds, y, noise);
        return new BiasVarianceResult(grid, rounds, squared, null);
    }

    private (Sequential<T> Model, Trainer<T> Trainer) Fresh(double lambda, ConditionalWeakTable<object, object> seen, Dataset<T> data)
    {
        // Each training owns its model and optimizer: a shared one would be trained (or have its learning
        // rate set) by two threads at once. Weak keys: fresh models are collected as soon as they are scored.
        // The model is claimed before λ is set on it: setting λ on a model another thread trains would
        // fail on that thread's ownership first, with a message that does not name the cause.
        Sequential<T> model = _build is not null ? Build() : BuildAt(lambda, data);
        if (!seen.TryAdd(model, model))
            throw new InvalidOperationException("The build function returned a model it had returned before; it must build a new model on every call (trainings run in parallel).");
        if (_build is not null) _setLambda!(model, lambda);
        if (model.Optimizer is { } optimizer && !seen.TryAdd(optimizer, optimizer))
            throw new InvalidOperationException("The build function returned a model whose Optimizer another model also uses; create the optimizer inside build (each trainer sets its optimizer's learning rate).");
        return (model, new Trainer<T>(model, _options));
    }

    private void Train(Sequential<T> model, Trainer<T> trainer, Dataset<T> data, bool warmStart = false)
    {
        if (Solver is null)
        {
            trainer.Fit(data, null);
            return;
        }
        Linear.LinearSolverOptions options = model.DataLoss.TakesLabels ? Solver with { Classes = model.OutputSize } : Solver with { Classes = null };
        Linear.LinearFit<T> fit = Linear.LinearSolver.Fit(data, model.Loss, model.Penalty, model.PenaltyExamples, options, start: warmStart ? model : null);
        fit.Model.AllParameters.CopyTo(model.AllParameters);
    }

    private Sequential<T> Build() =>
        _build!() ?? throw new InvalidOperationException("The build function returned null; it must return a new model.");

    private Sequential<T> BuildAt(double lambda, Dataset<T> data) =>
        (_buildFor is not null ? _buildFor(lambda, data) : _buildAt!(lambda)) ?? throw new InvalidOperationException($"The build function returned null at λ = {lambda}; it must return a new model.");


    private double ScoreOf(Trainer<T> trainer, Dataset<T> data)
    {
        var (loss, accuracy, rmse) = trainer.Score(data);
        return Metric switch
        {
            SelectionMetric.Error => 1 - accuracy,
            SelectionMetric.Rmse => rmse,
            SelectionMetric.Loss => loss,
            _ => throw new InvalidOperationException($"Unknown selection metric {Metric}."), // refused by the setter
        };
    }

    private void ForEach(int count, Action<int> work)
    {
        Action<int> body = work;
        if (Progress is { } progress)
        {
            int done = 0;
            body = i =>
            {
                work(i);
                progress(Interlocked.Increment(ref done), count);
            };
        }
        if (MaxDegreeOfParallelism <= 1 || count == 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism }, body);
        }
        catch (AggregateException e)
        {
            // Surface the first failure itself (e.g. TrainingDivergedException), as the serial loop would.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>The 0/1 labels of a one-logit model's (BCE's) test set whose targets are all 0 or 1; null otherwise.</summary>
    private static int[]? BinaryLabels(Sequential<T> model, Dataset<T> test)
    {
        if (!model.DataLoss.HasIndependentLogits || model.OutputSize != 1 || test.Targets is null) return null;
        var labels = new int[test.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            T t = test.Targets[i];
            if (t != T.Zero && t != T.One) return null;
            labels[i] = t == T.One ? 1 : 0;
        }
        return labels;
    }

    private static void PredictLabels(Sequential<T> model, Dataset<T> data, Span<int> labels)
    {
        var y = new T[model.MaxBatch * model.OutputSize];
        for (int start = 0; start < data.Count; start += model.MaxBatch)
        {
            int b = Math.Min(model.MaxBatch, data.Count - start);
            model.Predict(data.X.AsSpan(start * data.Features, b * data.Features), y, b);
            for (int r = 0; r < b; r++)
            {
                // One logit (a binary BCE classifier): class 1 when the logit is positive, p > 0.5.
                labels[start + r] = model.OutputSize == 1 ? (y[r] > T.Zero ? 1 : 0) : ModelStatistics.ArgMax<T>(y.AsSpan(r * model.OutputSize, model.OutputSize));
            }
        }
    }

    private static void PredictValues(Sequential<T> model, Dataset<T> data, Span<double> values)
    {
        var y = new T[model.MaxBatch * model.OutputSize];
        int outputs = model.OutputSize;
        for (int start = 0; start < data.Count; start += model.MaxBatch)
        {
            int b = Math.Min(model.MaxBatch, data.Count - start);
            model.Predict(data.X.AsSpan(start * data.Features, b * data.Features), y, b);
            for (int j = 0; j < b * outputs; j++) values[start * outputs + j] = double.CreateTruncating(y[j]);
        }
    }

    private static double[] ToDouble(T[] values)
    {
        var d = new double[values.Length];
        for (int i = 0; i < d.Length; i++) d[i] = double.CreateTruncating(values[i]);
        return d;
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double s = 0;
        foreach (double v in values) s += v;
        return s / values.Length;
    }

    private static double[] CheckGrid(IReadOnlyList<double> lambdas)
    {
        ArgumentNullException.ThrowIfNull(lambdas);
        if (lambdas.Count == 0) throw new ArgumentException("The λ grid is empty.", nameof(lambdas));
        var grid = new double[lambdas.Count];
        for (int i = 0; i < grid.Length; i++)
        {
            grid[i] = lambdas[i];
            if (!(grid[i] >= 0) || double.IsInfinity(grid[i]))
                throw new ArgumentException($"λ[{i}] = {grid[i]} is not a non-negative finite number.", nameof(lambdas));
        }
        return grid;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using FastReg.Cli.Data;
using FastReg.Cli.Modeling;
using FastReg.Cli.Output;
using FastReg.Nn;
using FastReg.Nn.Linear;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;

namespace FastReg.Cli.Commands;

/// <summary>
/// <c>fastreg train --hidden none</c>: a linear model fitted by the library's <see cref="LinearSolver"/>
/// (L-BFGS, or OWL-QN with an L1 term) to the optimum of the same objective the network path trains,
/// full batch, as scikit-learn's LogisticRegression / LinearRegression and ML.NET's L-BFGS trainers do.
/// The flags of gradient training do not apply: the schedule ones are ignored with a note, the ones that
/// change what is fitted are refused (<see cref="CheckFlags"/>).
/// </summary>
internal static class LinearTraining
{
    /// <summary>λ of the L2 term a linear classifier gets when no penalty flag is given: scikit-learn's C = 1 and ML.NET's L2Regularization = 1 (both λ = 1 here).</summary>
    public const double DefaultClassifierL2 = 1.0;

    /// <summary>Whether this run fits by the solver: --solver lbfgs, or auto with --hidden none.</summary>
    public static bool Applies(TrainCommand.TrainRequest request, NetworkConfig config)
    {
        string solver = request.Parsed.GetValue(request.Training.Solver)!;
        if (solver == "lbfgs" && config.Hidden.Length > 0)
            throw new CliException("--solver lbfgs fits linear models (--hidden none); networks with hidden layers train by gradient (--solver gradient or auto).");
        return solver == "lbfgs" || (solver == "auto" && config.Hidden.Length == 0);
    }

    /// <summary>The penalty a linear fit uses: the flags', or (no penalty flag, a classifier) L2 with λ = 1.</summary>
    public static Penalty DefaultPenalty(TrainCommand.TrainRequest request, NetworkConfig config, bool classifier)
    {
        ParseResult parsed = request.Parsed;
        NetworkFlags n = request.Network;
        bool given = Given(parsed, n.L2) || Given(parsed, n.L1) || Given(parsed, n.ElasticNet) || Given(parsed, n.WeightDecay);
        return !given && classifier ? config.Penalty with { L2 = DefaultClassifierL2 } : config.Penalty;
    }

    public static int Run<T>(CliConsole console, TrainCommand.TrainRequest request, NetworkConfig config, LabeledData labeled, PreparedData<T> data, LossKind loss, int seed, TestSet? test)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParseResult parsed = request.Parsed;
        CheckFlags(console, request);
        bool classifier = labeled.Task == TaskKind.Classification;
        var options = new LinearSolverOptions
        {
            MaxIterations = Checked(parsed.GetValue(request.Training.MaxIter), "--max-iter"),
            Tolerance = parsed.GetValue(request.Training.Tol) is var tol && tol > 0 && double.IsFinite(tol) ? tol : throw new CliException("--tol must be a positive number."),
            Classes = LossNames.Entry(loss).TakesLabels ? data.Outputs : null,
        };
        NetworkConfig resolved = config.WithTrainingRows(data.Train.Count);
        Penalty penalty = DefaultPenalty(request, resolved, classifier);
        int? examples = resolved.PenaltyExamples; // batch and all are the same here: the solver is full batch
        if (config.AutoPenalty is { } auto)
            penalty = ChoosePenalty(console, request, resolved with { Penalty = penalty }, auto, data, loss, options, examples);

        Sequential<T>? start = null;
        if (request.Init is not null)
        {
            start = new Sequential<T>(data.Train.Features, 1, loss, [new Dense(data.Outputs)]);
            ModelFile.LoadInto(IO.SafeTensors.Read(request.Init), request.Init, start);
        }

        string method = penalty.L1 > 0 ? "OWL-QN" : "L-BFGS";
        if (!request.Json)
            console.WriteWrapped(string.Create(CultureInfo.InvariantCulture,
                $"{labeled.Task.ToString().ToLowerInvariant()}: {data.Train.Count} training rows, {data.Validation?.Count ?? 0} validation rows, " +
                $"{data.Train.Features} features, {data.Outputs} outputs; linear model by {method}, penalty {penalty}" +
                $"{(examples is { } m ? $" (m = {m})" : "")}; {data.Outputs * (data.Train.Features + 1)} parameters, {(typeof(T) == typeof(float) ? "f32" : "f64")}."));

        LinearFit<T> fit;
        try
        {
            fit = LinearSolver.Fit(data.Train, loss, penalty, examples, options, start);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
        Sequential<T> model = fit.Model;
        LinearFitResult r = fit.Result;
        var (trainLoss, trainAcc, trainRmse) = ModelScore.Score(model, data.Train);
        var (validLoss, validAcc, validRmse) = data.Validation is null ? (double.NaN, double.NaN, double.NaN) : ModelScore.Score(model, data.Validation);
        if (data.TargetScaler is { Count: 1 } scaler)
        {
            // Fitted on scaled targets: report the data loss and RMSE in the target's units, as the gradient path does (TargetUnits).
            double sd = scaler.Std[0];
            (trainLoss, validLoss, trainRmse, validRmse) = (trainLoss * sd * sd, validLoss * sd * sd, trainRmse * sd, validRmse * sd);
        }
        double norm = WeightNorm(model);
        string? warning = r.ConvergenceWarning;
        if (warning is not null) console.Error.WriteLine(warning);

        TrainedModel<T> trained = data.Model(model);
        if (request.Save is not null) trained.Save(request.Save);
        EvaluationResult? testScores = test?.Score(console, trained);
        if (request.Json)
        {
            var summary = new TrainSummary(labeled.Task.ToString().ToLowerInvariant(), model.ParameterCount, 0, 0, false,
                Num(trainLoss), Num(validLoss), Num(trainAcc), Num(validAcc), Num(trainRmse), Num(validRmse),
                norm, r.Weights == 0 ? 0 : (double)r.ExactZeros / r.Weights, r.Elapsed.TotalSeconds, [], [])
            {
                Solver = penalty.L1 > 0 ? "owlqn" : "lbfgs", Iterations = r.Iterations, Objective = r.Objective, Converged = r.Converged,
                ExactZeros = r.ExactZeros, Warning = warning, Test = TrainCommand.TestDocument(testScores),
            };
            console.Out.WriteLine(JsonSerializer.Serialize(summary, CliJson.Default.TrainSummary));
            return ExitCodes.Ok;
        }
        TrainCommand.WriteScores(console, request, trained, data, trainLoss, validLoss, testScores);
        string state = r.Converged ? $"converged ({Reason(r.StopReason, options.Tolerance)})" : "NOT converged";
        console.WriteWrapped(string.Create(CultureInfo.InvariantCulture,
            $"{method}: {r.Iterations} iterations ({r.Evaluations} passes over the data), {state}; objective {r.Objective:G6}; " +
            $"‖W‖ {norm:G4}, exact zeros {r.ExactZeros}/{r.Weights} weights; time {r.Elapsed.TotalSeconds:F2} s."));
        if (request.Save is not null) console.Out.WriteLine($"weights: {Path.GetFullPath(request.Save)}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Gradient-training flags given with the solver: schedule flags (how long and how fast to step) are ignored
    /// with one note, as scikit-learn's LogisticRegression has no such parameters; flags that change the fitted
    /// model (constraints, noise, averaging, early stopping) are refused, since ignoring them would change the answer silently.
    /// </summary>
    private static void CheckFlags(CliConsole console, TrainCommand.TrainRequest request)
    {
        ParseResult parsed = request.Parsed;
        NetworkFlags n = request.Network;
        TrainingFlags t = request.Training;
        Option[] refused = [n.MaxNorm, n.TopK, n.LabelSmoothing, n.ClipGradNorm, n.ClipGradValue, n.WeightDecay, n.Dropout, n.L0Gates,
            n.GaussianNoise, n.GaussianDropout, n.ActivityL1, n.ActivityL2, t.EarlyStopping, t.Ema, t.SwaStart, t.Mixup, .. n.TermFlags.Select(f => f.Option)];
        foreach (Option o in refused)
            if (Given(parsed, o))
                throw new CliException($"{o.Name} applies to gradient training; the L-BFGS solver of --hidden none minimizes the objective itself. " +
                    (o == n.WeightDecay ? "Use --l2 (coupled weight decay wd is --l2 wd·m) or " : "Use ") + "--solver gradient to train by epochs.");
        Option[] ignored = [t.Epochs, t.BatchSize, t.NoShuffle, n.Optimizer, n.LearningRate, n.Momentum, n.Nesterov, n.L1Mode, n.DecayBiases, n.DecayGates, n.GateLrScale];
        var names = new List<string>();
        foreach (Option o in ignored)
            if (Given(parsed, o)) names.Add(o.Name);
        if (request.Plot is not null) names.Add("--plot");
        if (names.Count > 0)
            console.Error.WriteLine($"note: {string.Join(", ", names)} {(names.Count == 1 ? "does" : "do")} not apply to the L-BFGS solver of --hidden none (full batch, run to convergence) and {(names.Count == 1 ? "is" : "are")} ignored; --solver gradient trains by epochs instead.");
    }

    /// <summary>--l2/--l1/--elastic-net auto with the solver: k-fold cross-validation of solver fits, the one-standard-error λ.</summary>
    private static Penalty ChoosePenalty<T>(CliConsole console, TrainCommand.TrainRequest request, NetworkConfig config, string penalty,
        PreparedData<T> data, LossKind loss, LinearSolverOptions options, int? examples) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!SweptPenalty.IsObjectiveTerm(penalty))
            throw new CliException($"--{penalty} auto applies to gradient training; the solver of --hidden none takes {SweptPenalty.ObjectiveTerms("--")} auto.");
        double[] grid = SweptPenalty.ParseGrid(request.AutoLambdas);
        int k = request.AutoFolds;
        Dataset<T> rows = data.Train;
        if (k < 2 || k > rows.Count) throw new CliException($"--auto-folds must lie in [2, {rows.Count}] (the training rows) (got {k}).");
        int outputs = data.Outputs;
        // A fold's input width is its own training rows' (one-hot columns are fitted inside the fold, PreparedData.Fold).
        Func<double, Dataset<T>, Sequential<T>> buildFor = (lambda, fold) => SweptPenalty.BuildAt<T>(penalty, config,
            c => new Sequential<T>(fold.Features, Math.Min(fold.Count, 1024), loss, [new Dense(outputs)]) { Penalty = c.Penalty, PenaltyExamples = examples, Optimizer = new Sgd(0.01) })(lambda);
        var search = new LambdaSearch<T>(buildFor, new TrainingOptions<T> { Epochs = 1, Seed = (ulong)request.Parsed.GetValue(request.Training.Seed) })
        {
            Solver = options,
        };
        CrossValidationResult cv = search.CrossValidate(data.Fold, rows.Count, grid, k, data.StratifyBy);
        if (!request.Json) TrainCommand.WriteCrossValidation(console, penalty, $"{k}-fold cross-validation of solver fits on the {rows.Count} training rows", cv, data.TargetScaler);
        return buildFor(cv.Lambdas[cv.OneStandardErrorIndex], rows).Penalty;
    }

    private static string Reason(LinearStopReason reason, double tolerance) => reason switch
    {
        LinearStopReason.Tolerance => string.Create(CultureInfo.InvariantCulture, $"relative improvement < {tolerance:G3}"),
        LinearStopReason.Stationary => "gradient 0",
        LinearStopReason.NoFurtherDecrease => "no lower objective at double precision",
        // Not converged: the caller prints "NOT converged" and the fit's warning instead of a reason.
        LinearStopReason.LineSearchFailed => "the line search failed",
        LinearStopReason.IterationCap => "the iteration cap",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown stop reason."),
    };

    private static double WeightNorm<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (T v in model.GetParameter("0.weight")) sum += double.CreateTruncating(v * v);
        return Math.Sqrt(sum);
    }

    private static bool Given(ParseResult parsed, Option option) => parsed.GetResult(option) is { Implicit: false };

    private static int Checked(int value, string flag) => value >= 1 ? value : throw new CliException($"{flag} must be at least 1 (got {value}).");

    private static double? Num(double v) => double.IsFinite(v) ? v : null;


}

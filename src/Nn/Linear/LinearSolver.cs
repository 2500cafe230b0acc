using System.Diagnostics;
using FastReg.Nn.Training;

namespace FastReg.Nn.Linear;

/// <summary>
/// Fits a linear model (one <see cref="Dense"/> layer) as the convex problem it is: full batch, to
/// the optimum, with no learning rate or epochs to tune. The objective is the network path's, so λ
/// means the same in both: mean data loss J + (λ₂/2m)·Σ W² + (λ₁/m)·Σ |W| with m =
/// <c>penaltyExamples</c> (default: the training rows, which is what full-batch training uses),
/// biases unpenalized unless <see cref="Penalty.IncludeBiases"/>. Smooth penalties (none, L2) are
/// minimized by L-BFGS with a strong Wolfe line search; L1 and elastic net by OWL-QN, which reaches
/// exact zeros (<see cref="Penalty.L1Method"/> does not apply: the solver is proximal by nature).
/// Losses: softmax cross-entropy (k classes), binary cross-entropy with logits (one logit per target;
/// one logit is a binary classifier), mean squared error (regression).
/// The data are copied once into double; the loop then allocates nothing.
/// </summary>
public static class LinearSolver
{
    /// <summary>Fits a linear model to <paramref name="data"/>.</summary>
    /// <param name="data">Class labels for a loss over labels (<see cref="LossKind.SoftmaxCrossEntropy"/>); real targets in the loss's domain (in [0, 1] for BCE) otherwise.</param>
    /// <param name="loss">The data loss.</param>
    /// <param name="penalty">L2, L1 or both (elastic net); max-norm and top-k are refused (they are constraints of a training step, not terms of an objective).</param>
    /// <param name="penaltyExamples">m of λ/m; null is the number of training rows.</param>
    /// <param name="options">Tolerance, iteration cap, history; null takes <see cref="LinearSolverOptions.Default"/>.</param>
    /// <param name="start">Warm start from this model's weights (a one-Dense model of the same shape), e.g. the previous λ of a path; null starts from 0 as ML.NET and scikit-learn do.</param>
    public static LinearFit<T> Fit<T>(Dataset<T> data, LossKind loss, Penalty penalty, int? penaltyExamples = null,
        LinearSolverOptions? options = null, Sequential<T>? start = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(penalty);
        options ??= LinearSolverOptions.Default;
        long started = Stopwatch.GetTimestamp();
        DataLoss<double> kind = (LossCatalog.Find(loss) ?? throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss.")).Loss;
        penalty.Validate(nameof(penalty));
        if (penalty.MaxNorm != 0 || penalty.TopK != 0)
            throw new ArgumentException("The linear solver minimizes an objective; max-norm and top-k constrain training steps. Train with Trainer for those.", nameof(penalty));
        if (penalty.Terms.Count != 0)
            throw new ArgumentException($"The linear solver fits L2 and L1 only, not {penalty.Terms[0].Describe()}. Train with Trainer for that term.", nameof(penalty));
        if (penaltyExamples is <= 0) throw new ArgumentOutOfRangeException(nameof(penaltyExamples), penaltyExamples, "penaltyExamples must be positive.");

        int n = data.Count, d = data.Features;
        int k;
        int[]? labels = null;
        double[]? targets = null;
        if (kind.TakesLabels)
        {
            if (!data.IsClassification) throw new ArgumentException($"{loss} needs class labels; the data carry real-valued targets.", nameof(data));
            int present = data.ClassCount();
            k = options.Classes ?? Math.Max(2, present);
            if (present > k) throw new ArgumentException($"The data have labels up to {present - 1} but Classes is {k}.", nameof(data));
            labels = data.Labels;
        }
        else
        {
            if (data.IsClassification) throw new ArgumentException($"{loss} takes real-valued targets; the data carry class labels (use SoftmaxCrossEntropy, or targets 0/1 with BinaryCrossEntropyWithLogits).", nameof(data));
            k = data.Outputs;
            targets = new double[data.Targets!.Length];
            for (int i = 0; i < targets.Length; i++)
            {
                targets[i] = double.CreateTruncating(data.Targets[i]);
                if (!kind.AcceptsTarget(targets[i]))
                    throw new ArgumentException($"{loss} needs targets in {kind.TargetDomain}; target {i} is {targets[i]}.", nameof(data));
            }
        }
        if ((long)k * (d + 1) > Array.MaxLength / Math.Max(1, options.HistorySize * 2))
            throw new ArgumentException($"{k} outputs × {d + 1} parameters each are too many for the L-BFGS history of {options.HistorySize}.", nameof(data));

        double[] x = new double[(long)n * d];
        T[] source = data.X;
        for (int i = 0; i < x.Length; i++) x[i] = double.CreateTruncating(source[i]);

        int m = penaltyExamples ?? n;
        var objective = new LinearObjective(x, n, d, k, loss, labels, targets, penalty.L2 / m, penalty.L1 / m, penalty.IncludeBiases);
        var theta = new double[objective.ParameterCount];
        if (start is not null) CopyStart(start, d, k, theta);

        var (iterations, evaluations, value, dataLoss, gradientNorm, reason) = new QuasiNewton(objective, options).Minimize(theta);

        int maxBatch = options.MaxBatch ?? Math.Min(n, 1024);
        var model = new Sequential<T>(d, maxBatch, loss, [new Dense(k)]) { Penalty = penalty, PenaltyExamples = m };
        Span<T> parameters = model.AllParameters; // [W (k×d), b (k)]: the layout θ was fitted in
        int zeros = 0;
        for (int i = 0; i < theta.Length; i++)
        {
            parameters[i] = T.CreateTruncating(theta[i]);
            if (i < k * d && parameters[i] == T.Zero) zeros++;
        }
        bool converged = reason is LinearStopReason.Tolerance or LinearStopReason.Stationary or LinearStopReason.NoFurtherDecrease;
        var result = new LinearFitResult(iterations, evaluations, value, dataLoss, gradientNorm, converged, reason, zeros, k * d,
            Stopwatch.GetElapsedTime(started));
        return new LinearFit<T>(model, result);
    }

    private static void CopyStart<T>(Sequential<T> start, int d, int k, double[] theta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (start.Layers.Count != 1 || start.Layers[0] is not Dense { Bias: true } || start.InputSize != d || start.OutputSize != k)
            throw new ArgumentException($"The warm start must be one Dense layer with a bias, {d} inputs → {k} outputs; it is {start}.", nameof(start));
        ReadOnlySpan<T> p = start.AllParameters;
        for (int i = 0; i < theta.Length; i++) theta[i] = double.CreateTruncating(p[i]);
    }
}

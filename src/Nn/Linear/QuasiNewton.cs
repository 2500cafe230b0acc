using System.Runtime.CompilerServices;

namespace FastReg.Nn.Linear;

/// <summary>
/// The minimization loop over a <see cref="LinearObjective"/>: L-BFGS with a strong Wolfe line
/// search when there is no L1 term, OWL-QN (orthant-wise L-BFGS with a projected backtracking
/// search) when there is. Every buffer is allocated here, once; <see cref="Minimize"/> allocates nothing.
/// </summary>
internal sealed class QuasiNewton
{
    private const int ImprovementWindow = 5; // ML.NET's MeanRelativeImprovementCriterion looks back 5 iterations

    private readonly LinearObjective _objective;
    private readonly LinearSolverOptions _options;
    private readonly LbfgsHistory _history;
    private readonly WolfeLineSearch _wolfe;
    private readonly OrthantWiseLineSearch _orthant;
    private readonly double[] _gradient, _pseudo, _direction, _trial, _trialGradient, _s, _y;
    private readonly double[] _past = new double[ImprovementWindow];

    public QuasiNewton(LinearObjective objective, LinearSolverOptions options)
    {
        _objective = objective;
        _options = options;
        int p = objective.ParameterCount;
        _history = new LbfgsHistory(options.HistorySize, p);
        _wolfe = new WolfeLineSearch(objective);
        _orthant = new OrthantWiseLineSearch(objective);
        _gradient = new double[p];
        _pseudo = new double[p];
        _direction = new double[p];
        _trial = new double[p];
        _trialGradient = new double[p];
        _s = new double[p];
        _y = new double[p];
    }

    /// <summary>Minimizes from <paramref name="theta"/> in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (int Iterations, int Evaluations, double Value, double DataLoss, double GradientNorm, LinearStopReason Reason) Minimize(Span<double> theta)
    {
        LinearObjective objective = _objective;
        bool orthantWise = objective.L1 > 0;
        Span<double> gradient = _gradient, pseudo = orthantWise ? _pseudo : _gradient, direction = _direction;
        Span<double> trial = _trial, trialGradient = _trialGradient, s = _s, y = _y;
        _history.Clear();

        int evaluations = 1, iterations = 0, pastCount = 0, pastNext = 0;
        double value = objective.Evaluate(theta, gradient) + objective.L1Term(theta);
        double dataLoss = objective.LastDataLoss;
        if (orthantWise) OrthantWise.PseudoGradient(theta, gradient, objective.L1, objective.PenalizedCount, pseudo);
        _past[pastNext++] = value;
        pastCount++;
        LinearStopReason reason;
        while (true)
        {
            double gradientNorm = NnKernels.MaxAbs<double>(pseudo);
            if (!double.IsFinite(value) || !double.IsFinite(gradientNorm))
            {
                reason = LinearStopReason.LineSearchFailed;
                break;
            }
            if (gradientNorm <= 1e-14 * Math.Max(1, Math.Abs(value)))
            {
                reason = LinearStopReason.Stationary;
                break;
            }
            if (iterations >= _options.MaxIterations)
            {
                reason = LinearStopReason.IterationCap;
                break;
            }

            _history.Direction(pseudo, direction);
            if (orthantWise) OrthantWise.ConstrainDirection(direction, pseudo);
            double slope = NnKernels.Dot<double>(pseudo, direction);
            if (!(slope < 0))
            {
                // Not a descent direction (a stale history): restart from steepest descent.
                _history.Clear();
                direction.Clear();
                NnKernels.Axpy(-1.0, pseudo, direction);
                slope = -NnKernels.Dot<double>(pseudo, pseudo);
            }
            // Without curvature information the first step is scaled to length 1 (as L-BFGS-B and ML.NET do).
            double step = _history.Count == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(-slope)) : 1.0;
            bool small = gradientNorm <= 1e-4 * Math.Max(1, Math.Abs(value));
            // The decrease the step predicts (≈ −½·a·slope) is below the objective's rounding (or a thousandth of
            // what the tolerance asks for): nothing left to gain, and a line search would only chase rounding noise.
            if (small && -slope * step <= Math.Min(1e-15, 1e-3 * _options.Tolerance) * Math.Abs(value))
            {
                reason = LinearStopReason.NoFurtherDecrease;
                break;
            }

            double next;
            bool found = orthantWise
                ? _orthant.Search(theta, value, pseudo, direction, step, trial, trialGradient, out next, ref evaluations)
                : _wolfe.Search(theta, value, slope, direction, step, trial, trialGradient, out next, ref evaluations);
            if (!found || !(next <= value))
            {
                if (_history.Count > 0 && !small)
                {
                    _history.Clear(); // far from the optimum the history may mislead: retry once along the steepest descent
                    continue;
                }
                reason = small ? LinearStopReason.NoFurtherDecrease : LinearStopReason.LineSearchFailed;
                break;
            }

            // s = θ⁺ − θ, y = ∇smooth(θ⁺) − ∇smooth(θ): the L1 term has no curvature.
            trial.CopyTo(s);
            NnKernels.Axpy(-1.0, theta, s);
            trialGradient.CopyTo(y);
            NnKernels.Axpy(-1.0, gradient, y);
            _history.TryAdd(s, y);
            trial.CopyTo(theta);
            trialGradient.CopyTo(gradient);
            value = next;
            dataLoss = objective.LastDataLoss;
            if (orthantWise) OrthantWise.PseudoGradient(theta, gradient, objective.L1, objective.PenalizedCount, pseudo);
            iterations++;

            if (value == 0)
            {
                reason = LinearStopReason.Stationary; // an exact fit with no penalty
                break;
            }
            if (pastCount == ImprovementWindow)
            {
                double oldest = _past[pastNext];
                if ((oldest - value) / ImprovementWindow / Math.Abs(value) < _options.Tolerance)
                {
                    reason = LinearStopReason.Tolerance;
                    break;
                }
            }
            else
            {
                pastCount++;
            }
            _past[pastNext] = value;
            pastNext = (pastNext + 1) % ImprovementWindow;
        }
        return (iterations, evaluations, value, dataLoss, NnKernels.MaxAbs<double>(pseudo), reason);
    }
}

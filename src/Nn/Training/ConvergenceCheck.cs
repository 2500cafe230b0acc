using System.Globalization;

namespace FastReg.Nn.Training;

/// <summary>
/// scikit-learn's ConvergenceWarning for gradient-based training: whether a finished run ended
/// while its training objective was still falling, or with weights that exploded. One line of text,
/// or null when the run looks converged. The rules:
/// <list type="bullet">
/// <item>still falling: over the last 10% of the epochs (at least one) the objective fell by more than
/// 1% of its whole decrease since the first epoch (a curve that has flattened gives a fraction of
/// that; one still descending at a steady rate gives ~10%). Runs that early stopping ended are not judged.</item>
/// <item>exploding: the weights' norm is not finite, or grew at least 10,000-fold (and past 1,000) from its value before training.</item>
/// </list>
/// </summary>
public static class ConvergenceCheck
{
    /// <summary>The share of the epochs the "still falling" rule looks at.</summary>
    public const double WindowFraction = 0.1;

    /// <summary>The share of the total decrease the window may still contribute.</summary>
    public const double FallingThreshold = 0.01;

    /// <summary>How many times the weights' norm may grow.</summary>
    public const double GrowthThreshold = 1e4;

    /// <summary>The warning for <paramref name="history"/>, or null.</summary>
    /// <param name="history">The epochs run, in order.</param>
    /// <param name="stoppedEarly">Whether early stopping ended the run.</param>
    /// <param name="initialWeightNorm">‖W‖ (Frobenius, over all weight matrices) before the first step.</param>
    public static string? Inspect(IReadOnlyList<EpochMetrics> history, bool stoppedEarly, double initialWeightNorm)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0) return null;
        CultureInfo c = CultureInfo.InvariantCulture;
        double norm = double.NaN;
        for (int i = history.Count - 1; i >= 0 && double.IsNaN(norm); i--) norm = history[i].WeightNorm;
        if (double.IsInfinity(norm) || (!double.IsNaN(norm) && norm > 1e3 && norm >= GrowthThreshold * Math.Max(initialWeightNorm, 1e-300)))
            return string.Create(c, $"ConvergenceWarning: the weights exploded (‖W‖ {initialWeightNorm:G3} before training, {norm:G3} after); lower the learning rate or standardize the features and targets.");

        int epochs = history.Count;
        if (stoppedEarly || epochs < 2) return null;
        int window = Math.Max(1, (int)Math.Round(WindowFraction * epochs));
        if (window >= epochs) window = epochs - 1;
        double first = history[0].TrainObjective, last = history[^1].TrainObjective, before = history[epochs - 1 - window].TrainObjective;
        double total = first - last, recent = before - last;
        if (!(total > 0) || !(recent > FallingThreshold * total)) return null;
        return string.Create(c,
            $"ConvergenceWarning: training ended while the loss was still falling (the last {window} of {epochs} epochs lowered it by {recent / total:P1} of its total decrease); train longer (--epochs) or with a larger learning rate.");
    }
}

namespace FastReg.Nn;

/// <summary>Settings of a gradient check.</summary>
public sealed record GradientCheckOptions
{
    /// <summary>
    /// Step ε of the central difference (f(θ + h) − f(θ − h)) / 2h, h = ε·max(1, |θ|). 1e-5 balances the
    /// truncation error (∝ h²) against rounding in f (∝ u·|f|/h): about 1e-11 absolute on O(1) objectives.
    /// </summary>
    public double Epsilon { get; init; } = 1e-5;

    /// <summary>
    /// Floor of the relative error's denominator max(|a|, |n|, tiny). Derivatives smaller than this are
    /// compared absolutely (error = |a − n| / tiny), since the central difference itself is only
    /// accurate to about 1e-11 absolute; with 1e-4, a bound of 1e-6 asks for |a − n| ≤ 1e-10 there.
    /// </summary>
    public double Tiny { get; init; } = 1e-4;

    /// <summary>Whether d objective / d x is checked too.</summary>
    public bool CheckInput { get; init; } = true;

    /// <summary>
    /// Whether entries that sit on a kink are set aside (and counted in <see cref="TensorCheck.Kinks"/>)
    /// instead of compared: a ReLU input, a clamped gate or an L1 weight within h of its corner makes
    /// the central difference average two slopes. An entry counts as a kink only when its two one-sided
    /// differences disagree by more than 1% and the analytic derivative matches one of them to 1e-3,
    /// so a wrong gradient on a smooth stretch is never set aside.
    /// </summary>
    public bool SetAsideKinks { get; init; } = true;

    /// <summary>Throws unless ε and the floor are positive finite numbers (a zero or NaN step makes every difference meaningless).</summary>
    internal void Validate()
    {
        if (!(Epsilon > 0 && double.IsFinite(Epsilon)))
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "GradientCheckOptions.Epsilon must be a positive finite number.");
        if (!(Tiny > 0 && double.IsFinite(Tiny)))
            throw new ArgumentOutOfRangeException(nameof(Tiny), Tiny, "GradientCheckOptions.Tiny must be a positive finite number.");
    }
}

/// <summary>The outcome for one tensor: its largest relative error and the entry where it occurs.</summary>
/// <param name="Name">Parameter name ("0.weight") or "input".</param>
/// <param name="MaxRelativeError">max over entries of |a − n| / max(|a|, |n|, tiny).</param>
/// <param name="WorstIndex">Flat index of the worst entry (−1 for an empty tensor).</param>
/// <param name="Analytic">Backpropagated derivative at the worst entry.</param>
/// <param name="Numeric">Central-difference derivative at the worst entry.</param>
/// <param name="Kinks">Entries set aside because θ sits within the step of a kink (see <see cref="GradientCheckOptions.SetAsideKinks"/>).</param>
public sealed record TensorCheck(string Name, double MaxRelativeError, int WorstIndex, double Analytic, double Numeric, int Kinks = 0);

/// <summary>Every tensor's check; <see cref="Worst"/> is the one with the largest error.</summary>
/// <param name="Tensors">One entry per parameter tensor, then the input if it was checked.</param>
public sealed record GradientCheckResult(IReadOnlyList<TensorCheck> Tensors)
{
    /// <summary>The tensor with the largest relative error.</summary>
    public TensorCheck Worst
    {
        get
        {
            if (Tensors.Count == 0) return new TensorCheck("(nothing checked)", 0, -1, 0, 0);
            TensorCheck worst = Tensors[0];
            foreach (TensorCheck t in Tensors) if (t.MaxRelativeError > worst.MaxRelativeError) worst = t;
            return worst;
        }
    }

    /// <summary>The largest relative error over all tensors.</summary>
    public double MaxRelativeError => Worst.MaxRelativeError;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join("; ", Tensors.Select(t => $"{t.Name}: {t.MaxRelativeError:E2} at {t.WorstIndex} (analytic {t.Analytic:G17}, numeric {t.Numeric:G17}){(t.Kinks > 0 ? $", {t.Kinks} kink(s) set aside" : "")}"));
}

/// <summary>
/// Compares backpropagated gradients with central finite differences in double, per parameter tensor
/// and for the input. The objective is the model's: data loss plus every penalty term (L1 by its
/// subgradient). Dropout masks and gate noise are held fixed: they are keyed by the model's step,
/// which the check does not advance. Float models are checked by <see cref="Sequential{T}.ConvertTo{TOther}"/> to double.
/// </summary>
public static class GradientChecker
{
    /// <summary>Checks a model on real-valued targets (MSE, BCE).</summary>
    public static GradientCheckResult Check(Sequential<double> model, ReadOnlySpan<double> x, ReadOnlySpan<double> targets, int batch, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new();
        options.Validate();
        double[] t = targets.ToArray();
        model.ComputeGradients(x, t, batch);
        return Run(model, x.ToArray(), xs => model.ObjectiveParts(xs, t, default, batch, training: true), options);
    }

    /// <summary>Checks a model on class labels (softmax cross-entropy).</summary>
    public static GradientCheckResult Check(Sequential<double> model, ReadOnlySpan<double> x, ReadOnlySpan<int> labels, int batch, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new();
        options.Validate();
        int[] l = labels.ToArray();
        model.ComputeGradients(x, l, batch);
        return Run(model, x.ToArray(), xs => model.ObjectiveParts(xs, default, l, batch, training: true), options);
    }

    /// <summary>
    /// Checks one layer alone: the objective is the mean squared error of its output against random
    /// targets, for random inputs uniform in [−1, 1), all drawn from <paramref name="seed"/>.
    /// </summary>
    public static GradientCheckResult CheckLayer(LayerSpec layer, int inputSize, int batch, ulong seed = 0, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        var model = new Sequential<double>(inputSize, batch, LossKind.MeanSquaredError, [layer], seed);
        var rng = new SplitMix64(seed ^ 0x5DEECE66DUL);
        var x = new double[batch * inputSize];
        var y = new double[batch * model.OutputSize];
        for (int i = 0; i < x.Length; i++) x[i] = 2 * rng.NextUniform() - 1;
        for (int i = 0; i < y.Length; i++) y[i] = 2 * rng.NextUniform() - 1;
        return Check(model, x, y, batch, options);
    }

    /// <summary>|a − n| / max(|a|, |n|, tiny).</summary>
    public static double RelativeError(double analytic, double numeric, double tiny) =>
        Math.Abs(analytic - numeric) / Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numeric)), tiny);

    /// <summary>Test hook: alters the analytic gradients before the comparison, to show a wrong gradient is caught.</summary>
    internal static Action<string, double[]>? Tamper { get => t_tamper; set => t_tamper = value; }

    [ThreadStatic] private static Action<string, double[]>? t_tamper;

    private static GradientCheckResult Run(Sequential<double> model, double[] x, Func<double[], (double Loss, double Penalty)> objective, GradientCheckOptions options)
    {
        var results = new List<TensorCheck>();
        var atTheta = objective(x);
        foreach (ParameterTensor t in model.Parameters)
        {
            double[] analytic = model.GetGradient(t).ToArray();
            Tamper?.Invoke(t.Name, analytic);
            results.Add(Compare(t.Name, analytic, i => model.GetParameter(t)[i], (i, v) => model.GetParameter(t)[i] = v, () => objective(x), atTheta, options));
        }
        if (options.CheckInput)
        {
            double[] analytic = model.InputGradient[..x.Length].ToArray();
            Tamper?.Invoke("input", analytic);
            results.Add(Compare("input", analytic, i => x[i], (i, v) => x[i] = v, () => objective(x), atTheta, options));
        }
        return new GradientCheckResult(results);
    }

    private static TensorCheck Compare(string name, double[] analytic, Func<int, double> get, Action<int, double> set, Func<(double Loss, double Penalty)> f, (double Loss, double Penalty) atTheta, GradientCheckOptions options)
    {
        double worstError = 0, worstA = 0, worstN = 0;
        int kinks = 0;
        int worstIndex = -1;
        for (int i = 0; i < analytic.Length; i++)
        {
            double theta = get(i);
            double h = options.Epsilon * Math.Max(1, Math.Abs(theta));
            double up = theta + h, down = theta - h; // the steps actually taken, after rounding
            set(i, up);
            var plus = f();
            set(i, down);
            var minus = f();
            set(i, theta);
            // Loss and penalty are differenced apart: a large penalty would otherwise swamp the loss's last digits.
            double numeric = ((plus.Loss - minus.Loss) + (plus.Penalty - minus.Penalty)) / (up - down);
            double error = RelativeError(analytic[i], numeric, options.Tiny);
            if (error > 1e-7 && options.SetAsideKinks)
            {
                double right = ((plus.Loss - atTheta.Loss) + (plus.Penalty - atTheta.Penalty)) / (up - theta);
                double left = ((atTheta.Loss - minus.Loss) + (atTheta.Penalty - minus.Penalty)) / (theta - down);
                bool kink = RelativeError(right, left, options.Tiny) > 1e-2
                    && Math.Min(RelativeError(analytic[i], right, options.Tiny), RelativeError(analytic[i], left, options.Tiny)) < 1e-3;
                if (kink)
                {
                    kinks++;
                    continue;
                }
            }
            if (worstIndex < 0 || error > worstError || double.IsNaN(error))
            {
                (worstError, worstIndex, worstA, worstN) = (error, i, analytic[i], numeric);
                if (double.IsNaN(error)) break;
            }
            else if (i == worstIndex) (worstA, worstN) = (analytic[i], numeric);
        }
        return new TensorCheck(name, worstError, worstIndex, worstA, worstN, kinks);
    }
}

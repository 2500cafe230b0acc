namespace FastReg.Nn;

/// <summary>
/// Analytic gradients against finite differences, in double: a whole model (every parameter tensor
/// and the input), one layer alone (a vector-Jacobian product check), any scalar function with its
/// gradient, or a vector-valued function's full Jacobian. Model and layer checks know where the kinks
/// are (<see cref="GradientCheckOptions.SetAsideKinks"/>). Dropout masks and gate noise are held
/// fixed: they are keyed by the model's step, which the check does not advance. Float models are
/// checked by <see cref="Sequential{T}.ConvertTo{TOther}"/> to double.
/// </summary>
public static class GradientChecker
{
    /// <summary>
    /// Checks a model on real-valued targets (MSE, BCE). The objective is the model's: data loss plus
    /// every penalty term (L1 by its subgradient).
    /// </summary>
    public static GradientCheckResult Check(Sequential<double> model, ReadOnlySpan<double> x, ReadOnlySpan<double> targets, int batch, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new();
        options.Validate();
        double[] t = targets.ToArray();
        model.ComputeGradients(x, t, batch);
        return Run(model, x.ToArray(), batch, xs => model.CheckedObjective(xs, t, default, batch), options);
    }

    /// <summary>Checks a model on class labels (softmax cross-entropy).</summary>
    public static GradientCheckResult Check(Sequential<double> model, ReadOnlySpan<double> x, ReadOnlySpan<int> labels, int batch, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new();
        options.Validate();
        int[] l = labels.ToArray();
        model.ComputeGradients(x, l, batch);
        return Run(model, x.ToArray(), batch, xs => model.CheckedObjective(xs, default, l, batch), options);
    }

    /// <summary>
    /// Checks one layer alone, built-in or a user's, on random inputs uniform in [−1, 1) and a random
    /// upstream gradient uniform in [−1, 1)/batch (a per-example mean, as every loss's gradient is),
    /// both drawn from <paramref name="seed"/>: see the overload that takes them.
    /// </summary>
    public static GradientCheckResult CheckLayer(LayerSpec layer, int inputSize, int batch, ulong seed = 0, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        var rng = new SplitMix64(seed ^ 0x5DEECE66DUL);
        var x = new double[batch * inputSize];
        var g = new double[batch * layer.OutputSize(inputSize)];
        for (int i = 0; i < x.Length; i++) x[i] = 2 * rng.NextUniform() - 1;
        for (int i = 0; i < g.Length; i++) g[i] = (2 * rng.NextUniform() - 1) / batch;
        return CheckLayer(layer, x, g, batch, seed, options);
    }

    /// <summary>
    /// Checks one layer alone as a vector-Jacobian product: with upstream gradient g, the objective is
    /// f = Σ g ⊙ layer(x) (+ the layer's own penalty), whose gradients are exactly what Backward
    /// computes from dy = g — dx and every parameter gradient — at the cost of two forward passes per
    /// entry, however wide the layer. The layer runs in training mode at step 0 of <paramref name="seed"/>.
    /// </summary>
    /// <param name="layer">The layer's spec.</param>
    /// <param name="x">Input [batch, in].</param>
    /// <param name="upstream">g [batch, out].</param>
    /// <param name="batch">Rows.</param>
    /// <param name="seed">Seeds the parameters and the layer's noise.</param>
    /// <param name="options">ε, floor, kinks, bound.</param>
    public static GradientCheckResult CheckLayer(LayerSpec layer, ReadOnlySpan<double> x, ReadOnlySpan<double> upstream, int batch, ulong seed = 0, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        options ??= new();
        options.Validate();
        if (x.Length == 0 || x.Length % batch != 0)
            throw new ArgumentException($"'x' has {x.Length} elements, which is not a positive multiple of the batch {batch}.", nameof(x));
        var model = new Sequential<double>(x.Length / batch, batch, LossKind.MeanSquaredError, [layer], seed);
        Layer<double> l = model.LayerAt(0);
        if (upstream.Length != batch * l.OutputSize)
            throw new ArgumentException($"'upstream' has {upstream.Length} elements but batch × OutputSize = {batch} × {l.OutputSize} = {batch * l.OutputSize}.", nameof(upstream));
        double[] xs = x.ToArray(), g = upstream.ToArray();
        var y = new double[g.Length];
        var dx = new double[xs.Length];
        var mode = new PassMode(true, seed, model.Step);
        double invM = 1.0 / batch;
        Evaluation Eval(double[] input)
        {
            l.Forward(input, y, batch, mode);
            // Neumaier's compensated sum: the rounding of a long Σ g·y would otherwise dominate f(θ+h) − f(θ−h).
            double sum = 0, carry = 0;
            for (int i = 0; i < y.Length; i++)
            {
                double term = g[i] * y[i], next = sum + term;
                carry += Math.Abs(sum) >= Math.Abs(term) ? (sum - next) + term : (term - next) + sum;
                sum = next;
            }
            return new Evaluation([sum + carry, l.OwnPenalty(invM, addGradient: false)], l.KinkSignature(input, y, batch));
        }
        Eval(xs); // the training pass Backward follows
        model.ZeroGradients();
        l.Backward(xs, y, g, dx, batch, needDx: true);
        l.OwnPenalty(invM, addGradient: true);
        return Compare(model, xs, dx, batch, Eval, options, null);
    }

    /// <summary>
    /// Checks any scalar function f(θ) against its analytic gradient, both given as delegates (θ is
    /// passed as a fresh array each call and may be read freely). Without a
    /// <paramref name="kinkSignature"/>, kinks are recognised by their disagreeing one-sided differences.
    /// </summary>
    /// <param name="name">Names θ in the result's message.</param>
    /// <param name="function">f(θ).</param>
    /// <param name="gradient">∇f(θ), of θ's length.</param>
    /// <param name="at">θ.</param>
    /// <param name="options">ε, floor, kinks, bound.</param>
    /// <param name="kinkSignature">Optional: a hash of which side of each kink θ lies (see <see cref="Layer{T}.KinkSignature"/>).</param>
    public static GradientCheckResult CheckFunction(string name, Func<double[], double> function, Func<double[], double[]> gradient, double[] at,
        GradientCheckOptions? options = null, Func<double[], ulong>? kinkSignature = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(at);
        options ??= new();
        options.Validate();
        double[] theta = (double[])at.Clone();
        double[] analytic = gradient((double[])theta.Clone()) ?? throw new ArgumentException("The gradient delegate returned null.", nameof(gradient));
        if (analytic.Length != theta.Length)
            throw new ArgumentException($"The gradient has {analytic.Length} entries but θ has {theta.Length}.", nameof(gradient));
        Evaluation Eval()
        {
            double[] copy = (double[])theta.Clone();
            return new Evaluation([function(copy)], kinkSignature?.Invoke((double[])theta.Clone()) ?? 0);
        }
        TensorCheck check = CompareTensor(name, [theta.Length], null, analytic, i => theta[i], (i, v) => theta[i] = v, Eval, Eval(), options, kinkSignature is not null, 0);
        return new GradientCheckResult([check]) { Bound = options.Bound };
    }

    /// <summary>
    /// Checks the full Jacobian of a vector-valued function y = f(x), as torch.autograd.gradcheck does:
    /// the analytic Jacobian is assembled row by row from vector-Jacobian products (vᵀJ for each unit
    /// vector v, what a backward pass computes), the numeric one column by column from central
    /// differences; every entry is compared and the worst are reported.
    /// </summary>
    /// <param name="name">Names the function in the message.</param>
    /// <param name="function">f(x).</param>
    /// <param name="vectorJacobianProduct">(x, v) → vᵀ·∂f/∂x, of x's length.</param>
    /// <param name="at">x.</param>
    /// <param name="options">ε, floor, kinks, bound, and <see cref="GradientCheckOptions.ReturnJacobians"/>.</param>
    /// <param name="kinkSignature">Optional: a hash of which side of each kink x lies.</param>
    public static JacobianCheckResult CheckJacobian(string name, Func<double[], double[]> function, Func<double[], double[], double[]> vectorJacobianProduct, double[] at,
        GradientCheckOptions? options = null, Func<double[], ulong>? kinkSignature = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(vectorJacobianProduct);
        ArgumentNullException.ThrowIfNull(at);
        options ??= new();
        options.Validate();
        double[] x = (double[])at.Clone();
        Evaluation Eval() => new((double[])function((double[])x.Clone()).Clone(), kinkSignature?.Invoke((double[])x.Clone()) ?? 0);
        Evaluation center = Eval();
        int m = center.Values.Length, n = x.Length;
        var analytic = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            var v = new double[m];
            v[i] = 1;
            double[] row = vectorJacobianProduct((double[])x.Clone(), v);
            if (row is null || row.Length != n)
                throw new ArgumentException($"The vector-Jacobian product returned {row?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"} entries; x has {n}.", nameof(vectorJacobianProduct));
            for (int j = 0; j < n; j++) analytic[i, j] = row[j];
        }
        var numeric = new double[m, n];
        var errors = new List<JacobianEntry>();
        int kinks = 0;
        for (int j = 0; j < n; j++)
        {
            double theta = x[j];
            Func<double, Evaluation> step = v => { x[j] = v; return Eval(); };
            Derivative d = FiniteDifference.Take(step, theta, center, options, kinkSignature is not null);
            if (d.How != Difference.Central) kinks++;
            double[] column = d.Values;
            for (int i = 0; i < m; i++)
                if (d.How == Difference.Central && !(RelativeError(analytic[i, j], column[i], options.Tiny) <= options.Bound))
                {
                    column = FiniteDifference.Refine(step, theta, d, center, options, kinkSignature is not null, 1) ?? column;
                    break;
                }
            x[j] = theta;
            for (int i = 0; i < m; i++)
            {
                numeric[i, j] = column[i];
                if (d.How == Difference.SetAside) continue;
                double error = RelativeError(analytic[i, j], column[i], options.Tiny);
                if (kinkSignature is null && error > 1e-7 && options.SetAsideKinks && FiniteDifference.LooksLikeKink(d, center, analytic[i, j], i, options.Tiny, theta))
                {
                    numeric[i, j] = double.NaN;
                    continue;
                }
                errors.Add(new JacobianEntry(i, j, analytic[i, j], column[i], error));
            }
        }
        // Worst first; NaN (a non-finite derivative) is the worst of all.
        errors.Sort((a, b) => double.IsNaN(a.RelativeError) ? (double.IsNaN(b.RelativeError) ? 0 : -1) : double.IsNaN(b.RelativeError) ? 1 : b.RelativeError.CompareTo(a.RelativeError));
        return new JacobianCheckResult(name, m, n, errors.Take(5).ToArray(), kinks)
        {
            Bound = options.Bound,
            Analytic = options.ReturnJacobians ? analytic : null,
            Numeric = options.ReturnJacobians ? numeric : null,
        };
    }

    /// <summary>
    /// The full Jacobian ∂y/∂x [batch·out, batch·in] of one layer (training mode, step 0 of
    /// <paramref name="seed"/>, random x in [−1, 1)), its rows from the layer's Backward: the check to
    /// use when a vector-Jacobian product check passes but you want every entry, as torch's gradcheck.
    /// </summary>
    public static JacobianCheckResult CheckLayerJacobian(LayerSpec layer, int inputSize, int batch, ulong seed = 0, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        var model = new Sequential<double>(inputSize, batch, LossKind.MeanSquaredError, [layer], seed);
        Layer<double> l = model.LayerAt(0);
        var mode = new PassMode(true, seed, model.Step);
        var y = new double[batch * l.OutputSize];
        var rng = new SplitMix64(seed ^ 0x5DEECE66DUL);
        var x = new double[batch * inputSize];
        for (int i = 0; i < x.Length; i++) x[i] = 2 * rng.NextUniform() - 1;
        double[] Forward(double[] input)
        {
            l.Forward(input, y, batch, mode);
            return y;
        }
        double[] Vjp(double[] input, double[] v)
        {
            var dx = new double[input.Length];
            l.Forward(input, y, batch, mode);
            l.Backward(input, y, v, dx, batch, needDx: true);
            return dx;
        }
        ulong Signature(double[] input) => l.KinkSignature(input, Forward(input), batch);
        return CheckJacobian($"layer 0 ({layer.KindName})", Forward, Vjp, x, options, Signature);
    }

    /// <summary>|a − n| / max(|a|, |n|, tiny).</summary>
    public static double RelativeError(double analytic, double numeric, double tiny) =>
        Math.Abs(analytic - numeric) / Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numeric)), tiny);

    /// <summary>Test hook: alters the analytic gradients before the comparison, to show a wrong gradient is caught.</summary>
    internal static Action<string, double[]>? Tamper { get => t_tamper; set => t_tamper = value; }

    [ThreadStatic] private static Action<string, double[]>? t_tamper;

    private static GradientCheckResult Run(Sequential<double> model, double[] x, int batch,
        Func<double[], (double High, double Low, double Scale, double Penalty, ulong Signature)> objective, GradientCheckOptions options)
    {
        // The loss's two parts are differenced before its scale 1/m is applied, the penalty apart: see Sequential.CheckedObjective.
        double scale = objective(x).Scale;
        double[] weights = [scale, scale, 1];
        return Compare(model, x, model.InputGradient[..x.Length].ToArray(), batch, xs =>
        {
            var f = objective(xs);
            return new Evaluation([f.High, f.Low, f.Penalty], f.Signature);
        }, options, weights);
    }

    /// <summary>Every parameter tensor of <paramref name="model"/> (analytic: its gradients now), then the input.</summary>
    private static GradientCheckResult Compare(Sequential<double> model, double[] x, double[] inputGradient, int batch, Func<double[], Evaluation> objective,
        GradientCheckOptions options, double[]? weights)
    {
        var results = new List<TensorCheck>();
        Evaluation center = objective(x);
        int ordinal = 0;
        foreach (ParameterTensor t in model.Parameters)
        {
            double[] analytic = model.GetGradient(t).ToArray();
            Tamper?.Invoke(t.Name, analytic);
            string layer = $"layer {t.LayerIndex} ({model.Layers[t.LayerIndex].KindName})";
            results.Add(CompareTensor(t.Name, [t.Rows, t.Cols], layer, analytic, i => model.GetParameter(t)[i], (i, v) => model.GetParameter(t)[i] = v,
                () => objective(x), center, options, signatures: true, ordinal++, weights));
        }
        if (options.CheckInput)
        {
            double[] analytic = (double[])inputGradient.Clone();
            Tamper?.Invoke("input", analytic);
            results.Add(CompareTensor("input", [batch, x.Length / batch], null, analytic, i => x[i], (i, v) => x[i] = v, () => objective(x), center, options, signatures: true, ordinal, weights));
        }
        return new GradientCheckResult(results) { Bound = options.Bound };
    }

    private static double Combine(double[] parts, double[]? weights)
    {
        double sum = 0;
        for (int k = 0; k < parts.Length; k++) sum += weights is null ? parts[k] : weights[k] * parts[k];
        return sum;
    }

    private static TensorCheck CompareTensor(string name, int[] shape, string? layer, double[] analytic, Func<int, double> get, Action<int, double> set,
        Func<Evaluation> evaluate, Evaluation center, GradientCheckOptions options, bool signatures, int ordinal, double[]? weights = null)
    {
        double worstError = 0, worstA = 0, worstN = 0;
        int kinks = 0, setAside = 0, worstIndex = -1;
        int[] entries = FiniteDifference.Entries(analytic.Length, options, ordinal);
        foreach (int i in entries)
        {
            double theta = get(i);
            Func<double, Evaluation> at = v => { set(i, v); return evaluate(); };
            Derivative d = FiniteDifference.Take(at, theta, center, options, signatures);
            if (d.How == Difference.SetAside)
            {
                set(i, theta);
                kinks++;
                setAside++;
                continue;
            }
            if (d.How == Difference.OneSided) kinks++;
            double numeric = Combine(d.Values, weights);
            double error = RelativeError(analytic[i], numeric, options.Tiny);
            for (int scale = 1; scale <= 10 && !(error <= options.Bound); scale *= 10)
            {
                if (FiniteDifference.Refine(at, theta, d, center, options, signatures, scale) is not { } refined) continue;
                numeric = Combine(refined, weights);
                error = RelativeError(analytic[i], numeric, options.Tiny);
            }
            set(i, theta);
            if (!signatures && error > 1e-7 && options.SetAsideKinks && FiniteDifference.LooksLikeKink(d, center, analytic[i], -1, options.Tiny, theta))
            {
                kinks++;
                setAside++;
                continue;
            }
            if (worstIndex < 0 || error > worstError || double.IsNaN(error))
            {
                (worstError, worstIndex, worstA, worstN) = (error, i, analytic[i], numeric);
                if (double.IsNaN(error)) break;
            }
        }
        return new TensorCheck(name, worstError, worstIndex, worstA, worstN, kinks) { Shape = shape, Layer = layer, Checked = entries.Length, SetAside = setAside };
    }
}

using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>
/// L0 regularisation by hard-concrete gates on the units of the previous layer (Louizos, Welling and
/// Kingma 2018, "Learning Sparse Neural Networks through L0 Regularization"): y = x ⊙ z with one gate z
/// per unit, z = min(1, max(0, s·(ζ − γ) + γ)), s = σ((log u − log(1 − u) + log α)/β), u ~ U(0, 1) drawn
/// per example from <see cref="CounterRandom"/>. The objective gains the expected number of open gates,
/// (λ/m)·Σ_j σ(log α_j − β·log(−γ/ζ)). At inference the gate is deterministic:
/// z = min(1, max(0, σ(log α)·(ζ − γ) + γ)). Units whose gate is closed can be removed with
/// <see cref="Sequential{T}.PruneClosedGates"/>.
/// </summary>
/// <param name="Lambda">λ of the expected-L0 penalty.</param>
public sealed record HardConcreteGate(double Lambda) : LayerSpec
{
    /// <summary>
    /// Initial drop rate d: log α starts at N(log(1 − d) − log d, 0.01²) as in the paper's code, whose
    /// input layer uses 0.2 and hidden layers 0.5. The default 0.2 starts every gate mostly open
    /// (log α ≈ 1.4), so the weights learn what each unit is worth before the penalty can close it;
    /// from 0.5 (log α = 0) noisy early gradients close useful units too, and a closed gate has no
    /// data gradient to reopen it.
    /// </summary>
    public double InitialDropRate { get; init; } = 0.2;

    /// <summary>
    /// The gates' learning rate as a multiple of the optimizer's (their parameter group's lr).
    /// The inference gate is 0 only once σ(log α) ≤ −γ/(ζ − γ), i.e. log α ≤ −log 11 ≈ −2.4, some
    /// 3.8 below its start at the default drop rate, and Adam moves a parameter by at most about lr
    /// per step whatever the size of its gradient (its update is scale invariant): at lr 1e-3 that is
    /// thousands of steps of one-sided pressure, more than a small data set's whole run (the main
    /// job's 1,500), so with a scale of 1 no λ closes any gate and λ from 10 to 10⁴ gives the same
    /// model. The paper's runs took ~10⁵ steps. With 10 the gates reach the balance between the
    /// data gradient and λ within a few hundred steps, and λ decides how many close.
    /// </summary>
    public double LearningRateScale { get; init; } = 10;

    /// <summary>Temperature β (2/3 in the paper).</summary>
    public double Beta { get; init; } = 2.0 / 3.0;

    /// <summary>Lower end of the stretch interval γ (−0.1).</summary>
    public double Gamma { get; init; } = -0.1;

    /// <summary>Upper end of the stretch interval ζ (1.1).</summary>
    public double Zeta { get; init; } = 1.1;

    /// <inheritdoc/>
    public override string KindName => "l0gate";

    /// <summary>λ, round-trip formatted (the other settings keep their defaults in files).</summary>
    public override string Settings => Lambda.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override int OutputSize(int inputSize) => inputSize;

    /// <inheritdoc/>
    public override long ParameterCount(int inputSize) => inputSize; // log α, one per unit

    /// <inheritdoc/>
    public override long WorkspacePerRow(int inputSize) => 2L * inputSize; // the step's gate samples z and dz

    /// <inheritdoc/>
    public override string? OwnPenaltySummary => "L0 " + Lambda.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override bool IsElementwise => true;

    /// <inheritdoc/>
    public override Layer<T> Build<T>(LayerBuilder<T> build)
    {
        if (!(Lambda >= 0 && double.IsFinite(Lambda))) throw new ArgumentException($"Layer {build.Index} (HardConcreteGate): λ must be finite and non-negative, not {Lambda}.");
        if (!(InitialDropRate > 0 && InitialDropRate < 1))
            throw new ArgumentException($"Layer {build.Index} (HardConcreteGate): the initial drop rate must lie in (0, 1), not {InitialDropRate}.");
        if (!(LearningRateScale > 0 && double.IsFinite(LearningRateScale)))
            throw new ArgumentException($"Layer {build.Index} (HardConcreteGate): the learning-rate scale must be positive and finite, not {LearningRateScale}.");
        if (!(Beta > 0)) throw new ArgumentException($"Layer {build.Index} (HardConcreteGate): β must be positive, not {Beta}.");
        if (!(Gamma < 0 && Zeta > 1)) throw new ArgumentException($"Layer {build.Index} (HardConcreteGate): the stretch needs γ < 0 and ζ > 1, not ({Gamma}, {Zeta}).");
        return new HardConcreteGateLayer<T>(this, build);
    }
}

/// <summary>Gate forward, backward and expected-L0 penalty, side by side.</summary>
internal sealed class HardConcreteGateLayer<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _beta, _gamma, _zeta, _lambda, _l0Shift;
    private readonly T[] _z;    // [maxBatch, n] gates of the last pass
    private readonly T[] _dz;   // [maxBatch, n] dz/dlog α of the last training pass

    public HardConcreteGateLayer(HardConcreteGate spec, LayerBuilder<T> build) : base(build, build.InputSize)
    {
        Spec = spec;
        double mean = Math.Log(1 - spec.InitialDropRate) - Math.Log(spec.InitialDropRate);
        // log α carries the expected-L0 penalty of its own, never the weight penalties.
        LogAlpha = build.AddParameter("log_alpha", build.InputSize, 1, ParameterKind.GateLogAlpha, ParameterInit.Normal(mean, 0.01), penalized: false,
            learningRateScale: spec.LearningRateScale);
        _beta = T.CreateTruncating(spec.Beta);
        _gamma = T.CreateTruncating(spec.Gamma);
        _zeta = T.CreateTruncating(spec.Zeta);
        _lambda = T.CreateTruncating(spec.Lambda);
        _l0Shift = T.CreateTruncating(spec.Beta * Math.Log(-spec.Gamma / spec.Zeta));
        _z = new T[build.MaxBatch * build.InputSize];
        _dz = new T[build.MaxBatch * build.InputSize];
    }

    public HardConcreteGate Spec { get; }

    public ParameterTensor LogAlpha { get; }

    private static T Sigmoid(T v) => T.One / (T.One + T.Exp(-v));

    /// <summary>The inference gate of unit j: clamp(σ(log α)·(ζ − γ) + γ, 0, 1).</summary>
    public T DeterministicGate(int j) =>
        T.Clamp(Sigmoid(Parameter(LogAlpha)[j]) * (_zeta - _gamma) + _gamma, T.Zero, T.One);

    /// <summary>A unit whose inference gate is exactly 0 is closed: its output is 0 for every input.</summary>
    public override bool IsUnitClosed(int unit) => DeterministicGate(unit) == T.Zero;

    // x [B, n] -> y [B, n] = x ⊙ z, z [B, n] sampled (training) or deterministic (inference)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode)
    {
        int n = InputSize;
        if (!mode.Training)
        {
            // Inference writes nothing but y (sessions on other threads run this layer at the same
            // time): the gates are laid out in y itself, then y = x ⊙ y in place (x never overlaps y).
            Span<T> gates = y[..(batch * n)];
            for (int j = 0; j < n; j++) gates[j] = DeterministicGate(j);
            for (int r = 1; r < batch; r++) gates[..n].CopyTo(gates.Slice(r * n, n));
            NnKernels.Multiply(x[..(batch * n)], gates, gates);
            return;
        }
        ReadOnlySpan<T> logAlpha = Parameter(LogAlpha);
        Span<T> z = _z.AsSpan(0, batch * n), dz = _dz.AsSpan(0, batch * n);
        ulong key = CounterRandom.StreamKey(mode.Seed, mode.Step, Index);
        T stretch = _zeta - _gamma, invBeta = T.One / _beta;
        for (int e = 0; e < z.Length; e++)
        {
            double u = CounterRandom.Uniform(key, e);
            T noise = T.CreateTruncating(Math.Log(u) - Math.Log(1 - u));
            T s = Sigmoid((noise + logAlpha[e % n]) * invBeta);
            T sBar = s * stretch + _gamma;
            bool inside = sBar > T.Zero && sBar < T.One;
            z[e] = T.Clamp(sBar, T.Zero, T.One);
            dz[e] = inside ? stretch * s * (T.One - s) * invBeta : T.Zero;
        }
        NnKernels.Multiply(x[..(batch * n)], z, y[..(batch * n)]);
    }

    // dy [B, n] -> dx = dy ⊙ z, dlog α_j += Σ_r dy[r, j]·x[r, j]·dz/dlog α[r, j]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
    {
        int n = InputSize;
        Span<T> g = Gradient(LogAlpha);
        ReadOnlySpan<T> dz = _dz.AsSpan(0, batch * n);
        for (int r = 0; r < batch; r++)
            for (int j = 0; j < n; j++)
            {
                int e = r * n + j;
                g[j] += dy[e] * x[e] * dz[e];
            }
        if (needDx) NnKernels.Multiply(dy[..(batch * n)], _z.AsSpan(0, batch * n), dx[..(batch * n)]);
    }

    // (λ/m)·Σ_j q_j, q_j = σ(log α_j − β·log(−γ/ζ)) = P(z_j ≠ 0); gradient (λ/m)·q_j(1 − q_j)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override T OwnPenalty(T invM, bool addGradient)
    {
        ReadOnlySpan<T> la = Parameter(LogAlpha);
        Span<T> g = Gradient(LogAlpha);
        T c = _lambda * invM, sum = T.Zero;
        for (int j = 0; j < la.Length; j++)
        {
            T q = Sigmoid(la[j] - _l0Shift);
            sum += q;
            if (addGradient) g[j] += c * q * (T.One - q);
        }
        return c * sum;
    }

    // The clamps at 0 and 1 are kinks: the signature hashes which entries the last pass clamped (dz = 0 there).
    public override ulong KinkSignature(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int batch)
    {
        ReadOnlySpan<T> z = _z.AsSpan(0, batch * InputSize), dz = _dz.AsSpan(0, batch * InputSize);
        ulong hash = 0, word = 0;
        for (int e = 0; e < z.Length; e++)
        {
            word = word << 2 | (dz[e] != T.Zero ? 0UL : z[e] == T.Zero ? 1UL : 2UL);
            if ((e & 31) == 31) { hash = MixSignature(hash, word); word = 0; }
        }
        return MixSignature(hash, word);
    }

    /// <summary>Expected number of open gates Σ_j P(z_j ≠ 0).</summary>
    public T ExpectedL0()
    {
        T sum = T.Zero;
        foreach (T a in Parameter(LogAlpha)) sum += Sigmoid(a - _l0Shift);
        return sum;
    }
}

/// <summary>Reading a model's hard-concrete gates.</summary>
public static class HardConcreteGates
{
    /// <summary>The inference gate value of every unit of the hard-concrete gate layer at <paramref name="layerIndex"/>.</summary>
    public static T[] GateValues<T>(this Sequential<T> model, int layerIndex) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        if ((uint)layerIndex >= (uint)model.Layers.Count || model.LayerAt(layerIndex) is not HardConcreteGateLayer<T> gate)
            throw new ArgumentException($"Layer {layerIndex} is not a HardConcreteGate.", nameof(layerIndex));
        var z = new T[gate.InputSize];
        for (int j = 0; j < z.Length; j++) z[j] = gate.DeterministicGate(j);
        return z;
    }
}

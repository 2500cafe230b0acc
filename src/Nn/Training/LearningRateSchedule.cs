namespace FastReg.Nn.Training;

/// <summary>
/// The learning rate for each epoch, as PyTorch's epoch-stepped schedulers give it
/// (scheduler.step() called once at the end of every epoch). Epochs are 0-based.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate to use during <paramref name="epoch"/> (0-based), given the optimizer's base rate.</summary>
    public abstract double LearningRate(double baseLr, int epoch);

    /// <summary>The same rate every epoch.</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    private sealed class ConstantSchedule : LearningRateSchedule
    {
        public override double LearningRate(double baseLr, int epoch) => baseLr;
    }
}

/// <summary>torch.optim.lr_scheduler.StepLR: lr = base · gamma^⌊epoch / step_size⌋ (gamma defaults to 0.1).</summary>
public sealed class StepLearningRate : LearningRateSchedule
{
    /// <summary>Decays by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs.</summary>
    public StepLearningRate(int stepSize, double gamma = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        if (!(gamma > 0) || double.IsInfinity(gamma))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be a positive finite number.");
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>Epochs between decays (PyTorch's step_size).</summary>
    public int StepSize { get; }

    /// <summary>Multiplicative decay (PyTorch's gamma).</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public override double LearningRate(double baseLr, int epoch) => baseLr * Math.Pow(Gamma, epoch / StepSize);
}

/// <summary>
/// torch.optim.lr_scheduler.CosineAnnealingLR in its closed form:
/// lr = eta_min + (base − eta_min)·(1 + cos(π·epoch / T_max)) / 2. Past T_max the cosine
/// continues (rises again), as PyTorch's closed form does.
/// </summary>
public sealed class CosineLearningRate : LearningRateSchedule
{
    /// <summary>Anneals from the base rate to <paramref name="etaMin"/> over <paramref name="tMax"/> epochs.</summary>
    public CosineLearningRate(int tMax, double etaMin = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tMax);
        if (!(etaMin >= 0) || double.IsInfinity(etaMin))
            throw new ArgumentOutOfRangeException(nameof(etaMin), etaMin, "eta_min must be a non-negative finite number.");
        TMax = tMax;
        EtaMin = etaMin;
    }

    /// <summary>Half-period in epochs (PyTorch's T_max).</summary>
    public int TMax { get; }

    /// <summary>Floor of the rate (PyTorch's eta_min).</summary>
    public double EtaMin { get; }

    /// <inheritdoc />
    public override double LearningRate(double baseLr, int epoch) =>
        EtaMin + (baseLr - EtaMin) * (1 + Math.Cos(Math.PI * epoch / TMax)) / 2;
}

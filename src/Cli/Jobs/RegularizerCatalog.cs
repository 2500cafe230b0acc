using FastReg.Nn;
using FastReg.Nn.Training;

namespace FastReg.Cli.Jobs;

/// <summary>
/// The main job's arms: the same 64-128-64-10 ReLU network trained without regularization and
/// with each regularizer FastReg has (the penalties by their <see cref="PenaltyCatalog"/> names and builders). The strengths are fixed, moderate values chosen on the
/// validation rows (never the test rows) of the shipped digits split, one small grid per arm
/// (150 epochs, seed 0; see the README).
/// </summary>
internal static class RegularizerCatalog
{
    public const int Hidden1 = 128, Hidden2 = 64;

    public static IReadOnlyList<RegularizerCase> All(int seed) =>
    [
        new("none", "-") { Hidden = () => Plain() },
        new(PenaltyCatalog.Ridge.Name, "λ = 0.1") { Hidden = () => Plain(), Penalty = PenaltyCatalog.Ridge.Create(0.1) },
        new(PenaltyCatalog.Lasso.Name, "λ = 0.01, proximal Adam") { Hidden = () => Plain(), Penalty = PenaltyCatalog.Lasso.Create(0.01, l1Method: L1Method.Proximal) },
        new(PenaltyCatalog.ElasticNet.Name, "λ = 0.01, r = 0.5") { Hidden = () => Plain(), Penalty = PenaltyCatalog.ElasticNet.Create(0.01, l1Ratio: 0.5) },
        new("dropout", "p = 0.2") { Hidden = () => WithDropout(0.2) },
        new("early stopping", "patience 10") { Hidden = () => Plain(), EarlyStopping = () => new EarlyStopping("val_loss", patience: 10, restoreBestWeights: true) },
        new("augmentation", "shift ≤ 1 px, noise σ = 0.1")
        {
            Hidden = () => Plain(),
            Augmentations = () => [new RandomShift<float>(8, 8, maxShift: 1, seed: (ulong)seed), new GaussianNoise<float>(0.1, (ulong)seed + 1)],
        },
        new(PenaltyCatalog.MaxNorm.Name, "c = 1") { Hidden = () => Plain(), Penalty = PenaltyCatalog.MaxNorm.Create(1) },
        new(PenaltyCatalog.L0Gates.Name, "λ = 0.5, hard concrete") { Hidden = () => WithGates(0.5) },
        // Label smoothing's losses are the smoothed cross-entropy, not comparable across ε: its ε was chosen on validation accuracy.
        new("label smoothing", "ε = 0.1 (smoothed loss)") { Hidden = () => Plain(), ConfigureModel = m => m.LabelSmoothing = 0.1 },
        new("mixup", "α = 0.1") { Hidden = () => Plain(), ConfigureTraining = o => o with { MixupAlpha = 0.1 } },
        new("Gaussian dropout", "rate = 0.2") { Hidden = () => WithGaussianDropout(0.2) },
        new("SWA", "from epoch 50") { Hidden = () => Plain(), ConfigureTraining = o => o with { SwaStart = Math.Min(49, o.Epochs - 1) } },
        new("EMA", "decay 0.999") { Hidden = () => Plain(), ConfigureTraining = o => o with { EmaDecay = 0.999 } },
    ];

    private static LayerSpec[] WithGaussianDropout(double rate) =>
        [new Dense(Hidden1), new Activation(ActivationKind.Relu), new GaussianDropout(rate), new Dense(Hidden2), new Activation(ActivationKind.Relu), new GaussianDropout(rate)];

    private static LayerSpec[] Plain() =>
        [new Dense(Hidden1), new Activation(ActivationKind.Relu), new Dense(Hidden2), new Activation(ActivationKind.Relu)];

    private static LayerSpec[] WithDropout(double p) =>
        [new Dense(Hidden1), new Activation(ActivationKind.Relu), new Dropout(p), new Dense(Hidden2), new Activation(ActivationKind.Relu), new Dropout(p)];

    /// <summary>The λ grid of the main job's L0 plot (units closed against λ).</summary>
    public static readonly double[] GateLambdas = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5];

    /// <summary>The L0 arm at each λ of <see cref="GateLambdas"/> (the arm itself is λ = 0.5).</summary>
    public static IReadOnlyList<RegularizerCase> GateSweep() =>
        [.. GateLambdas.Select(l => new RegularizerCase(PenaltyCatalog.L0Gates.Name, $"λ = {l.ToString(System.Globalization.CultureInfo.InvariantCulture)}") { Hidden = () => WithGates(l) })];

    private static LayerSpec[] WithGates(double lambda) =>
        [new Dense(Hidden1), new HardConcreteGate(lambda), new Activation(ActivationKind.Relu), new Dense(Hidden2), new HardConcreteGate(lambda), new Activation(ActivationKind.Relu)];
}

using FastReg.Nn;
using FastReg.Nn.Training;

namespace FastReg.Cli.Jobs;

/// <summary>
/// One arm of the main job: the network's layers, its penalty and the training extras (early
/// stopping, augmentation) that make it "the model with this regularizer".
/// </summary>
internal sealed record RegularizerCase(string Name, string Setting)
{
    /// <summary>Hidden layers (and dropout or gates) between the input and the output Dense.</summary>
    public required Func<IReadOnlyList<LayerSpec>> Hidden { get; init; }

    public Penalty Penalty { get; init; } = Penalty.None;

    /// <summary>A new stopper per run (it carries state).</summary>
    public Func<EarlyStopping>? EarlyStopping { get; init; }

    public Func<IReadOnlyList<IBatchAugmentation<float>>> Augmentations { get; init; } = () => [];

    /// <summary>Model settings beyond the layers and the penalty (label smoothing).</summary>
    public Action<Sequential<float>>? ConfigureModel { get; init; }

    /// <summary>Training options beyond the shared ones (mixup, weight averaging).</summary>
    public Func<TrainingOptions<float>, TrainingOptions<float>>? ConfigureTraining { get; init; }
}

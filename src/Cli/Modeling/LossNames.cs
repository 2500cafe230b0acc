using FastReg.Nn;

namespace FastReg.Cli.Modeling;

/// <summary>The short loss names the flags and model files use.</summary>
internal static class LossNames
{
    public static string Name(LossKind loss) => loss switch
    {
        LossKind.SoftmaxCrossEntropy => "ce",
        LossKind.MeanSquaredError => "mse",
        LossKind.BinaryCrossEntropyWithLogits => "bce",
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, null),
    };

    public static LossKind Parse(string name, string source) => name switch
    {
        "ce" => LossKind.SoftmaxCrossEntropy,
        "mse" => LossKind.MeanSquaredError,
        "bce" => LossKind.BinaryCrossEntropyWithLogits,
        _ => throw new CliException($"{source}: unknown loss '{name}' (expected ce, mse or bce)."),
    };
}

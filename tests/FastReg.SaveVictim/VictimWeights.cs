using FastReg.IO;

namespace FastReg.SaveVictim;

/// <summary>
/// The two weight sets the victim alternates between. Each is a few megabytes, so a save takes long enough for a
/// kill to land inside it, and they differ in size and dtype, so a torn file cannot pass for either.
/// </summary>
public static class VictimWeights
{
    /// <summary>The version on disk before the victim starts: 3.2 MB of F64.</summary>
    public static IReadOnlyList<NamedTensor> Old { get; } = Make(TensorType.F64, 0.5);

    /// <summary>The version the victim saves first: the same names as F32 with other values, 1.6 MB.</summary>
    public static IReadOnlyList<NamedTensor> New { get; } = Make(TensorType.F32, -0.25);

    private static NamedTensor[] Make(TensorType type, double scale) =>
    [
        Tensor("0.weight", type, [512, 512], scale, 1),
        Tensor("0.bias", type, [512], scale, 2),
        Tensor("1.weight", type, [256, 512], scale, 3),
        Tensor("1.bias", type, [256], scale, 4),
    ];

    // Values that are exact in float, so the F32 set reads back equal to what was written.
    private static NamedTensor Tensor(string name, TensorType type, int[] shape, double scale, int salt)
    {
        var data = new double[shape.Aggregate(1, (a, d) => a * d)];
        for (int i = 0; i < data.Length; i++) data[i] = scale * (((i * 7 + salt) % 1024) - 512) / 64.0;
        return new NamedTensor(name, type, shape, data);
    }
}

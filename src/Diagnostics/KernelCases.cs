using FastReg.Simd;

namespace FastReg.Diagnostics;

/// <summary>
/// The representative kernels of the quick report: reductions (Norm, Dot, Sum), fused updates (SGD
/// with decay, AdamW, the proximal L1 step) and activations (Relu, Softmax), each calling FastReg.Simd
/// directly on a chosen path. Traffic counts match the BenchmarkDotNet suite's [Traffic] attributes.
/// </summary>
internal static class KernelCases
{
    const float Lr = 1e-3f, WeightDecay = 1e-4f, L1 = 1e-4f;
    const long AdamStep = 10;
    static readonly AdamSettings<float> s_adamW = AdamSettings<float>.AdamW(lr: Lr);

    public static IReadOnlyList<KernelCase> All { get; } =
    [
        new("Norm", 1, 0, 1, (b, p) => b.Sink += Reductions.Norm<float>(b.X, p)),
        new("Dot", 2, 0, 2, (b, p) => b.Sink += Reductions.Dot<float>(b.X, b.W, p)),
        new("Sum", 1, 0, 1, (b, p) => b.Sink += Reductions.Sum<float>(b.X, p)),
        new("Sgd", 2, 1, 2, (b, p) => Updates.Sgd<float>(b.W, b.X, Lr, WeightDecay, p)),
        new("AdamW", 4, 3, 4, (b, p) => Updates.Adam<float>(b.W, b.X, b.M, b.V, [], s_adamW, AdamStep, p)),
        new("ProximalL1", 1, 1, 1, (b, p) => Updates.ProximalL1<float>(b.W, Lr * L1, p)),
        new("Relu", 1, 1, 2, (b, p) => Activations.Relu<float>(b.X, b.M, p)),
        new("Softmax", 1, 1, 2, (b, p) => Activations.Softmax<float>(b.X, b.M, b.Rows, b.Cols, p)),
    ];
}

using FastReg.Simd;

namespace FastReg.Diagnostics;

/// <summary>
/// The representative kernels of the quick report: reductions (Norm, Dot, Sum), fused updates (SGD
/// with decay, AdamW, the proximal L1 step) and activations (Relu, Softmax), each calling FastReg.Simd's
/// public API (on Isa.Active: QuickReport sets it to the path it measures). Traffic counts match the BenchmarkDotNet suite's [Traffic] attributes.
/// </summary>
internal static class KernelCases
{
    const float Lr = 1e-3f, WeightDecay = 1e-4f, L1 = 1e-4f;
    const long AdamStep = 10;
    static readonly AdamSettings<float> s_adamW = AdamSettings<float>.AdamW(lr: Lr);

    public static IReadOnlyList<KernelCase> All { get; } =
    [
        new("Norm", 1, 0, 1, b => b.Sink += Reductions.Norm<float>(b.X)),
        new("Dot", 2, 0, 2, b => b.Sink += Reductions.Dot<float>(b.X, b.W)),
        new("Sum", 1, 0, 1, b => b.Sink += Reductions.Sum<float>(b.X)),
        new("Sgd", 2, 1, 2, b => Updates.Sgd<float>(b.W, b.X, Lr, WeightDecay)),
        new("AdamW", 4, 3, 4, b => Updates.Adam<float>(b.W, b.X, b.M, b.V, [], s_adamW, AdamStep)),
        new("ProximalL1", 1, 1, 1, b => Updates.ProximalL1<float>(b.W, Lr * L1)),
        new("Relu", 1, 1, 2, b => Activations.Relu<float>(b.X, b.M)),
        new("Softmax", 1, 1, 2, b => Activations.Softmax<float>(b.X, b.M, b.Rows, b.Cols)),
    ];
}

using System.Diagnostics;
using FastReg.Nn;
using FastReg.Simd;

namespace FastReg.Bench.Nn;

/// <summary>
/// Where the MLP 64-128-10 training step (batch 32, SGD momentum + weight decay) spends its time:
/// each phase of Sequential.TrainStep run alone on the same shapes, on the Avx2 and Avx512 paths
/// (where accelerated), all cases interleaved round by round, medians of many rounds.
/// Run: dotnet run -c Release --project bench/FastReg.Bench -- mlp-phases
/// </summary>
public static class MlpPhases
{
    const int B = 32, In = 64, H = 128, C = 10;

    public static void Run(TextWriter o, int rounds = 301, int reps = 200)
    {
        var rng = new Random(1);
        float[] x = U(B * In, rng), w1 = U(H * In, rng), b1 = U(H, rng), w2 = U(C * H, rng), b2 = U(C, rng);
        float[] h = new float[B * H], a = new float[B * H], z = new float[B * C], dz = U(B * C, rng), da = new float[B * H], dh = new float[B * H];
        float[] gw1 = new float[H * In], gb1 = new float[H], gw2 = new float[C * H], gb2 = new float[C], rowLoss = new float[B];
        int[] labels = new int[B];
        for (int i = 0; i < B; i++) labels[i] = rng.Next(C);
        float[] p = U(9610, rng), g = U(9610, rng), buf = U(9610, rng);
        var sgd = new SgdSettings<float>(0.01, 0.9, 0, 1e-4, false);
        float[] one = x[..In], y1 = new float[H], y2 = new float[C];
        float[] big = U(256 * 784, rng), bigX = U(784, rng), bigY = new float[256];
        var model = new Sequential<float>(In, B, LossKind.SoftmaxCrossEntropy,
            [new Dense(H), new Activation(ActivationKind.Relu), new Dense(C)], seed: 1)
        { Optimizer = new Sgd(0.01, momentum: 0.9, weightDecay: 1e-4) };

        var phases = new List<(string Name, Action<SimdPath> Run)>
        {
            ("whole TrainStep (Sequential, Isa.Active)", _ => model.TrainStep(x, labels, B)),
            ("L1 forward: bias copy + x·W1ᵀ 32×128×64", path =>
            {
                for (int r = 0; r < B; r++) b1.CopyTo(h.AsSpan(r * H, H));
                Blas.Gemm(Transpose.No, Transpose.Yes, B, H, In, 1f, x, In, w1, In, 1f, h, H, path);
            }),
            ("ReLU 32×128", path => Activations.Relu<float>(h, a, path)),
            ("L2 forward: bias copy + a·W2ᵀ 32×10×128", path =>
            {
                for (int r = 0; r < B; r++) b2.CopyTo(z.AsSpan(r * C, C));
                Blas.Gemm(Transpose.No, Transpose.Yes, B, C, H, 1f, a, H, w2, H, 1f, z, C, path);
            }),
            ("softmax cross-entropy 32×10 (as TrainStep: the fused kernel)", _ => { var sum = new PlainSum<float>(); SoftmaxCrossEntropy.Compute(z, labels, dz, B, C, ref sum); }),
            ("  before: row-wise Softmax kernel + scalar loss loop", path => UnfusedSoftmaxCrossEntropy(z, labels, dz, path)),
            ("  after: Activations.SoftmaxCrossEntropy (fused, per path)", path => Activations.SoftmaxCrossEntropy<float>(z, labels, dz, rowLoss, B, C, 1f / B, path)),
            ("L2 dW2 += dzᵀ·a 10×128×32", path => Blas.Gemm(Transpose.Yes, Transpose.No, C, H, B, 1f, dz, C, a, H, 1f, gw2, H, path)),
            ("L2 db2, before: one Axpy per row (10 wide)", path => { for (int r = 0; r < B; r++) Elementwise.Axpy<float>(1f, dz.AsSpan(r * C, C), gb2, path); }),
            ("L2 db2, after: Reductions.AddColumnSums", path => Reductions.AddColumnSums<float>(dz, B, C, gb2, path)),
            ("L2 da = dz·W2 32×128×10", path => Blas.Gemm(Transpose.No, Transpose.No, B, H, C, 1f, dz, C, w2, H, 0f, da, H, path)),
            ("ReLU backward 32×128", path => Activations.ReluBackward<float>(h, da, dh, path)),
            ("L1 dW1 += dhᵀ·x 128×64×32", path => Blas.Gemm(Transpose.Yes, Transpose.No, H, In, B, 1f, dh, H, x, In, 1f, gw1, In, path)),
            ("L1 db1, before: one Axpy per row (128 wide)", path => { for (int r = 0; r < B; r++) Elementwise.Axpy<float>(1f, dh.AsSpan(r * H, H), gb1, path); }),
            ("L1 db1, after: Reductions.AddColumnSums", path => Reductions.AddColumnSums<float>(dh, B, H, gb1, path)),
            ("zero gradients + MaxAbs (9,610)", path => { g.AsSpan().Clear(); Reductions.MaxAbs<float>(g, path); }),
            ("SGD momentum + wd (9,610)", path => Updates.SgdMomentum<float>(p, g, buf, sgd, false, path)),
            ("whole inference (Sequential.Predict, 1 row)", _ => model.Predict(one, y2, 1)),
            ("inference L1: W1·x 128×64 (Gemv)", path => Blas.Gemv(H, In, 1f, w1, In, one, 0f, y1, path)),
            ("inference L2: W2·a 10×128 (Gemv)", path => Blas.Gemv(C, H, 1f, w2, H, y1, 0f, y2, path)),
            ("Gemv 256×784", path => Blas.Gemv(256, 784, 1f, big, 784, bigX, 0f, bigY, path)),
        };
        SimdPath[] paths = [.. new[] { SimdPath.Avx2, SimdPath.Avx512 }.Where(Isa.IsAccelerated)];
        var times = new double[phases.Count, paths.Length][];
        for (int i = 0; i < phases.Count; i++)
            for (int j = 0; j < paths.Length; j++) times[i, j] = new double[rounds];
        for (int r = 0; r < rounds; r++)
            for (int i = 0; i < phases.Count; i++)
                for (int j = 0; j < paths.Length; j++)
                {
                    Action<SimdPath> f = phases[i].Run;
                    SimdPath path = paths[j];
                    int n = i == 0 ? reps / 20 : reps;
                    long t0 = Stopwatch.GetTimestamp();
                    for (int k = 0; k < n; k++) f(path);
                    times[i, j][r] = (Stopwatch.GetTimestamp() - t0) * 1e6 / Stopwatch.Frequency / n;
                }
        o.WriteLine($"MLP 64-128-10 step phases, µs per call, median of {rounds} interleaved rounds ({Isa.Describe()})");
        o.WriteLine($"| phase | {string.Join(" | ", paths)} |");
        o.WriteLine($"|---|{string.Concat(Enumerable.Repeat("---:|", paths.Length))}");
        for (int i = 0; i < phases.Count; i++)
        {
            var cells = new string[paths.Length];
            for (int j = 0; j < paths.Length; j++)
            {
                Array.Sort(times[i, j]);
                cells[j] = FormattableString.Invariant($"{times[i, j][rounds / 2]:F2}");
            }
            o.WriteLine($"| {phases[i].Name} | {string.Join(" | ", cells)} |");
        }
    }

    // The loss before the fused kernel (Nn's SoftmaxCrossEntropy until issue 12 item 4), kept here to time against it.
    static float UnfusedSoftmaxCrossEntropy(float[] z, int[] labels, float[] dz, SimdPath path)
    {
        Activations.Softmax<float>(z, dz, B, C, path);
        float invB = 1f / B, total = 0;
        for (int r = 0; r < B; r++)
        {
            ReadOnlySpan<float> zr = z.AsSpan(r * C, C);
            Span<float> p = dz.AsSpan(r * C, C);
            int top = 0;
            for (int j = 1; j < C; j++) if (zr[j] > zr[top]) top = j;
            float lse = zr[top] - MathF.Log(p[top]);
            for (int j = 0; j < C; j++) p[j] *= invB;
            total += lse - zr[labels[r]];
            p[labels[r]] -= invB;
        }
        return total * invB;
    }

    static float[] U(int n, Random rng)
    {
        var v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float)(rng.NextDouble() * 2 - 1) * 0.1f;
        return v;
    }
}

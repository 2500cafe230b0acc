using System.Diagnostics;
using System.Runtime.CompilerServices;
using FastReg.Nn;
using FastReg.Simd;
using FastReg.Simd.Reference;

// NativeAOT smoke test: which kernel path the native binary runs, a GEMM checked against the
// reference, the MLP 64-128-10 trained until its loss falls, and the step / inference medians.
// Exit code 0: all checks passed; 1: a check failed; 2: the path is degraded and --require-fast was given.
bool requireFast = args.Contains("--require-fast");
Console.WriteLine($"dynamic code: {RuntimeFeature.IsDynamicCodeSupported} (false under NativeAOT)");
Console.WriteLine($"kernel path: {Isa.Describe()}");

const int M = 37, N = 29, K = 53;
var rng = new Random(7);
float[] a = Uniform(M * K), b = Uniform(K * N), c = new float[M * N], expected = new float[M * N];
Blas.Gemm(Transpose.No, Transpose.Yes, M, N, K, 1f, a, K, b, K, 0f, c, N);
GemmReference.Gemm(Transpose.No, Transpose.Yes, M, N, K, 1f, a, K, b, K, 0f, expected, N);
double worst = 0;
for (int i = 0; i < c.Length; i++) worst = Math.Max(worst, Math.Abs(c[i] - expected[i]));
bool gemmOk = worst <= 1e-4;
Console.WriteLine($"GEMM {M}x{N}x{K} against the reference: max |error| {worst:E1} {(gemmOk ? "ok" : "FAILED")}");

const int Input = 64, Classes = 10, Batch = 32;
var model = new Sequential<float>(Input, Batch, LossKind.SoftmaxCrossEntropy,
    [new Dense(128), new Activation(ActivationKind.Relu), new Dense(Classes)], seed: 1)
{
    Optimizer = new Sgd(lr: 0.01, momentum: 0.9, weightDecay: 1e-4),
};
float[] x = Uniform(Batch * Input);
var labels = new int[Batch];
for (int i = 0; i < Batch; i++) labels[i] = rng.Next(Classes);
float first = model.TrainStep(x, labels, Batch), last = first;
var steps = new double[2000];
for (int i = 0; i < steps.Length; i++)
{
    long t0 = Stopwatch.GetTimestamp();
    last = model.TrainStep(x, labels, Batch);
    steps[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
}
bool trainOk = float.IsFinite(last) && last < 0.5f * first;
Console.WriteLine($"training: loss {first:F3} -> {last:F4} after {steps.Length + 1} steps {(trainOk ? "ok" : "FAILED")}");

float[] one = x[..Input], y = new float[Classes];
var infer = new double[200];
for (int r = 0; r < infer.Length; r++)
{
    long t0 = Stopwatch.GetTimestamp();
    for (int i = 0; i < 50; i++) model.Predict(one, y, 1);
    infer[r] = (Stopwatch.GetTimestamp() - t0) * 1e6 / Stopwatch.Frequency / 50;
}
Console.WriteLine(FormattableString.Invariant(
    $"MLP 64-128-10: train step median {Median(steps):F1} us, one-sample inference median {Median(infer):F2} us"));

if (!gemmOk || !trainOk) return 1;
if (requireFast && Isa.Degradation is { } why)
{
    Console.WriteLine($"degraded path with --require-fast: {why}");
    return 2;
}
return 0;

float[] Uniform(int n)
{
    var v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float)(rng.NextDouble() * 2 - 1);
    return v;
}

static double Median(double[] v)
{
    double[] s = (double[])v.Clone();
    Array.Sort(s);
    return s[s.Length / 2];
}

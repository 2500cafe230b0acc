using FastReg.Simd;

namespace FastReg.Bench.Gemm;

/// <summary>One benchmarked product: C(m×n) = op(A)(m×k)·op(B)(k×n).</summary>
public sealed record GemmShape(string Name, Transpose TransA, Transpose TransB, int M, int N, int K)
{
    public double Flops => 2.0 * M * N * K;

    public int Lda => TransA == Transpose.No ? K : M;

    public int Ldb => TransB == Transpose.No ? N : K;

    public override string ToString() => Name;

    /// <summary>Square n×n×n, no transposes.</summary>
    public static GemmShape Square(int n) => new($"n={n}", Transpose.No, Transpose.No, n, n, n);

    public static readonly int[] SquareSizes = [16, 32, 64, 128, 256, 512, 1024, 2048];

    /// <summary>
    /// The products of a 784-256-10 MLP at batch 64 (row-major activations X: batch×features, weights W: in×out):
    /// forward H = X·W, and backprop dW = Xᵀ·dY, dX = dY·Wᵀ, for both layers.
    /// </summary>
    public static readonly GemmShape[] Mlp =
    [
        new("L1 fwd X·W 64x256x784", Transpose.No, Transpose.No, 64, 256, 784),
        new("L1 dW Xᵀ·dY 784x256x64", Transpose.Yes, Transpose.No, 784, 256, 64),
        new("L1 dX dY·Wᵀ 64x784x256", Transpose.No, Transpose.Yes, 64, 784, 256),
        new("L2 fwd H·W 64x10x256", Transpose.No, Transpose.No, 64, 10, 256),
        new("L2 dW Hᵀ·dY 256x10x64", Transpose.Yes, Transpose.No, 256, 10, 64),
        new("L2 dH dY·Wᵀ 64x256x10", Transpose.No, Transpose.Yes, 64, 256, 10),
    ];

    public static IEnumerable<GemmShape> All => SquareSizes.Select(Square).Concat(Mlp);
}

/// <summary>Operands of a shape in float and double (A, B random in [-1, 1), C zero), allocated once.</summary>
public sealed class GemmOperands<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public GemmOperands(GemmShape s, int seed = 1)
    {
        var rng = new Random(seed);
        A = new T[s.M * s.K];
        B = new T[s.K * s.N];
        C = new T[s.M * s.N];
        for (int i = 0; i < A.Length; i++) A[i] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
        for (int i = 0; i < B.Length; i++) B[i] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
    }

    public T[] A { get; }

    public T[] B { get; }

    public T[] C { get; }
}

using System.Runtime.CompilerServices;
using FastReg.Simd;

namespace FastReg.Nn.Linear;

/// <summary>
/// The objective a linear model is fitted to, in double, over θ = [W (k×d, row-major), b (k)]
/// (the layout of a Dense layer's "0.weight" then "0.bias"): the network path's mean data loss of
/// z = x·Wᵀ + b plus (λ₂/2m)·Σ θ² over the penalized coordinates. The L1 term (λ₁/m)·Σ|θ| is not
/// differentiable and is left to the orthant-wise solver; <see cref="L1"/> holds its coefficient.
/// Buffers are sized once; <see cref="Evaluate"/> allocates nothing.
/// </summary>
internal sealed class LinearObjective
{
    private readonly double[] _x;        // [n, d]
    private readonly int[]? _labels;     // [n] softmax cross-entropy
    private readonly double[]? _targets; // [n, k] MSE and BCE
    private readonly double[] _z, _dz;   // [BlockRows, k] one block's logits and d loss / d logits

    /// <summary>Rows per block of <see cref="Evaluate"/>: 512 rows of 50 doubles (200 KB) stay in L2 between the logits and the gradient.</summary>
    private const int BlockRows = 512;

    /// <summary>Up to this many outputs the weight gradient is a pass of row axpys instead of a GEMM.</summary>
    private const int SmallOutputs = 8;

    private readonly DataLoss<double> _loss;

    public LinearObjective(double[] x, int rows, int features, int outputs, LossKind loss, int[]? labels, double[]? targets,
        double l2, double l1, bool penalizeBiases)
    {
        _x = x;
        Rows = rows;
        Features = features;
        Outputs = outputs;
        Loss = loss;
        _loss = DataLoss<double>.For(loss);
        _labels = labels;
        _targets = targets;
        _z = new double[Math.Min(rows, BlockRows) * outputs];
        _dz = new double[Math.Min(rows, BlockRows) * outputs];
        L2 = l2;
        L1 = l1;
        PenalizedCount = penalizeBiases ? ParameterCount : outputs * features;
    }

    public int Rows { get; }

    public int Features { get; }

    public int Outputs { get; }

    public LossKind Loss { get; }

    /// <summary>k·d weights then k biases.</summary>
    public int ParameterCount => Outputs * Features + Outputs;

    /// <summary>The coefficient c₂ = λ₂/m of (c₂/2)·Σθ² over the first <see cref="PenalizedCount"/> coordinates.</summary>
    public double L2 { get; }

    /// <summary>The coefficient c₁ = λ₁/m of c₁·Σ|θ| over the first <see cref="PenalizedCount"/> coordinates.</summary>
    public double L1 { get; }

    /// <summary>The weights (and the biases too when they are penalized) lead θ, so the penalty covers θ[..PenalizedCount].</summary>
    public int PenalizedCount { get; }

    /// <summary>The mean data loss of the last <see cref="Evaluate"/>.</summary>
    public double LastDataLoss { get; private set; }

    /// <summary>The smooth part (data loss + L2) at θ, its gradient written into <paramref name="gradient"/>.</summary>
    /// <remarks>
    /// One pass over x in blocks of <see cref="BlockRows"/> rows: logits, the loss kernel and the block's share of the
    /// gradient while the block is still in cache, so each evaluation streams x from memory once. The loss kernels take
    /// means over what they are given; each block's mean and gradient are weighted by its share of the rows.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int n = Rows, d = Features, k = Outputs, kd = k * d;
        ReadOnlySpan<double> w = theta[..kd], b = theta.Slice(kd, k);
        Span<double> gw = gradient[..kd], gb = gradient.Slice(kd, k);
        gradient.Clear();
        double loss = 0;
        for (int first = 0; first < n; first += BlockRows)
        {
            int rows = Math.Min(BlockRows, n - first);
            ReadOnlySpan<double> x = _x.AsSpan(first * d, rows * d);
            Span<double> z = _z.AsSpan(0, rows * k), dz = _dz.AsSpan(0, rows * k);

            // z = x·Wᵀ + b
            if (k == 1)
            {
                z.Fill(b[0]);
                Blas.Gemv(rows, d, 1.0, x, d, w, 1.0, z);
            }
            else
            {
                for (int r = 0; r < rows; r++) b.CopyTo(z.Slice(r * k, k));
                NnKernels.Gemm(false, true, rows, k, d, 1.0, x, d, w, d, 1.0, z, k);
            }

            var sum = default(PlainSum<double>);
            ReadOnlySpan<int> labels = _loss.TakesLabels ? _labels.AsSpan(first, rows) : default;
            ReadOnlySpan<double> targets = _loss.TakesLabels ? default : _targets.AsSpan(first * k, rows * k);
            double blockLoss = _loss.Compute(new LossBatch<double>(z, targets, labels, dz, rows, k, 0, default, 1), ref sum);
            double share = (double)rows / n;
            loss += blockLoss * share;

            // dW += share·dzᵀ·x, db += share·Σ_rows dz. With few outputs a GEMM's packing and 12-row micro-kernel cost
            // more than the arithmetic: an axpy per row and output, on rows still in cache.
            if (k <= SmallOutputs)
            {
                for (int r = 0; r < rows; r++)
                {
                    ReadOnlySpan<double> row = x.Slice(r * d, d);
                    for (int c = 0; c < k; c++)
                    {
                        double g = dz[r * k + c] * share;
                        if (g != 0) NnKernels.Axpy(g, row, gw.Slice(c * d, d));
                    }
                }
            }
            else
            {
                NnKernels.Gemm(true, false, k, d, rows, share, dz, k, x, d, 1.0, gw, d);
            }
            if (k == 1) gb[0] += share * Reductions.Sum<double>(dz);
            else for (int r = 0; r < rows; r++) NnKernels.Axpy(share, dz.Slice(r * k, k), gb);
        }
        LastDataLoss = loss;

        if (L2 != 0)
        {
            ReadOnlySpan<double> penalized = theta[..PenalizedCount];
            loss += 0.5 * L2 * NnKernels.SumOfSquares(penalized);
            NnKernels.Axpy(L2, penalized, gradient[..PenalizedCount]);
        }
        return loss;
    }

    /// <summary>c₁·Σ|θ| over the penalized coordinates.</summary>
    public double L1Term(ReadOnlySpan<double> theta) => L1 == 0 ? 0 : L1 * NnKernels.L1Norm(theta[..PenalizedCount]);
}

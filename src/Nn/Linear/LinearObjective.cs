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
    private readonly double[] _z, _dz;   // [n, k] logits and d loss / d logits

    public LinearObjective(double[] x, int rows, int features, int outputs, LossKind loss, int[]? labels, double[]? targets,
        double l2, double l1, bool penalizeBiases)
    {
        _x = x;
        Rows = rows;
        Features = features;
        Outputs = outputs;
        Loss = loss;
        _labels = labels;
        _targets = targets;
        _z = new double[rows * outputs];
        _dz = new double[rows * outputs];
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int n = Rows, d = Features, k = Outputs, kd = k * d;
        ReadOnlySpan<double> w = theta[..kd], b = theta.Slice(kd, k);
        Span<double> gw = gradient[..kd], gb = gradient.Slice(kd, k);

        // z = x·Wᵀ + b
        Span<double> z = _z;
        if (k == 1)
        {
            z.Fill(b[0]);
            Blas.Gemv(n, d, 1.0, _x, d, w, 1.0, z);
        }
        else
        {
            for (int r = 0; r < n; r++) b.CopyTo(z.Slice(r * k, k));
            NnKernels.Gemm(false, true, n, k, d, 1.0, _x, d, w, d, 1.0, z, k);
        }

        var sum = default(PlainSum<double>);
        double loss = Loss switch
        {
            LossKind.SoftmaxCrossEntropy => SoftmaxCrossEntropy.Compute(_z, _labels, _dz, n, k, ref sum),
            LossKind.BinaryCrossEntropyWithLogits => BinaryCrossEntropyWithLogits.Compute(_z, _targets, _dz, ref sum),
            _ => MeanSquaredError.Compute(_z, _targets, _dz, ref sum),
        };
        LastDataLoss = loss;

        // dW = dzᵀ·x, db = Σ_rows dz
        NnKernels.Gemm(true, false, k, d, n, 1.0, _dz, k, _x, d, 0.0, gw, d);
        if (k == 1)
        {
            gb[0] = Reductions.Sum<double>(_dz);
        }
        else
        {
            gb.Clear();
            for (int r = 0; r < n; r++) NnKernels.Axpy(1.0, _dz.AsSpan(r * k, k), gb);
        }

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

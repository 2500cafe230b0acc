using FastReg.Nn;

namespace FastReg.LinearPeer;

/// <summary>
/// A fitted linear model as plain numbers, whichever library fitted it: W [rows, d] and b [rows], with one row for a
/// binary model (one logit, as both libraries fit it) and k rows for a softmax model. Scored and its objective
/// evaluated by the same code for both.
/// </summary>
internal sealed record LinearWeights(float[] W, float[] B, double Seconds, int Iterations)
{
    public int Rows => B.Length;

    public int ExactZeros => W.Count(v => v == 0);

    public double Accuracy(float[] x, int[] y, int d)
    {
        if (y.Length == 0) return double.NaN;
        int correct = 0;
        for (int i = 0; i < y.Length; i++)
        {
            int best = 0;
            double bestScore = double.NegativeInfinity;
            for (int r = 0; r < Rows; r++)
            {
                double s = B[r];
                for (int j = 0; j < d; j++) s += W[r * d + j] * x[i * d + j];
                if (Rows == 1) { best = s > 0 ? 1 : 0; break; }
                if (s > bestScore) { bestScore = s; best = r; }
            }
            if (best == y[i]) correct++;
        }
        return (double)correct / y.Length;
    }

    /// <summary>FastReg's objective in double: mean loss + (λ₂/2N)·ΣW² + (λ₁/N)·Σ|W|, as ML.NET's L-BFGS trainers define theirs too.</summary>
    public double Objective(Problem p, double l1, double l2)
    {
        LossKind loss = Rows == 1 ? LossKind.BinaryCrossEntropyWithLogits : LossKind.SoftmaxCrossEntropy;
        var model = new Sequential<double>(p.Features, p.TrainRows, loss, [new Dense(Rows)])
        {
            Penalty = new Penalty { L1 = l1, L2 = l2 }, PenaltyExamples = p.TrainRows,
        };
        Span<double> theta = model.AllParameters;
        for (int i = 0; i < W.Length; i++) theta[i] = W[i];
        for (int r = 0; r < Rows; r++) theta[W.Length + r] = B[r];
        double[] x = p.TrainX.Select(v => (double)v).ToArray();
        return Rows == 1
            ? model.Objective(x, p.TrainY.Select(v => (double)v).ToArray(), p.TrainRows)
            : model.Objective(x, p.TrainY, p.TrainRows);
    }
}

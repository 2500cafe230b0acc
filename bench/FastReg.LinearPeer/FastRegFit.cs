using FastReg.Nn;
using FastReg.Nn.Linear;
using FastReg.Nn.Training;

namespace FastReg.LinearPeer;

/// <summary>FastReg's LinearSolver at its defaults: one logit (BCE) for two classes, softmax for more; λ as given, m = N.</summary>
internal static class FastRegFit
{
    public static LinearWeights Fit(Problem p, double l1, double l2)
    {
        var penalty = new Penalty { L1 = l1, L2 = l2 };
        LinearFit<float> fit = p.Classes == 2
            ? LinearSolver.Fit(Dataset<float>.Regression(p.TrainX, p.Features, p.TrainY.Select(v => (float)v).ToArray()), LossKind.BinaryCrossEntropyWithLogits, penalty)
            : LinearSolver.Fit(Dataset<float>.Classification(p.TrainX, p.Features, p.TrainY), LossKind.SoftmaxCrossEntropy, penalty);
        return new LinearWeights(fit.Model.GetParameter("0.weight").ToArray(), fit.Model.GetParameter("0.bias").ToArray(),
            fit.Result.Elapsed.TotalSeconds, fit.Result.Iterations);
    }
}

namespace FastReg.Nn;

/// <summary>Max-norm: after each update every row of a weight [out, in] (a unit's incoming weights) with L2 norm above c is rescaled to c. No objective term.</summary>
internal sealed class MaxNormProjection<T>(double maxNorm) : Regularizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _maxNorm = T.CreateTruncating(maxNorm);

    // w [Rows, Cols]: each row scaled by min(1, c/||row||)
    public override void Project(in RegularizerStep<T> step) =>
        NnKernels.MaxNormRows(step.Parameter, step.Tensor.Rows, step.Tensor.Cols, _maxNorm);
}

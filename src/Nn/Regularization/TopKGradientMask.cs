namespace FastReg.Nn;

/// <summary>L0 by gradient restriction: before each update only the k largest |gradient| entries of the tensor are kept, the rest zeroed. No objective term.</summary>
internal sealed class TopKGradientMask<T>(int k) : Regularizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // g [n]: keeps the k entries of largest |g| (ties: lower index), scratch [n]
    public override void RestrictGradient(in RegularizerStep<T> step) => NnKernels.TopKMask(step.Gradient, k, step.Scratch);
}

namespace FastReg.Nn;

/// <summary>
/// Gradient clipping over every parameter of a model, between the backward pass and the optimizer
/// step (where PyTorch's loop calls it): torch.nn.utils.clip_grad_norm_ and clip_grad_value_.
/// </summary>
internal static class GradientClipping
{
    /// <summary>
    /// clip_grad_norm_(max_norm, norm_type=2): n = ‖g‖₂ over all gradients (per tensor, then the norm of
    /// the norms, as PyTorch), c = max_norm/(n + 1e-6), and g := c·g when c &lt; 1. Returns n.
    /// </summary>
    public static double ByNorm<T>(ParameterArena<T> arena, ParameterTensor[] tensors, double maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sumOfNormSquares = 0;
        foreach (ParameterTensor t in tensors)
        {
            double norm = double.CreateTruncating(T.Sqrt(NnKernels.SumOfSquares<T>(arena.Gradient(t))));
            sumOfNormSquares += norm * norm;
        }
        double total = Math.Sqrt(sumOfNormSquares);
        double coefficient = maxNorm / (total + 1e-6); // PyTorch's eps keeps a zero gradient finite
        if (coefficient < 1)
        {
            T c = T.CreateTruncating(coefficient);
            Span<T> g = arena.Gradients;
            for (int i = 0; i < g.Length; i++) g[i] *= c;
        }
        return total;
    }

    /// <summary>clip_grad_value_(clip_value): every gradient entry clamped to [−c, c].</summary>
    public static void ByValue<T>(Span<T> gradients, double clipValue) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T c = T.CreateTruncating(clipValue);
        for (int i = 0; i < gradients.Length; i++) gradients[i] = T.Clamp(gradients[i], -c, c);
    }
}

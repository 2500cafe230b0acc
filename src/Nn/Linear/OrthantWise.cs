using System.Runtime.CompilerServices;

namespace FastReg.Nn.Linear;

/// <summary>
/// The pieces of OWL-QN (Andrew and Gao 2007, "Scalable training of L1-regularized log-linear
/// models") for f(θ) = smooth(θ) + c·Σ|θ_i| over the penalized coordinates: the pseudo-gradient
/// (the steepest-descent direction's negative, the subgradient of least norm), the direction kept
/// in the orthant the pseudo-gradient points into, and the step projected back onto that orthant,
/// which is what sets coordinates to exactly zero.
/// </summary>
internal static class OrthantWise
{
    /// <summary>◇f: g ± c where θ ≠ 0; at θ = 0 the one-sided derivative that descends, or 0 when neither does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PseudoGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> gradient, double c, int penalized, Span<double> pseudo)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            double g = gradient[i];
            if (i >= penalized) { pseudo[i] = g; continue; }
            double t = theta[i];
            if (t > 0) pseudo[i] = g + c;
            else if (t < 0) pseudo[i] = g - c;
            else if (g + c < 0) pseudo[i] = g + c;
            else if (g - c > 0) pseudo[i] = g - c;
            else pseudo[i] = 0;
        }
    }

    /// <summary>Zeroes every direction entry that does not agree in sign with −◇f (the quasi-Newton step must stay a descent step per coordinate).</summary>
    public static void ConstrainDirection(Span<double> direction, ReadOnlySpan<double> pseudo)
    {
        for (int i = 0; i < direction.Length; i++)
            if (direction[i] * pseudo[i] >= 0) direction[i] = 0;
    }

    /// <summary>
    /// trial = π(θ + a·d): a penalized coordinate that would leave its orthant (sign of θ_i, or of −◇f_i at θ_i = 0) is set to 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ProjectedStep(ReadOnlySpan<double> theta, ReadOnlySpan<double> direction, double step, ReadOnlySpan<double> pseudo, int penalized, Span<double> trial)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            double t = theta[i], next = t + step * direction[i];
            if (i < penalized)
            {
                double orthant = t != 0 ? t : -pseudo[i];
                if (next * orthant <= 0) next = 0;
            }
            trial[i] = next;
        }
    }
}

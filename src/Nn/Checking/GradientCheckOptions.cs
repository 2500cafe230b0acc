namespace FastReg.Nn;

/// <summary>Settings of a gradient check.</summary>
public sealed record GradientCheckOptions
{
    /// <summary>
    /// Step ε of the central difference (f(θ + h) − f(θ − h)) / 2h, h = ε·max(1, |θ|). 1e-5 balances the
    /// truncation error (∝ h²) against rounding in f (∝ u·|f|/h): about 1e-11 absolute on O(1) objectives.
    /// Where the difference disagrees with the analytic derivative, it is refined by Richardson
    /// extrapolation with 2h before it is compared (the h² term cancels), so steep stretches pass.
    /// </summary>
    public double Epsilon { get; init; } = 1e-5;

    /// <summary>
    /// Floor of the relative error's denominator max(|a|, |n|, tiny). Derivatives smaller than this are
    /// compared absolutely (error = |a − n| / tiny), since the central difference itself is only
    /// accurate to about 1e-11 absolute; with 1e-4, a bound of 1e-6 asks for |a − n| ≤ 1e-10 there.
    /// </summary>
    public double Tiny { get; init; } = 1e-4;

    /// <summary>The largest relative error that passes (<see cref="GradientCheckResult.Passed"/>); fastreg gradcheck's default.</summary>
    public double Bound { get; init; } = 1e-6;

    /// <summary>
    /// At most this many entries of each tensor are checked, drawn without replacement from
    /// <see cref="Seed"/> (null: every entry). Large batches make each difference cost a full
    /// forward pass, so a sample keeps realistic shapes affordable.
    /// </summary>
    public int? MaxEntriesPerTensor { get; init; }

    /// <summary>Seeds the sample of entries (<see cref="MaxEntriesPerTensor"/>) and the random inputs of layer checks.</summary>
    public ulong Seed { get; init; }

    /// <summary>Whether a Jacobian check returns both Jacobians (<see cref="JacobianCheckResult.Analytic"/>, <see cref="JacobianCheckResult.Numeric"/>).</summary>
    public bool ReturnJacobians { get; init; }

    /// <summary>Whether d objective / d x is checked too.</summary>
    public bool CheckInput { get; init; } = true;

    /// <summary>
    /// Whether steps that cross a kink are kept out of the central difference. A ReLU input, a clamped
    /// gate or an L1 weight anywhere in the network within reach of the step makes (f(θ+h) − f(θ−h))/2h
    /// average two slopes; at depth a perturbation of one weight moves thousands of pre-activations, so
    /// the reach is not ε times the weight. Where the function reports where its kinks are (every
    /// model and layer check: <see cref="Layer{T}.KinkSignature"/>, L1 weights' signs), the check compares
    /// the kink signature at θ, θ + h and θ − h: if one side crossed, the entry is differenced on the
    /// other side alone (three points, second order) and still compared; if both crossed, it is set
    /// aside. Both are counted in <see cref="TensorCheck.Kinks"/>. Delegate checks without a signature
    /// set an entry aside only when its two one-sided differences disagree by more than 1% and the
    /// analytic derivative matches one of them to 1e-3, so a wrong gradient on a smooth stretch is never set aside.
    /// </summary>
    public bool SetAsideKinks { get; init; } = true;

    /// <summary>Throws unless ε and the floor are positive finite numbers (a zero or NaN step makes every difference meaningless).</summary>
    internal void Validate()
    {
        if (!(Epsilon > 0 && double.IsFinite(Epsilon)))
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "GradientCheckOptions.Epsilon must be a positive finite number.");
        if (!(Tiny > 0 && double.IsFinite(Tiny)))
            throw new ArgumentOutOfRangeException(nameof(Tiny), Tiny, "GradientCheckOptions.Tiny must be a positive finite number.");
        if (!(Bound > 0)) throw new ArgumentOutOfRangeException(nameof(Bound), Bound, "GradientCheckOptions.Bound must be positive.");
        if (MaxEntriesPerTensor is < 1) throw new ArgumentOutOfRangeException(nameof(MaxEntriesPerTensor), MaxEntriesPerTensor, "GradientCheckOptions.MaxEntriesPerTensor must be at least 1 (or null for every entry).");
    }
}

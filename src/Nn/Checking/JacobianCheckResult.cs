using System.Globalization;

namespace FastReg.Nn;

/// <summary>One entry of a Jacobian: ∂ output[Row] / ∂ input[Column].</summary>
/// <param name="Row">Output index.</param>
/// <param name="Column">Input index.</param>
/// <param name="Analytic">From the vector-Jacobian products.</param>
/// <param name="Numeric">From central differences.</param>
/// <param name="RelativeError">|a − n| / max(|a|, |n|, tiny).</param>
public sealed record JacobianEntry(int Row, int Column, double Analytic, double Numeric, double RelativeError)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"J[{Row}, {Column}]: analytic {Analytic:G17}, numeric {Numeric:G17}, relative error {RelativeError:E2}");
}

/// <summary>
/// A full-Jacobian check of a vector-valued function, as torch.autograd.gradcheck does it: every
/// entry compared, the worst listed, both Jacobians kept on request.
/// </summary>
/// <param name="Name">What was checked.</param>
/// <param name="Outputs">Rows of the Jacobian.</param>
/// <param name="Inputs">Columns of the Jacobian.</param>
/// <param name="WorstEntries">The largest errors, worst first (at most 5).</param>
/// <param name="Kinks">Columns whose step crossed a kink (differenced on one side or set aside).</param>
public sealed record JacobianCheckResult(string Name, int Outputs, int Inputs, IReadOnlyList<JacobianEntry> WorstEntries, int Kinks)
{
    /// <summary>The bound the check was held to.</summary>
    public double Bound { get; init; } = 1e-6;

    /// <summary>The analytic Jacobian [Outputs, Inputs], when <see cref="GradientCheckOptions.ReturnJacobians"/>.</summary>
    public double[,]? Analytic { get; init; }

    /// <summary>The numeric Jacobian [Outputs, Inputs], when <see cref="GradientCheckOptions.ReturnJacobians"/> (NaN in set-aside columns).</summary>
    public double[,]? Numeric { get; init; }

    /// <summary>The largest relative error over the compared entries.</summary>
    public double MaxRelativeError => WorstEntries.Count == 0 ? 0 : WorstEntries[0].RelativeError;

    /// <summary>Whether every compared entry is within <see cref="Bound"/> (NaN fails).</summary>
    public bool Passed => MaxRelativeError <= Bound;

    /// <summary>One line naming the function, the shape, and the worst entries.</summary>
    public string Message => string.Create(CultureInfo.InvariantCulture,
        $"{(Passed ? "passed" : "FAILED")}: Jacobian of {Name} [{Outputs}, {Inputs}], bound {Bound:G3}" +
        $"{(Kinks > 0 ? $", {Kinks} column(s) crossed a kink" : "")}; worst {(WorstEntries.Count == 0 ? "(none)" : string.Join("; ", WorstEntries))}");

    /// <inheritdoc/>
    public override string ToString() => Message;
}

using System.Globalization;

namespace FastReg.Nn;

/// <summary>
/// Group lasso on units (Yuan and Lin's group lasso with each unit's incoming weights as a group, as
/// Scardapane et al. 2017 use it to prune units): (λ/m)·Σ_rows ‖W_row‖₂ over every weight [out, in],
/// gradient (λ/m)·W_row/‖W_row‖₂ (0 for a row at 0, the subgradient there). It drives whole rows
/// toward 0 together where L1 drives single weights; applied by its gradient, so rows become small, not
/// exactly 0. Vectors (biases, even with <see cref="Penalty.IncludeBiases"/>) are not groups and are left alone.
/// </summary>
/// <param name="Lambda">λ ≥ 0; 0 turns it off.</param>
public sealed record GroupLassoTerm(double Lambda) : PenaltyTerm
{
    /// <inheritdoc/>
    public override Regularizer<T>? Create<T>(ParameterTensor tensor) =>
        tensor.Kind == ParameterKind.Weight ? new GroupLassoPenalty<T>(Lambda, tensor.Cols) : null;

    /// <inheritdoc/>
    public override string Describe() => "group lasso " + Lambda.ToString("G6", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override bool IsActive => Lambda != 0;

    /// <inheritdoc/>
    public override void Validate()
    {
        if (!(Lambda >= 0 && double.IsFinite(Lambda)))
            throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "The group lasso's λ must be a finite non-negative number.");
    }
}

/// <summary>The run-time form of <see cref="GroupLassoTerm"/> on one weight [Rows, Cols].</summary>
internal sealed class GroupLassoPenalty<T>(double lambda, int cols) : Regularizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _lambda = T.CreateTruncating(lambda);
    private readonly int _cols = cols;

    // w [rows, cols] -> (λ/m)·Σ_rows ‖row‖₂ 
    public override T Objective(ReadOnlySpan<T> w, T invM)
    {
        T sum = T.Zero;
        for (int r = 0; r + _cols <= w.Length; r += _cols) sum += T.Sqrt(NnKernels.SumOfSquares(w.Slice(r, _cols)));
        return _lambda * invM * sum;
    }

    // g_row += (λ/m)·row/‖row‖₂, nothing for a row at 0
    public override void AddGradient(ReadOnlySpan<T> w, Span<T> g, T invM)
    {
        for (int r = 0; r + _cols <= w.Length; r += _cols)
        {
            ReadOnlySpan<T> row = w.Slice(r, _cols);
            T norm = T.Sqrt(NnKernels.SumOfSquares(row));
            if (norm > T.Zero) NnKernels.Axpy(_lambda * invM / norm, row, g.Slice(r, _cols));
        }
    }

    // The norm's kink is at a row of zeros: which rows are 0 (a measure-zero set the checker sets aside).
    public override ulong KinkSignature(ReadOnlySpan<T> w, ulong signature)
    {
        for (int r = 0; r + _cols <= w.Length; r += _cols)
            if (NnKernels.SumOfSquares(w.Slice(r, _cols)) == T.Zero) signature = CounterRandom.Mix(signature ^ (ulong)(r + 1));
        return signature;
    }
}

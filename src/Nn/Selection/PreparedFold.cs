using FastReg.Nn.Preprocessing;
using FastReg.Nn.Training;

namespace FastReg.Nn.Selection;

/// <summary>
/// One cross-validation fold's data, preprocessed with statistics of the fold's training rows only, as a
/// scikit-learn Pipeline inside <c>cross_val_score</c> refits its scaler on every fold. The two sets share
/// the fold's features, whose count may differ from fold to fold (a category absent from a fold's training
/// rows has no one-hot column there).
/// </summary>
/// <param name="Train">The fold's training rows.</param>
/// <param name="Test">The fold's held-out rows, transformed by what was fitted on <paramref name="Train"/>.</param>
public sealed record PreparedFold<T>(Dataset<T> Train, Dataset<T> Test) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// The target scaler fitted on the fold's training rows, if its targets were scaled. With one target the
    /// search reports mean squared error losses and RMSE in the target's units (σ² and σ of this scaler), so
    /// that folds with different scalings are averaged on one scale; with several, in the fold's scaled units.
    /// </summary>
    public TargetScaler? TargetScaler { get; init; }
}

namespace FastReg.Nn.Selection;

/// <summary>
/// Prepares one fold from the indices of its training and held-out rows (ascending) in the caller's data:
/// fits the preprocessing on <paramref name="trainRows"/> only and transforms both sets with it.
/// </summary>
public delegate PreparedFold<T> FoldPreparation<T>(int[] trainRows, int[] testRows) where T : unmanaged, IFloatingPointIeee754<T>;

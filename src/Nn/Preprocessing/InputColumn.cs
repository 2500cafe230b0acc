namespace FastReg.Nn.Preprocessing;

/// <summary>One raw input column a <see cref="Preprocessor"/> reads: its name and whether it holds text (categories) or numbers.</summary>
/// <param name="Name">The column's name, as in the data's header.</param>
/// <param name="IsText">True for a text column (one-hot encoded), false for a numeric one.</param>
public sealed record InputColumn(string Name, bool IsText)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({(IsText ? "text" : "numeric")})";
}

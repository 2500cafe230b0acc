namespace FastReg.Nn.Preprocessing;

/// <summary>What <see cref="Preprocessor.Fit"/> builds: the steps of a scikit-learn ColumnTransformer, with these defaults.</summary>
public sealed record PreprocessingOptions
{
    /// <summary>Standardize numeric columns (mean 0, std 1 on the training rows); on by default.</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Fill missing cells with this strategy; null (the default) refuses missing cells with a clear error.</summary>
    public ImputeStrategy? Impute { get; init; }

    /// <summary>The most categories a text column may have (<see cref="OneHotEncoder.DefaultMaxCategories"/> by default).</summary>
    public int MaxCategories { get; init; } = OneHotEncoder.DefaultMaxCategories;
}

namespace FastReg.Nn.Preprocessing;

/// <summary>How an <see cref="Imputer"/> fills a missing cell, as scikit-learn's SimpleImputer strategies.</summary>
public enum ImputeStrategy
{
    /// <summary>The mean of the column's training values (text columns: the most frequent value).</summary>
    Mean,

    /// <summary>The median of the column's training values (text columns: the most frequent value).</summary>
    Median,

    /// <summary>The most frequent training value, the smallest on ties (numbers by value, text by ordinal order).</summary>
    MostFrequent,
}

namespace FastReg.Simd;

/// <summary>Whether a GEMM operand is used as stored or transposed (BLAS <c>transa</c>/<c>transb</c>).</summary>
public enum Transpose
{
    /// <summary>Use the matrix as stored: op(X) = X.</summary>
    No = 0,

    /// <summary>Use its transpose: op(X) = Xᵀ.</summary>
    Yes = 1,
}

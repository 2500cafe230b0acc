using System.Runtime.CompilerServices;

namespace FastReg.Simd.Gemm;

/// <summary>Up-front argument checks shared by <c>Blas.Gemm</c> and <see cref="Reference.GemmReference"/>.</summary>
internal static class GemmArguments
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Validate(Transpose transA, Transpose transB, int m, int n, int k,
        int lengthA, int lda, int lengthB, int ldb, int lengthC, int ldc)
    {
        if (transA is not (Transpose.No or Transpose.Yes)) throw new ArgumentOutOfRangeException(nameof(transA), transA, "Not a Transpose value.");
        if (transB is not (Transpose.No or Transpose.Yes)) throw new ArgumentOutOfRangeException(nameof(transB), transB, "Not a Transpose value.");
        ThrowHelper.RequireNonNegative(m, nameof(m));
        ThrowHelper.RequireNonNegative(n, nameof(n));
        ThrowHelper.RequireNonNegative(k, nameof(k));
        // Stored shapes (row-major): A is m×k or k×m, B is k×n or n×k, C is m×n.
        (int rowsA, int colsA) = transA == Transpose.No ? (m, k) : (k, m);
        (int rowsB, int colsB) = transB == Transpose.No ? (k, n) : (n, k);
        RequireMatrix(rowsA, colsA, lengthA, lda, "a", nameof(lda));
        RequireMatrix(rowsB, colsB, lengthB, ldb, "b", nameof(ldb));
        RequireMatrix(m, n, lengthC, ldc, "c", nameof(ldc));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void RequireMatrix(int rows, int cols, int length, int ld, string name, string ldName)
    {
        if (ld < Math.Max(1, cols))
            ThrowHelper.ThrowArgument($"'{ldName}' is {ld} but must be at least max(1, {cols}) (the row length of '{name}').", ldName);
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        ThrowHelper.RequireAtLeast(needed, length, name);
    }
}

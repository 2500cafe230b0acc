namespace FastReg.Simd;

/// <summary>The instruction-set path a kernel runs on, from plainest to widest.</summary>
public enum SimdPath
{
    /// <summary>Plain scalar loops; the reference every other path is tested against.</summary>
    Scalar = 0,

    /// <summary><see cref="System.Numerics.Vector{T}"/>, whatever width the runtime picked (16 or 32 bytes).</summary>
    Vector = 1,

    /// <summary><see cref="System.Runtime.Intrinsics.Vector256{T}"/> with fused multiply-add (AVX2 + FMA).</summary>
    Avx2 = 2,

    /// <summary><see cref="System.Runtime.Intrinsics.Vector512{T}"/> (AVX-512F).</summary>
    Avx512 = 3,
}

namespace FastReg.Simd;

/// <summary>
/// The vector type a path's element-wise kernels run on. Drivers dispatch on this, not on the path:
/// a new path at an existing width (another Vector256 ISA, say) needs no driver change.
/// </summary>
internal enum VectorWidth
{
    /// <summary>One element at a time.</summary>
    Scalar = 0,

    /// <summary><see cref="System.Numerics.Vector{T}"/>, whatever width the runtime picked.</summary>
    Vector = 1,

    /// <summary><see cref="System.Runtime.Intrinsics.Vector256{T}"/>.</summary>
    Bits256 = 2,

    /// <summary><see cref="System.Runtime.Intrinsics.Vector512{T}"/>.</summary>
    Bits512 = 3,
}

namespace FastReg.IO;

/// <summary>The NumPy element types FastReg reads from and writes to .npy files.</summary>
public enum NpyType
{
    /// <summary>numpy.bool_ ('|b1'): one byte, 0 or 1.</summary>
    Bool,
    /// <summary>numpy.int8 ('|i1').</summary>
    Int8,
    /// <summary>numpy.uint8 ('|u1').</summary>
    UInt8,
    /// <summary>numpy.int16 ('&lt;i2').</summary>
    Int16,
    /// <summary>numpy.uint16 ('&lt;u2').</summary>
    UInt16,
    /// <summary>numpy.int32 ('&lt;i4').</summary>
    Int32,
    /// <summary>numpy.uint32 ('&lt;u4').</summary>
    UInt32,
    /// <summary>numpy.int64 ('&lt;i8'); values beyond 2^53 lose precision when read as double.</summary>
    Int64,
    /// <summary>numpy.uint64 ('&lt;u8'); values beyond 2^53 lose precision when read as double.</summary>
    UInt64,
    /// <summary>numpy.float32 ('&lt;f4').</summary>
    Float32,
    /// <summary>numpy.float64 ('&lt;f8').</summary>
    Float64,
}

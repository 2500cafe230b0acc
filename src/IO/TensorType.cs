namespace FastReg.IO;

/// <summary>Element types FastReg reads from and writes to safetensors files.</summary>
public enum TensorType
{
    /// <summary>32-bit IEEE float ("F32").</summary>
    F32,
    /// <summary>64-bit IEEE float ("F64").</summary>
    F64,
}

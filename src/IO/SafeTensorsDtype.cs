namespace FastReg.IO;

/// <summary>The dtype names of the safetensors format: which FastReg reads, and which it knows but refuses.</summary>
internal static class SafeTensorsDtype
{
    // Every dtype the format defines, so a refusal can tell "not supported here" from "not a dtype at all".
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2",
        "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64", "C64",
    };

    /// <summary>Maps the dtype of tensor <paramref name="tensor"/> to a <see cref="TensorType"/> or explains why not.</summary>
    public static TensorType Parse(string dtype, string tensor, string source) => dtype switch
    {
        "F32" => TensorType.F32,
        "F64" => TensorType.F64,
        _ when Known.Contains(dtype) => throw new DataFormatException($"tensor '{tensor}' has dtype {dtype}; FastReg reads F32 and F64", source),
        _ => throw new DataFormatException($"tensor '{tensor}' has unknown dtype '{dtype}'", source),
    };

    /// <summary>The name the format uses for <paramref name="type"/>.</summary>
    public static string Name(TensorType type) => type switch
    {
        TensorType.F32 => "F32",
        TensorType.F64 => "F64",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown TensorType"),
    };

    /// <summary>Bytes per element.</summary>
    public static int Size(TensorType type) => type switch
    {
        TensorType.F32 => 4,
        TensorType.F64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown TensorType"),
    };
}

namespace FastReg.IO;

/// <summary>One tensor of a safetensors file: its name, stored element type, shape and values (C order, as doubles).</summary>
/// <param name="Name">The tensor's key in the file, for example <c>0.weight</c>.</param>
/// <param name="Type">The element type stored in the file.</param>
/// <param name="Shape">Dimensions, outermost first; empty for a scalar.</param>
/// <param name="Data">The values in C order; its length is the product of <paramref name="Shape"/>.</param>
public sealed record NamedTensor(string Name, TensorType Type, int[] Shape, double[] Data);

using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.IO.Fuzzing;

/// <summary>How the binary formats (.npy, safetensors) mix their fuzz cases, written once for both.</summary>
internal static class BinaryFormatCases
{
    /// <summary>
    /// Mutated valid files, lying headers, lies with a byte mutated on top, and valid files; one case in
    /// eight is read through a stream that cannot seek.
    /// </summary>
    public static Gen<FuzzInput> Mix(Gen<FuzzInput> valid, Gen<FuzzInput> lying) =>
        from input in Gen.Frequency(
            (3, valid.SelectMany(ByteMutations.Mutated)),
            (4, lying),
            (2, lying.SelectMany(ByteMutations.One)),
            (1, valid))
        from nonSeekable in Gen.Frequency((7, Gen.Constant(false)), (1, Gen.Constant(true)))
        select input with { NonSeekable = nonSeekable };
}

using FastReg.IO;

namespace FastReg.Tests.IO;

/// <summary>
/// Writes sample files for fixtures/make_fixtures.py --check DIR when FASTREG_IO_CROSSCHECK_DIR names a directory;
/// does nothing otherwise, so the suite never needs Python.
/// </summary>
public class PythonCrossCheckOutput
{
    [Fact]
    public void Writes_files_for_numpy_to_load_when_asked()
    {
        string? dir = Environment.GetEnvironmentVariable("FASTREG_IO_CROSSCHECK_DIR");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        double[] values = IoGenerators.FiniteDoubles(24, 7);
        Npy.Write(Path.Combine(dir, "fastreg_f8_2x3x4.npy"), values, [2, 3, 4], NpyType.Float64);
        Npy.Write(Path.Combine(dir, "fastreg_f4_4x6.npy"), IoGenerators.FloatValues(24, 8), [4, 6], NpyType.Float32);
        Npy.Write(Path.Combine(dir, "fastreg_i8_5.npy"), [0, -1, 9007199254740992, -9223372036854775808.0, 42], [5], NpyType.Int64);
        Npy.Write(Path.Combine(dir, "fastreg_u1_scalar.npy"), [200], [], NpyType.UInt8);
        Npy.Write(Path.Combine(dir, "fastreg_v2.npy"), [1.5], Enumerable.Repeat(1, 25_000).ToArray(), NpyType.Float64);
        SafeTensors.Write(Path.Combine(dir, "fastreg_model.safetensors"),
            [new("0.weight", TensorType.F32, [4, 3], IoGenerators.FloatValues(12, 9)), new("0.bias", TensorType.F64, [4], [1, 2, 3, 4])],
            new Dictionary<string, string> { ["format"] = "pt" });
        Csv.Write(Path.Combine(dir, "fastreg_table.csv"), ["a", "b,c"], values);
    }
}

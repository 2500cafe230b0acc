using System.Globalization;
using System.Text.Json;
using FastReg.IO;

namespace FastReg.Tests.IO;

/// <summary>
/// Writes sample files, plus expected.json with their values, for <c>fixtures/make_fixtures.py --check DIR</c>
/// when FASTREG_IO_CROSSCHECK_DIR names a directory; does nothing otherwise, so the suite never needs Python.
/// </summary>
public class PythonCrossCheckOutput
{
    [Fact]
    public void Writes_files_for_numpy_to_load_when_asked()
    {
        string? dir = Environment.GetEnvironmentVariable("FASTREG_IO_CROSSCHECK_DIR");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        var expected = new Dictionary<string, string[]>();
        void Expect(string key, double[] values) => expected[key] = [.. values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))];

        double[] f8 = IoGenerators.AnyDoubles(24, 7), f4 = IoGenerators.FloatValues(24, 8), csv = IoGenerators.FiniteDoubles(24, 9);
        double[] i8 = [0, -1, 9007199254740992, -9223372036854775808.0, 42], w = IoGenerators.FloatValues(12, 10);
        Npy.Write(Path.Combine(dir, "fastreg_f8_2x3x4.npy"), f8, [2, 3, 4], NpyType.Float64);
        Npy.Write(Path.Combine(dir, "fastreg_f4_4x6.npy"), f4, [4, 6], NpyType.Float32);
        Npy.Write(Path.Combine(dir, "fastreg_i8_5.npy"), i8, [5], NpyType.Int64);
        Npy.Write(Path.Combine(dir, "fastreg_u1_scalar.npy"), [200], [], NpyType.UInt8);
        Npy.Write(Path.Combine(dir, "fastreg_v2.npy"), [1.5], Enumerable.Repeat(1, 25_000).ToArray(), NpyType.Float64);
        SafeTensors.Write(Path.Combine(dir, "fastreg_model.safetensors"),
            [new("0.weight", TensorType.F32, [4, 3], w), new("0.bias", TensorType.F64, [4], [1, 2, 3, 4])],
            new Dictionary<string, string> { ["format"] = "pt" });
        Csv.Write(Path.Combine(dir, "fastreg_table.csv"), ["a", "b,c"], csv);
        Expect("fastreg_f8_2x3x4.npy", f8);
        Expect("fastreg_f4_4x6.npy", f4);
        Expect("fastreg_i8_5.npy", i8);
        Expect("fastreg_u1_scalar.npy", [200]);
        Expect("fastreg_v2.npy", [1.5]);
        Expect("fastreg_model.safetensors:0.weight", w);
        Expect("fastreg_model.safetensors:0.bias", [1, 2, 3, 4]);
        Expect("fastreg_table.csv", csv);
        File.WriteAllText(Path.Combine(dir, "expected.json"), JsonSerializer.Serialize(expected));
    }
}

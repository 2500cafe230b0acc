using System.Text.Json;
using FastReg.IO;

namespace FastReg.Tests.Cli;

/// <summary>
/// Weights PyTorch wrote (torch.nn.Sequential(Linear(3, 4), ReLU(), Linear(4, 2)).state_dict() as
/// safetensors, from tests/FastReg.Tests/IO/fixtures/make_fixtures.py) predict here with the same
/// network given by flags.
/// </summary>
public class TorchInteropTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "IO", "fixtures", name);

    [Fact]
    public void A_pytorch_state_dict_predicts_what_its_forward_pass_computes()
    {
        using var cli = new CliRunner();
        double[] x = [0.5, -1, 2, 0, 0.25, -0.75];
        string xs = cli.PathOf("x.npy"), ys = cli.PathOf("y.npy");
        Npy.Write(xs, x, [2, 3], NpyType.Float64);
        CliRun run = cli.Run("predict", "--x", xs, "--weights", Fixture("mlp_3_4_2.safetensors"), "--hidden", "4", "--loss", "mse", "--out", ys);
        Assert.True(run.ExitCode == 0, run.Error);

        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Fixture("mlp_3_4_2.expected.json")));
        double[] W(string name) => expected.RootElement.GetProperty(name).GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] w0 = W("0.weight"), b0 = W("0.bias"), w2 = W("2.weight"), b2 = W("2.bias");
        NpyArray y = Npy.Read(ys);
        Assert.Equal([2, 2], y.Shape);
        for (int r = 0; r < 2; r++)
        {
            var h = new double[4];
            for (int i = 0; i < 4; i++)
            {
                double s = b0[i];
                for (int j = 0; j < 3; j++) s += w0[i * 3 + j] * x[r * 3 + j];
                h[i] = Math.Max(s, 0);
            }
            for (int o = 0; o < 2; o++)
            {
                double s = b2[o];
                for (int i = 0; i < 4; i++) s += w2[o * 4 + i] * h[i];
                Assert.Equal(s, y.Data[r * 2 + o], 1e-12);
            }
        }
    }

    [Fact]
    public void A_pytorch_state_dict_for_another_network_is_refused_naming_the_mismatch()
    {
        using var cli = new CliRunner();
        string xs = cli.PathOf("x.npy");
        Npy.Write(xs, new double[6], [2, 3], NpyType.Float64);
        cli.Run("predict", "--x", xs, "--weights", Fixture("mlp_3_4_2.safetensors"), "--hidden", "5", "--loss", "mse", "--out", cli.PathOf("y.npy"))
            .AssertOneLineError("tensor '0.weight' has shape [4, 3] but the network needs [5, 3]");
    }
}

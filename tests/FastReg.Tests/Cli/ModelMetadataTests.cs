using System.Text.Json.Nodes;
using FastReg.IO;

namespace FastReg.Tests.Cli;

/// <summary>
/// The "fastreg" description inside a weights file is input like any other: each way it can lie is one error line
/// naming the file, exit code 1 (several were internal errors, exit 70, before), and nothing large is allocated
/// for a description that claims a huge network.
/// </summary>
public class ModelMetadataTests
{
    private static readonly string[] Quick = ["--hidden", "4", "--epochs", "1"];

    public static TheoryData<string, string, string> Lies => new()
    {
        { "features", "null", "'features': null" },
        { "targets", "null", "'targets': null" },
        { "layers", "null", "no 'layers'" },
        { "layers", "[null, \"relu\", \"dense:2\"]", "null entry at layers[0]" },
        { "layers", "[]", "no 'layers'" },
        { "loss", "null", "no 'loss'" },
        { "task", "null", "no 'task'" },
        { "task", "\"clustering\"", "unknown task 'clustering'" },
        { "loss", "\"mse\"", "pairs task 'classification' with loss 'mse'" },
        { "version", "3", "version 3; this FastReg reads versions 1 and 2" },
        { "version", "1", "is version 1, which has no 'preprocessing'" },
        { "inputs", "0", "inputs 0" },
        { "inputs", "\"2\"", "not a valid model description" },
        { "features", "[\"x0\", \"x0\"]", "names 'x0' twice in 'features'" },
        { "features", "[\"x0\", \"\"]", "empty or null name at features[1]" },
        { "classes", "[\"down\", null]", "empty or null name at classes[1]" },
        { "classes", "null", "without at least two 'classes'" },
        { "v1:std", "[1, 0]", "std[1] = 0" },
        { "v1:std", "[-1, 1]", "std[0] = -1" },
        { "v1:std", "[5e-324, 1]", "not subnormal" },
        { "v1:std", "[1e400, 1]", "std[0] = Infinity" },
        { "v1:mean", "[1e400, 0]", "mean[0] = Infinity; the scaler's means must be finite" },
        { "v1:std", "[1]", "'mean' and 'std' both with 2 entries" },
        { "layers", "[\"dense:4\", \"l0gate:Infinity\", \"relu\", \"dense:2\"]", "does not make a network" },
        // Version 1 kept the scaler at the top level; version 2 refuses it there.
        { "mean", "[0, 0]", "which version 2 keeps under 'preprocessing.standardizer'" },
        // Version 2's preprocessing and target scaler lie in as many ways.
        { "preprocessing", "{\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\"},{\"name\":\"b\",\"kind\":\"numeric\"}],\"standardizer\":{\"columns\":[\"a\",\"b\"],\"mean\":[0,0],\"std\":[1,0]}}", "preprocessing.standardizer.std[1] = 0" },
        { "preprocessing", "{\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\"},{\"name\":\"b\",\"kind\":\"numeric\"}],\"standardizer\":{\"columns\":[\"a\",\"b\"],\"mean\":[1e400,0],\"std\":[1,1]}}", "preprocessing.standardizer.mean[0] = 1e400, not a finite number" },
        { "preprocessing", "{\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\"}]}", "making 1 features for 2 inputs" },
        { "preprocessing", "{\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\"},{\"name\":\"b\",\"kind\":\"text\"}]}", "parts do not fit" },
        { "preprocessing", "{\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\"},{\"name\":\"b\",\"kind\":\"numerical\"}]}", "preprocessing.columns[1].kind 'numerical'" },
        { "preprocessing", "{\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\"},{\"name\":\"a\",\"kind\":\"numeric\"}]}", "names 'a' twice in 'preprocessing.columns'" },
        { "preprocessing", "{\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\"},{\"name\":\"b\",\"kind\":\"numeric\"}],\"imputer\":{\"strategy\":\"mode\",\"columns\":[\"a\",\"b\"],\"fill\":[0,0]}}", "unknown preprocessing.imputer.strategy 'mode'" },
        { "preprocessing", "{\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\"},{\"name\":\"b\",\"kind\":\"numeric\"}],\"scaler\":{}}", "unknown key 'preprocessing.scaler'" },
        { "preprocessing", "[]", "'preprocessing' that is not an object" },
        { "targetScaler", "{\"targets\":[\"y\"],\"mean\":[0],\"std\":[1]}", "only mse regression scales its targets" },
    };

    [Theory]
    [MemberData(nameof(Lies))]
    public void A_lying_description_is_one_error_line_with_exit_code_1(string key, string json, string says)
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string weights = cli.PathOf("w.safetensors");
        Assert.Equal(0, cli.Run(["train", csv, .. Quick, "--standardize", "--save", weights]).ExitCode);
        string lying = Rewrite(weights, cli.PathOf("lying.safetensors"), d =>
        {
            if (key.StartsWith("v1:", StringComparison.Ordinal))
            {
                // A version-1 file (fastreg train before the preprocessing pipeline): the scaler as top-level mean and std.
                key = key[3..];
                d["version"] = 1;
                d.Remove("preprocessing");
                d.Remove("targetScaler");
                d["mean"] = JsonNode.Parse("[0, 0]");
                d["std"] = JsonNode.Parse("[1, 1]");
            }
            else if (key == "preprocessing")
            {
                d.Remove("features"); // names follow the lying pipeline
            }
            d[key] = JsonNode.Parse(json);
        });
        CliRun run = cli.Run("predict", csv, "--weights", lying, "--out", cli.PathOf("p.csv"));
        run.AssertOneLineError(says);
        Assert.Contains(lying, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_escaping_a_lone_surrogate_is_an_error_line_not_an_internal_error()
    {
        // The safetensors reader refuses such escapes in its own header (they made System.Text.Json throw InvalidOperationException
        // there); inside the description they are escaped once more, so it is the description's parser that must refuse them.
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string weights = cli.PathOf("w.safetensors");
        Assert.Equal(0, cli.Run(["train", csv, .. Quick, "--save", weights]).ExitCode);
        SafeTensorsFile file = SafeTensors.Read(weights);
        string json = file.Metadata["fastreg"].Replace("\"classification\"", "\"\\ud800\"", StringComparison.Ordinal);
        string lying = cli.PathOf("surrogate.safetensors");
        SafeTensors.Write(lying, file.Tensors, new Dictionary<string, string>(file.Metadata) { ["fastreg"] = json });
        cli.Run("predict", csv, "--weights", lying, "--out", cli.PathOf("p.csv")).AssertOneLineError("not a valid model description");
    }

    [Fact]
    public void A_description_claiming_a_huge_network_is_refused_before_allocating()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string weights = cli.PathOf("w.safetensors");
        Assert.Equal(0, cli.Run(["train", csv, .. Quick, "--save", weights]).ExitCode);
        string huge = Rewrite(weights, cli.PathOf("huge.safetensors"), d =>
        {
            d["inputs"] = 2_000_000_000;
            d["features"] = new JsonArray();
            d.Remove("preprocessing"); // version 2 without a pipeline: the inputs as they are
            d["layers"] = JsonNode.Parse("[\"dense:100000\", \"relu\", \"dense:2\"]");
        });
        long before = GC.GetAllocatedBytesForCurrentThread();
        CliRun run = cli.Run("predict", csv, "--weights", huge, "--out", cli.PathOf("p.csv"));
        run.AssertOneLineError("parameters");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1L << 30, "the refusal allocated a gigabyte or more");
    }

    [Fact]
    public void Gradcheck_refuses_a_network_it_could_not_hold_or_finish()
    {
        using var cli = new CliRunner();
        cli.Run("gradcheck", "--hidden", "1000000,1000000").AssertOneLineError("parameters");
        cli.Run("gradcheck", "--hidden", "2000", "--inputs", "64").AssertOneLineError("operations");
    }

    /// <summary>Copies the weights with the description changed by <paramref name="change"/>.</summary>
    private static string Rewrite(string weights, string target, Action<JsonObject> change)
    {
        SafeTensorsFile file = SafeTensors.Read(weights);
        JsonObject description = JsonNode.Parse(file.Metadata["fastreg"])!.AsObject();
        change(description);
        var metadata = new Dictionary<string, string>(file.Metadata) { ["fastreg"] = description.ToJsonString() };
        SafeTensors.Write(target, file.Tensors, metadata);
        return target;
    }
}

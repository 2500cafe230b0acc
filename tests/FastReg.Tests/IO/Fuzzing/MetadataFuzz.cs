using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.IO.Fuzzing;

/// <summary>
/// Fuzz inputs for the "fastreg" model description a weights file carries: valid descriptions (random widths,
/// layers, tasks, names and scalers) with one to three keys replaced by lies (nulls, wrong types, empty and repeated
/// names, zero, negative, subnormal and huge numbers, unknown tasks, losses, layers and versions, missing and extra
/// keys), and the JSON text mutated blindly.
/// </summary>
internal static class MetadataFuzz
{
    private static readonly string[] Keys = ["version", "inputs", "layers", "loss", "task", "features", "targets", "classes", "mean", "std", "preprocessing", "targetScaler"];

    private static readonly string[] Lies =
    [
        "null", "0", "-1", "1", "2", "2147483648", "1e400", "-1e400", "5e-324", "1.5", "\"\"", "\"x\"", "\"ce\"", "\"mse\"", "\"bce\"",
        "\"classification\"", "\"regression\"", "\"clustering\"", "true", "[]", "{}", "[null]", "[\"\"]", "[\"a\",\"a\"]", "[1,2]", "[0,0]",
        "[-1,1]", "[5e-324,1]", "[1e308,1e308]", "[\"dense:0\"]", "[\"dense:-1\"]", "[\"dense:99999999999\"]", "[\"relu\"]",
        "[\"dense:2\",\"bogus\"]", "[\"l0gate:Infinity\",\"dense:2\"]", "[\"dropout:1\",\"dense:2\"]", "[\"dropout:NaN\",\"dense:2\"]",
        "[\"dense:3\",\"RELU\",\"dense:2\"]", "[\"a\\nb\",\"c\"]", "\"\\ud800\"",
        "{\"columns\":[]}", "{\"columns\":[{\"name\":\"x0\",\"kind\":\"text\"}]}", "{\"columns\":[{\"name\":\"x0\",\"kind\":\"numeric\"}],\"standardizer\":{\"columns\":[\"x0\"],\"mean\":[0],\"std\":[0]}}",
        "{\"targets\":[\"y0\"],\"mean\":[1e400],\"std\":[1]}", "{\"bogus\":1}",
    ];

    public static Gen<FuzzInput> Inputs => Gen.Frequency(
        (4, Valid.SelectMany(v => Gen.Choose(1, 3).SelectMany(n => Lying(v, n)))),
        (3, Valid.SelectMany(ByteMutations.Mutated)),
        (1, Valid));

    private static Gen<FuzzInput> Valid =>
        from inputs in Gen.Choose(1, 6)
        from depth in Gen.Choose(0, 2)
        from hidden in Gen.ArrayOf(Gen.Choose(1, 16), depth)
        from classification in Gen.Elements(true, false)
        from outputs in Gen.Choose(2, 4)
        from named in Gen.Elements(true, false)
        from scaled in Gen.Elements(true, false)
        from scale in Gen.Choose(1, 1000)
        from version in Gen.Elements(1, 2)
        select new FuzzInput($"description v{version} {inputs}-{string.Join("-", hidden)}-{outputs} {(classification ? "ce" : "mse")}",
            Encoding.UTF8.GetBytes(Describe(inputs, hidden, outputs, classification, named, scaled, scale, version).ToJsonString()));

    private static JsonObject Describe(int inputs, int[] hidden, int outputs, bool classification, bool named, bool scaled, int scale, int version)
    {
        var layers = new JsonArray();
        foreach (int h in hidden)
        {
            layers.Add($"dense:{h}");
            layers.Add("relu");
        }
        layers.Add($"dense:{outputs}");
        var d = new JsonObject
        {
            ["version"] = version, ["inputs"] = inputs, ["layers"] = layers,
            ["loss"] = classification ? "ce" : "mse", ["task"] = classification ? "classification" : "regression",
        };
        if (named) d["features"] = new JsonArray([.. Enumerable.Range(0, inputs).Select(i => (JsonNode)$"x{i}")]);
        d["targets"] = new JsonArray([.. Enumerable.Range(0, classification ? 1 : outputs).Select(i => (JsonNode)$"y{i}")]);
        if (classification) d["classes"] = new JsonArray([.. Enumerable.Range(0, outputs).Select(i => (JsonNode)$"c{i}")]);
        if (version == 2)
        {
            // Version 2: the scaler inside the preprocessing pipeline, and a target scaler for regression.
            JsonArray names = [.. Enumerable.Range(0, inputs).Select(i => (JsonNode)$"x{i}")];
            var preprocessing = new JsonObject { ["columns"] = new JsonArray([.. Enumerable.Range(0, inputs).Select(i => (JsonNode)new JsonObject { ["name"] = $"x{i}", ["kind"] = "numeric" })]) };
            if (scaled)
                preprocessing["standardizer"] = new JsonObject
                {
                    ["columns"] = names,
                    ["mean"] = new JsonArray([.. Enumerable.Range(0, inputs).Select(i => (JsonNode)(i * 0.5))]),
                    ["std"] = new JsonArray([.. Enumerable.Range(0, inputs).Select(i => (JsonNode)(scale / 100.0 + i))]),
                };
            d["features"] = new JsonArray([.. Enumerable.Range(0, inputs).Select(i => (JsonNode)$"x{i}")]);
            d["preprocessing"] = preprocessing;
            if (!classification && scaled)
                d["targetScaler"] = new JsonObject
                {
                    ["targets"] = new JsonArray([.. Enumerable.Range(0, outputs).Select(i => (JsonNode)$"y{i}")]),
                    ["mean"] = new JsonArray([.. Enumerable.Range(0, outputs).Select(i => (JsonNode)(i - 1.5))]),
                    ["std"] = new JsonArray([.. Enumerable.Range(0, outputs).Select(i => (JsonNode)(scale / 10.0 + i))]),
                };
            return d;
        }
        if (scaled)
        {
            d["mean"] = new JsonArray([.. Enumerable.Range(0, inputs).Select(i => (JsonNode)(i * 0.5))]);
            d["std"] = new JsonArray([.. Enumerable.Range(0, inputs).Select(i => (JsonNode)(scale / 100.0 + i))]);
        }
        return d;
    }

    private static Gen<FuzzInput> Lying(FuzzInput valid, int lies) =>
        Gen.ArrayOf(Gen.Zip(Gen.Elements(Keys), Gen.Frequency((8, Gen.Elements(Lies)), (1, Gen.Constant("<remove>")), (1, Gen.Constant("<repeat>")))), lies)
            .Select(changes =>
            {
                JsonObject d = JsonNode.Parse(valid.Bytes)!.AsObject();
                string text = "";
                var recipe = new StringBuilder(valid.Recipe);
                var placed = new List<(string Placeholder, string Lie)>();
                foreach ((string key, string lie) in changes)
                {
                    recipe.Append(CultureInfo.InvariantCulture, $" | {key} = {lie}");
                    if (lie == "<remove>") d.Remove(key);
                    else if (lie == "<repeat>") text = $",\"{key}\":{d[key]?.ToJsonString() ?? "null"}";
                    else
                    {
                        // Spliced in as text: some lies (an escaped lone surrogate) cannot pass through a JsonNode.
                        string placeholder = $"lie{placed.Count}";
                        placed.Add(($"\"{placeholder}\"", lie));
                        d[key] = placeholder;
                    }
                }
                string json = d.ToJsonString();
                foreach ((string placeholder, string lie) in placed) json = json.Replace(placeholder, lie, StringComparison.Ordinal);
                if (text.Length > 0) json = json[..^1] + text + "}"; // a key twice: the text form only
                return new FuzzInput(recipe.ToString(), Encoding.UTF8.GetBytes(json));
            });
}

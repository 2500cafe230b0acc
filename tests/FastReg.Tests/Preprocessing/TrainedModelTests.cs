using FastReg.IO;
using FastReg.Nn;
using FastReg.Nn.Preprocessing;

namespace FastReg.Tests.Preprocessing;

/// <summary>A model with its preprocessing saved and loaded in one call each predicts identically from raw rows.</summary>
public sealed class TrainedModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fastreg-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (DataColumn[] Columns, int[] Labels) Data(int rows, int seed)
    {
        var random = new Random(seed);
        var size = new double[rows];
        var color = new string?[rows];
        var labels = new int[rows];
        string[] colors = ["red", "green", "blue"];
        for (int r = 0; r < rows; r++)
        {
            size[r] = random.NextDouble() * 100 + 50;
            color[r] = colors[random.Next(3)];
            labels[r] = (size[r] > 100 ? 1 : 0) + (color[r] == "blue" ? 1 : 0);
            if (r % 17 == 3) size[r] = double.NaN; // missing cells to impute
        }
        return ([DataColumn.Numeric("size", size), DataColumn.Text("color", color)], labels);
    }

    [Fact]
    public void Save_then_load_predicts_identically_from_raw_rows()
    {
        (DataColumn[] columns, int[] labels) = Data(120, 3);
        int[] train = [.. Enumerable.Range(0, 100)];
        Preprocessor p = Preprocessor.Fit(columns, train, new PreprocessingOptions { Impute = ImputeStrategy.Median });
        double[] x = p.Transform(columns);
        var network = new Sequential<double>(p.FeatureCount, 32, LossKind.SoftmaxCrossEntropy, [new Dense(8), new Activation(ActivationKind.Relu), new Dense(3)], seed: 1) { Optimizer = new Adam(0.02) };
        for (int step = 0; step < 300; step++)
        {
            int start = step % 3 * 32;
            network.TrainStep(x.AsSpan(start * p.FeatureCount, 32 * p.FeatureCount), labels.AsSpan(start, 32), 32);
        }
        var model = new TrainedModel<double>(network, p, classes: ["small", "mid", "large"], targets: ["kind"]);
        string path = Path.Combine(_dir, "m.safetensors");
        model.Save(path);

        TrainedModel<double> loaded = TrainedModel<double>.Load(path);
        Assert.Equal(["size", "color=blue", "color=green", "color=red"], loaded.FeatureNames);
        Assert.Equal(["small", "mid", "large"], loaded.Classes);
        Predictions want = model.Predict(columns), got = loaded.Predict(columns);
        Assert.Equal(want.Outputs, got.Outputs);
        Assert.Equal(want.Classes, got.Classes);
        Assert.True(got.Classes!.Zip(labels, (c, l) => c == loaded.Classes![l]).Count(b => b) > 90, "the network learned nothing");
        // One raw row as text, with a missing size and an unseen color.
        Predictions one = loaded.PredictRow(["", "purple"]);
        Assert.Equal(1, one.UnseenCategories);
        Assert.Equal(1, one.UnseenByInput[1]);
        Assert.Equal(1.0, one.Probabilities!.Sum(), 12);
        var features = new double[p.FeatureCount];
        p.TransformRow([null, "purple"], features);
        Assert.Equal(one.Outputs, loaded.PredictFeatures(features).Outputs);
        // A float model from the same file predicts the same classes.
        Assert.Equal(got.Classes, TrainedModel<float>.Load(path).Predict(columns).Classes);
    }

    [Fact]
    public void A_regression_model_unscales_its_outputs()
    {
        var random = new Random(5);
        int rows = 64;
        var a = new double[rows];
        var y = new double[rows];
        for (int r = 0; r < rows; r++) { a[r] = random.NextDouble(); y[r] = 1000 + 500 * a[r]; }
        int[] all = [.. Enumerable.Range(0, rows)];
        DataColumn[] columns = [DataColumn.Numeric("a", a)];
        Preprocessor p = Preprocessor.Fit(columns, all);
        TargetScaler scaler = TargetScaler.Fit(y, 1, all, ["price"]);
        double[] x = p.Transform(columns), t = [.. y];
        scaler.Scale(t);
        var network = new Sequential<double>(1, rows, LossKind.MeanSquaredError, [new Dense(1)], seed: 2) { Optimizer = new Adam(0.05) };
        for (int step = 0; step < 2000; step++) network.TrainStep(x, t, rows);
        var model = new TrainedModel<double>(network, p, targetScaler: scaler);
        string path = Path.Combine(_dir, "r.safetensors");
        model.Save(path);
        TrainedModel<double> loaded = TrainedModel<double>.Load(path);
        Assert.Equal(["price"], loaded.Targets);
        Predictions at = loaded.PredictRow([0.5]);
        Assert.Equal(1250, at.Outputs[0], 0); // in the target's units, not scaled
        Assert.Equal(model.PredictRow([0.5]).Outputs, at.Outputs);
    }

    [Fact]
    public void A_version_1_file_from_fastreg_train_still_loads()
    {
        var network = new Sequential<double>(2, 4, LossKind.SoftmaxCrossEntropy, [new Dense(2)], seed: 3);
        string path = Path.Combine(_dir, "v1.safetensors");
        ModelFile.Save(path, network, """{"version":1,"inputs":2,"layers":["dense:2"],"loss":"ce","task":"classification","features":["a","b"],"targets":["t"],"classes":["no","yes"],"mean":[10,20],"std":[2,4]}""");
        TrainedModel<double> loaded = TrainedModel<double>.Load(path);
        Assert.Equal([10.0, 20.0], loaded.Preprocessing.Standardizer!.Mean);
        var scaled = new double[2];
        var outputs = new double[2];
        network.Predict([(12 - 10) / 2.0, (16 - 20) / 4.0], outputs, 1);
        Assert.Equal(outputs, loaded.PredictRow([12.0, 16.0]).Outputs);
        Assert.Equal(ModelDescription.CurrentVersion, ModelDescription.FromJson(loaded.Describe().ToJson(), "x").Version);
        _ = scaled;
    }

    [Fact]
    public void A_version_1_file_without_a_scaler_reads_its_inputs_by_feature_name()
    {
        var network = new Sequential<double>(2, 4, LossKind.MeanSquaredError, [new Dense(1)], seed: 3);
        string path = Path.Combine(_dir, "v1raw.safetensors");
        ModelFile.Save(path, network, """{"version":1,"inputs":2,"layers":["dense:1"],"loss":"mse","task":"regression","features":["a","b"],"targets":["t"]}""");
        TrainedModel<double> loaded = TrainedModel<double>.Load(path);
        Assert.Equal(["a", "b"], loaded.Inputs.Select(c => c.Name));
        Assert.Null(loaded.Preprocessing.Standardizer);
        var outputs = new double[1];
        network.Predict([3.0, 4.0], outputs, 1);
        Assert.Equal(outputs, loaded.Predict([DataColumn.Numeric("b", [4.0]), DataColumn.Numeric("a", [3.0])]).Outputs);
        Assert.Throws<ArgumentException>(() => loaded.PredictRow(["1"]));
    }

    [Fact]
    public void A_description_that_does_not_fit_its_tensors_is_one_error()
    {
        var network = new Sequential<double>(2, 4, LossKind.SoftmaxCrossEntropy, [new Dense(3)], seed: 3);
        string path = Path.Combine(_dir, "bad.safetensors");
        ModelFile.Save(path, network, """{"version":2,"inputs":2,"layers":["dense:3"],"loss":"ce","task":"classification","classes":["a","b"]}""");
        Assert.Contains("a classifier with 3 outputs must name 3 classes", Assert.Throws<DataFormatException>(() => TrainedModel<double>.Load(path)).Message, StringComparison.Ordinal);
        ModelFile.Save(path, network, """{"version":2,"inputs":2000000000,"layers":["dense:100000","dense:3"],"loss":"ce","task":"classification","classes":["a","b","c"]}""");
        Assert.Contains("parameters but the file holds 9 numbers", Assert.Throws<DataFormatException>(() => TrainedModel<double>.Load(path)).Message, StringComparison.Ordinal);
        File.WriteAllBytes(path, []);
        Assert.Throws<DataFormatException>(() => TrainedModel<double>.Load(path));
    }
}

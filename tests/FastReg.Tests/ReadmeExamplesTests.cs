using System.Numerics;
using System.Text.RegularExpressions;
using FastReg.IO;
using FastReg.Nn;
using FastReg.Nn.Preprocessing;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;
using FastReg.Simd;
using FastReg.Testing;

namespace FastReg.Tests;

/// <summary>
/// The README's C# blocks, compiled and run here. A test checks that every ```csharp block of
/// README.md appears verbatim in this file, so the README cannot go stale.
/// </summary>
public partial class ReadmeExamplesTests
{
    [Fact]
    public void Kernels_example_runs()
    {
        float[] w = [3f, -4f, 0.5f, 0f], g = [0.1f, -0.2f, 0.3f, 0f];
        float norm = Reductions.Norm<float>(w);                     // overflow-safe, correctly rounded here
        Updates.Sgd<float>(w, g, lr: 0.1f, weightDecay: 0.01f);     // w -= 0.1·(g + 0.01·w), one pass
        Updates.ProximalL1<float>(w, threshold: 0.05f);             // soft-threshold: small weights become exactly 0
        float[] a = [1, 2, 3, 4, 5, 6], b = [1, 0, 0, 1, 1, 1], c = new float[4];
        Blas.Gemm(Transpose.No, Transpose.No, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 2); // C = A·B, row-major
        Console.WriteLine($"{Isa.Active}: |w| = {norm}, C = [{string.Join(", ", c)}]");

        Assert.Equal(MathF.Sqrt(25.25f), norm);
        Assert.Equal([4f, 5f, 10f, 11f], c);
        Assert.Equal(0f, w[3]);
    }

    [Fact]
    public void Network_example_runs()
    {
        var model = new Sequential<float>(inputSize: 4, maxBatch: 32, LossKind.SoftmaxCrossEntropy,
            [new Dense(16), new Activation(ActivationKind.Relu), new Dropout(0.2), new Dense(3)], seed: 42)
        {
            Optimizer = new Sgd(lr: 0.1, momentum: 0.9, weightDecay: 1e-4),
            Penalty = Penalty.Lasso(0.01),                          // proximal L1 on the weights
        };
        var rng = new Random(0);
        float[] x = new float[32 * 4];
        int[] labels = new int[32];
        for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
        for (int i = 0; i < labels.Length; i++) labels[i] = rng.Next(3);

        float objective = model.TrainStep(x, labels, batch: 32);   // forward, backward, update: 0 bytes
        GradientCheckResult check = GradientChecker.Check(model.ConvertTo<double>(),
            Array.ConvertAll(x, v => (double)v), labels, batch: 32);
        Console.WriteLine($"objective {objective}, worst relative error {check.MaxRelativeError:E1} in {check.Worst.Name}");

        Assert.True(float.IsFinite(objective));
        Assert.True(check.MaxRelativeError < 1e-6);
    }

    [Fact]
    public void Sessions_and_safetensors_example_runs()
    {
        var model = new Sequential<float>(inputSize: 4, maxBatch: 32, LossKind.SoftmaxCrossEntropy,
            [new Dense(16), new Activation(ActivationKind.Relu), new Dropout(0.2), new Dense(3)], seed: 42);
        var rng = new Random(0);
        float[] x = new float[32 * 4];
        for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
        float[] expected = new float[32 * 3];
        model.Predict(x, expected, 32);
        float[][] logits = new float[8][];
        Parallel.For(0, 8, i =>
        {
            InferenceSession<float> session = model.CreateInferenceSession(maxBatch: 32);
            logits[i] = new float[32 * 3];
            session.Predict(x, logits[i], batch: 32);               // bit-identical to model.Predict, 0 bytes
        });
        var tensors = model.Parameters.Select(t => new NamedTensor(t.Name, TensorType.F32,
            t.Kind == ParameterKind.Weight ? [t.Rows, t.Cols] : [t.Length],
            Array.ConvertAll(model.GetParameter(t).ToArray(), v => (double)v))).ToList();
        string path = Path.Combine(Path.GetTempPath(), $"model-{Guid.NewGuid():N}.safetensors");
        SafeTensors.Write(path, tensors);                          // "0.weight" [16, 4], "0.bias", "3.weight", ...
        SafeTensorsFile file = SafeTensors.Read(path);             // a bad file: one DataFormatException
        File.Delete(path);

        Assert.All(logits, o => Assert.Equal(expected, o));
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias"], file.Tensors.Select(t => t.Name));
        Assert.Equal([16, 4], file.Find("0.weight")!.Shape);
        Assert.Equal(model.GetParameter("3.bias")[1], (float)file.Find("3.bias")!.Data[1]);
    }

    [Fact]
    public void Conveniences_example_runs()
    {
        var model = new Sequential<float>(inputSize: 4, maxBatch: 32, LossKind.SoftmaxCrossEntropy,
            [new Dense(16), new Activation(ActivationKind.Relu), new Dropout(0.2), new Dense(3)], seed: 42);
        float[] rows = new float[100 * 4];                         // any number of rows, here 100
        float[] probabilities = new float[100 * 3];
        int[] classes = new int[100];
        model.PredictProbabilities(rows, probabilities);           // softmax per row, 0 bytes
        model.PredictClasses(rows, classes);                       // argmax per row, 0 bytes
        var predictor = new ModelPredictor<float>(model);          // one per model, shared by all threads
        int first = predictor.PredictClass(rows.AsSpan(0, 4));     // a single row
        Console.WriteLine(model.Summary());

        Assert.Equal(classes[0], first);
        Assert.Equal(1f, probabilities[0] + probabilities[1] + probabilities[2], 5);
        Assert.Contains("Total params: 131", model.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Selection_example_runs()
    {
        var rng = new Random(1);
        int n = 300;
        float[] features = new float[n * 4];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++)
        {
            classes[i] = rng.Next(3);
            for (int j = 0; j < 4; j++) features[i * 4 + j] = (j == classes[i] ? 1.5f : 0f) + (float)rng.NextDouble();
        }
        Dataset<float> data = Dataset<float>.Classification(features, 4, classes);

        var search = new LambdaSearch<float>(
            () => new Sequential<float>(4, 32, LossKind.SoftmaxCrossEntropy,
                [new Dense(32), new Activation(ActivationKind.Relu), new Dense(3)], seed: 1)
                { Optimizer = new Sgd(0.05, momentum: 0.9) },
            (model, lambda) => model.Penalty = Penalty.Ridge(lambda),
            new TrainingOptions<float> { Epochs = 20, BatchSize = 32 });
        CrossValidationResult cv = search.CrossValidate(data, [0, 0.01, 0.1, 1, 10], k: 5);
        Console.WriteLine($"best λ {cv.BestLambda}, one-standard-error λ {cv.OneStandardErrorLambda}");

        Assert.True(cv.OneStandardErrorLambda >= cv.BestLambda);
        Assert.True(cv.MeanValidation[cv.BestIndex] < cv.MeanValidation[^1]);
    }

    [Fact]
    public void Custom_layer_example_runs()
    {
        LayerCatalog.Register("y = x·σ(x)", () => new Swish());     // model files may name "swish" now
        var model = new Sequential<float>(inputSize: 4, maxBatch: 32, LossKind.SoftmaxCrossEntropy,
            [new Dense(16), new Swish(), new Dense(3)], seed: 1) { Optimizer = new Adam(0.01), Penalty = Penalty.Ridge(1e-3) };
        var rng = new Random(0);
        float[] x = new float[32 * 4];
        int[] labels = new int[32];
        for (int i = 0; i < labels.Length; i++) labels[i] = rng.Next(3);
        for (int i = 0; i < x.Length; i++) x[i] = (i % 4 == labels[i / 4] ? 1f : 0f) + (float)rng.NextDouble() - 0.5f;
        float first = model.TrainStep(x, labels, batch: 32), last = first;
        for (int step = 0; step < 300; step++) last = model.TrainStep(x, labels, batch: 32);


        string path = Path.Combine(Path.GetTempPath(), $"swish-{Guid.NewGuid():N}.safetensors");
        ModelFile.Save(path, model);                                // layers: "dense:16", "swish", "dense:3"
        Sequential<float> loaded = ModelFile.Load<float>(path, maxBatch: 32);
        File.Delete(path);
        GradientProperties.CheckLayer(new Swish());                 // 100 shapes biased to edges, in double

        Console.WriteLine($"loss {first} -> {last}; {loaded.Layers.Count} layers loaded");
        try
        {
            GradientProperties.CheckLayer(new BuggySwish());         // throws: the shrunk counterexample
        }
        catch (Exception bug)
        {
            Console.WriteLine(bug.Message);
        }
        Exception failure = Assert.ThrowsAny<Exception>(() => GradientProperties.CheckLayer(new BuggySwish()));

        Assert.True(last < first / 4, $"{first} -> {last}");
        Assert.Equal(model.AllParameters.ToArray(), loaded.AllParameters.ToArray());
        Assert.Matches(@"Shrunk:\s+batch 1, inputs 1, seed \d+", failure.Message);
        Assert.Contains("input [1, 1]: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Own_regularizer_example_runs()
    {
        var model = new Sequential<double>(inputSize: 3, maxBatch: 8, LossKind.MeanSquaredError,
            [new Dense(4), new Activation(ActivationKind.Tanh), new Dense(2)], seed: 1)
        {
            Penalty = Penalty.Ridge(0.1).With(new LogCoshTerm(0.5)),   // L2 and log-cosh together
        };
        double[] x = new double[8 * 3], y = new double[8 * 2];
        for (int i = 0; i < x.Length; i++) x[i] = Math.Sin(i);
        for (int i = 0; i < y.Length; i++) y[i] = Math.Cos(i);
        GradientCheckResult check = GradientChecker.Check(model, x, y, batch: 8);
        Console.WriteLine($"{model.Penalty}: worst relative error {check.MaxRelativeError:E1}");

        Assert.True(check.Passed, check.Message);
        Assert.Equal("L2 0.1, log-cosh 0.5", model.Penalty.ToString());
        // The term is in the objective: the same model without it scores lower by exactly (λ/m)·Σ log cosh(w).
        double with = model.Objective(x, y, 8);
        model.Penalty = Penalty.Ridge(0.1);
        double expected = 0;
        foreach (ParameterTensor t in model.Parameters)
            if (t.Kind == ParameterKind.Weight)
                foreach (double w in model.GetParameter(t)) expected += 0.5 / 8 * Math.Log(Math.Cosh(w));
        Assert.Equal(expected, with - model.Objective(x, y, 8), 12);
    }

    [Fact]
    public void Save_and_load_example_runs()
    {
        DataColumn[] columns =
        [
            DataColumn.Numeric("size", [12.5, 30.1, double.NaN, 44.0, 18.2, 51.3, 27.7, 39.9]), // NaN: missing
            DataColumn.Text("color", ["red", "blue", "red", null, "green", "blue", "red", "green"]), // null: missing
        ];
        int[] labels = [0, 1, 0, 1, 0, 1, 0, 1];
        int[] trainingRows = [0, 1, 2, 3, 4, 5];                   // every statistic from these rows only
        Preprocessor preprocessing = Preprocessor.Fit(columns, trainingRows,
            new PreprocessingOptions { Impute = ImputeStrategy.Median }); // standardize and one-hot: defaults
        double[] x = preprocessing.Transform(columns);             // [8, 4]: size, color=blue, color=green, color=red
        var network = new Sequential<double>(preprocessing.FeatureCount, 6, LossKind.SoftmaxCrossEntropy,
            [new Dense(8), new Activation(ActivationKind.Relu), new Dense(2)], seed: 1) { Optimizer = new Adam(0.05) };
        for (int step = 0; step < 200; step++) network.TrainStep(x.AsSpan(0, 6 * preprocessing.FeatureCount), labels.AsSpan(0, 6), batch: 6);

        var model = new TrainedModel<double>(network, preprocessing, classes: ["small", "large"]);
        string path = Path.Combine(Path.GetTempPath(), $"model-{Guid.NewGuid():N}.safetensors");
        model.Save(path);                                          // weights, layers, preprocessing, classes

        TrainedModel<double> loaded = TrainedModel<double>.Load(path); // ready to predict from raw rows
        Predictions all = loaded.Predict(columns);                 // outputs, probabilities, class names
        Predictions one = loaded.PredictRow(["35.0", "purple"]);   // a raw row; "purple" is an unseen category
        Console.WriteLine($"{string.Join(" ", all.Classes!)}; new row: {one.Classes![0]}, {one.UnseenCategories} unseen");
        File.Delete(path);

        Assert.Equal(["size", "color=blue", "color=green", "color=red"], preprocessing.FeatureNames);
        Assert.Equal(["small", "large", "small", "large", "small", "large"], all.Classes!.Take(6));
        Assert.Equal(1, one.UnseenCategories);
        Assert.Equal(model.Predict(columns).Outputs, all.Outputs);
    }

    /// <summary>
    /// Each README block is a complete program (tests/PackageConsumer/run.sh builds each alone as a console app on
    /// the packed packages); every run of its lines between blank lines, using directives aside, appears here verbatim.
    /// </summary>
    [Fact]
    public void Every_readme_csharp_block_is_compiled_by_this_file()
    {
        string readme = File.ReadAllText(Find("README.md"));
        string source = Normalize(File.ReadAllText(Find(Path.Combine("tests", "FastReg.Tests", "ReadmeExamplesTests.cs"))));
        MatchCollection blocks = CSharpBlock().Matches(readme);
        Assert.NotEmpty(blocks);
        foreach (Match block in blocks)
            foreach (string paragraph in block.Groups[1].Value.ReplaceLineEndings("\n").Split("\n\n"))
            {
                string code = string.Join('\n', paragraph.Split('\n').Where(l => !(l.StartsWith("using ", StringComparison.Ordinal) && l.EndsWith(';'))));
                if (code.Trim().Length == 0) continue;
                Assert.True(source.Contains(Normalize(code), StringComparison.Ordinal),
                    $"README lines not found in ReadmeExamplesTests.cs:\n{code}");
            }
    }

    // Indentation differs between the README and a method body: compare lines trimmed.
    private static string Normalize(string text) =>
        string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}

/// <summary>y = x·σ(x) (Swish, SiLU): a user's layer, written outside the library.</summary>
public sealed record Swish : LayerSpec
{
    public override string KindName => "swish";
    public override int OutputSize(int inputSize) => inputSize;
    public override Layer<T> Build<T>(LayerBuilder<T> build) => new SwishLayer<T>(build);
}

public class SwishLayer<T>(LayerBuilder<T> build) : Layer<T>(build, build.InputSize)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // x [batch, n] -> y [batch, n]; inference writes only y
    public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode)
    {
        for (int i = 0; i < batch * InputSize; i++) y[i] = x[i] / (T.One + T.Exp(-x[i]));
    }

    // dx = dy·(σ + x·σ·(1 − σ)); no parameters, so nothing to accumulate
    public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
    {
        if (!needDx) return;
        for (int i = 0; i < batch * InputSize; i++)
        {
            T s = T.One / (T.One + T.Exp(-x[i]));
            dx[i] = dy[i] * (s + x[i] * s * (T.One - s));
        }
    }
}

/// <summary>The same layer with a bug planted in backward: the x·σ′(x) term is forgotten.</summary>
public sealed record BuggySwish : LayerSpec
{
    public override string KindName => "buggy_swish";
    public override int OutputSize(int inputSize) => inputSize;
    public override Layer<T> Build<T>(LayerBuilder<T> build) => new BuggySwishLayer<T>(build);
}

public sealed class BuggySwishLayer<T>(LayerBuilder<T> build) : SwishLayer<T>(build)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
    {
        for (int i = 0; i < batch * InputSize; i++) dx[i] = dy[i] / (T.One + T.Exp(-x[i]));
    }
}

/// <summary>(λ/m)·Σ log cosh(w) on every tensor the penalty reaches: a user's regularizer.</summary>
public sealed record LogCoshTerm(double Lambda) : PenaltyTerm
{
    public override Regularizer<T>? Create<T>(ParameterTensor tensor) => new LogCosh<T>(T.CreateTruncating(Lambda));
    public override string Describe() => $"log-cosh {Lambda}";
}

/// <summary>The run-time form: the term and its gradient (λ/m)·tanh(w), over spans.</summary>
public sealed class LogCosh<T>(T lambda) : Regularizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override T Objective(ReadOnlySpan<T> w, T invM)
    {
        T sum = T.Zero;
        foreach (T v in w) sum += T.Log(T.Cosh(v));
        return lambda * invM * sum;
    }

    public override void AddGradient(ReadOnlySpan<T> w, Span<T> g, T invM)
    {
        for (int i = 0; i < w.Length; i++) g[i] += lambda * invM * T.Tanh(w[i]);
    }
}

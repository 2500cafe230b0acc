using System.Text.RegularExpressions;
using FastReg.IO;
using FastReg.Nn;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;
using FastReg.Simd;

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
    public void Every_readme_csharp_block_is_compiled_by_this_file()
    {
        string readme = File.ReadAllText(Find("README.md"));
        string source = Normalize(File.ReadAllText(Find(Path.Combine("tests", "FastReg.Tests", "ReadmeExamplesTests.cs"))));
        MatchCollection blocks = CSharpBlock().Matches(readme);
        Assert.NotEmpty(blocks);
        foreach (Match block in blocks)
            Assert.True(source.Contains(Normalize(block.Groups[1].Value), StringComparison.Ordinal),
                $"README block not found in ReadmeExamplesTests.cs:\n{block.Groups[1].Value}");
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

using System.Numerics;
using FastReg.IO;
using FastReg.Nn;
using FastReg.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.Nn;

/// <summary>A user's layer, written as a user would outside the library: PReLU with one learnable slope per unit and a kink at 0.</summary>
public sealed record LeakyUnits(double InitialSlope = 0.25) : LayerSpec
{
    public override string KindName => "leaky_units";

    public override string Settings => InitialSlope.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public override int OutputSize(int inputSize) => inputSize;

    public override Layer<T> Build<T>(LayerBuilder<T> build) => new Runtime<T>(this, build);

    /// <summary>Set by a test to plant a bug in backward (the slope's gradient halved).</summary>
    public bool PlantedBug { get; init; }

    private sealed class Runtime<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ParameterTensor _slope;
        private readonly bool _bug;

        public Runtime(LeakyUnits spec, LayerBuilder<T> build) : base(build, build.InputSize)
        {
            _slope = build.AddParameter("slope", build.InputSize, 1, ParameterKind.Bias, ParameterInit.Constant(spec.InitialSlope), penalized: false, weightDecay: false);
            _bug = spec.PlantedBug;
        }

        public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode)
        {
            ReadOnlySpan<T> a = Parameter(_slope);
            for (int e = 0; e < batch * InputSize; e++) y[e] = x[e] > T.Zero ? x[e] : a[e % InputSize] * x[e];
        }

        public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
        {
            ReadOnlySpan<T> a = Parameter(_slope);
            Span<T> da = Gradient(_slope);
            T half = T.One / (T.One + T.One);
            for (int e = 0; e < batch * InputSize; e++)
            {
                int j = e % InputSize;
                if (!(x[e] > T.Zero)) da[j] += (_bug ? half : T.One) * dy[e] * x[e];
                if (needDx) dx[e] = x[e] > T.Zero ? dy[e] : a[j] * dy[e];
            }
        }

        public override ulong KinkSignature(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int batch)
        {
            ulong hash = 0;
            for (int e = 0; e < batch * InputSize; e++) hash = MixSignature(hash, x[e] > T.Zero ? 1UL : 0UL);
            return hash;
        }
    }
}

public class OpenNetworkTests
{
    static OpenNetworkTests() =>
        LayerCatalog.Register(new LayerKind("leaky_units", "y = x (x > 0), a·x otherwise, one slope a per unit",
            s => new LeakyUnits(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)), new LeakyUnits()));

    private static Sequential<float> Model() => new(4, 16, LossKind.SoftmaxCrossEntropy,
        [new Dense(8), new LeakyUnits(), new Dense(3)], seed: 3) { Optimizer = new Adam(0.01, weightDecay: 0.1), Penalty = Penalty.Ridge(0.1) with { TopK = 3 } };

    private static (float[] X, int[] Labels) Data()
    {
        var rng = new Random(5);
        var x = new float[16 * 4];
        var labels = new int[16];
        for (int i = 0; i < 16; i++)
        {
            labels[i] = rng.Next(3);
            for (int j = 0; j < 4; j++) x[i * 4 + j] = (j == labels[i] ? 1f : 0f) + (float)rng.NextDouble() - 0.5f;
        }
        return (x, labels);
    }

    [Fact]
    public void A_user_layer_trains_with_every_optimizer_penalty_and_session_and_allocates_nothing()
    {
        Sequential<float> model = Model();
        (float[] x, int[] labels) = Data();
        ParameterTensor slope = model.Parameters.Single(t => t.Name == "1.slope");
        Assert.False(slope.Penalized);
        Assert.False(slope.WeightDecay);
        Assert.Equal(0.25f, model.GetParameter(slope)[0]);
        float first = model.TrainStep(x, labels, 16);
        for (int i = 0; i < 200; i++) model.TrainStep(x, labels, 16);
        long before = GC.GetAllocatedBytesForCurrentThread();
        float last = model.TrainStep(x, labels, 16);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(last < first / 2, $"{first} -> {last}");
        Assert.NotEqual(0.25f, model.GetParameter(slope)[0]); // the slope learns

        var expected = new float[16 * 3];
        var fromSession = new float[16 * 3];
        model.Predict(x, expected, 16);
        model.CreateInferenceSession(16).Predict(x, fromSession, 16);
        Assert.Equal(expected, fromSession);
        Assert.True(GradientChecker.Check(model.ConvertTo<double>(), Array.ConvertAll(x, v => (double)v), labels, 16).Passed);
    }

    [Fact]
    public void A_user_layer_saves_and_loads_by_its_registered_kind()
    {
        Sequential<float> model = Model();
        (float[] x, int[] labels) = Data();
        for (int i = 0; i < 20; i++) model.TrainStep(x, labels, 16);
        string path = Path.Combine(Path.GetTempPath(), $"leaky-{Guid.NewGuid():N}.safetensors");
        try
        {
            ModelFile.Save(path, model);
            Assert.Contains("\"leaky_units:0.25\"", SafeTensors.Read(path).Metadata[ModelFile.MetadataKey], StringComparison.Ordinal);
            Sequential<float> loaded = ModelFile.Load<float>(path, maxBatch: 16);
            Assert.Equal(model.AllParameters.ToArray(), loaded.AllParameters.ToArray());
            var a = new float[48];
            var b = new float[48];
            model.Predict(x, a, 16);
            loaded.Predict(x, b, 16);
            Assert.Equal(a, b);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_naming_an_unregistered_kind_is_one_clear_error()
    {
        var model = new Sequential<double>(2, 1, LossKind.MeanSquaredError, [new Dense(2), new Activation(ActivationKind.Tanh), new Dense(1)]);
        string path = Path.Combine(Path.GetTempPath(), $"swish-{Guid.NewGuid():N}.safetensors");
        try
        {
            ModelFile.Save(path, model, """{"version":1,"inputs":2,"layers":["dense:2","swish_unregistered","dense:1"],"loss":"mse"}""");
            var e = Assert.Throws<DataFormatException>(() => ModelFile.Load<double>(path, 4));
            Assert.Contains("layer 1", e.Message, StringComparison.Ordinal);
            Assert.Contains("kind 'swish_unregistered' is not registered", e.Message, StringComparison.Ordinal);
            Assert.Contains("LayerCatalog.Register", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_catalogue_refuses_a_built_in_name_and_unregistered_specs_cannot_be_saved()
    {
        Assert.Throws<ArgumentException>(() => LayerCatalog.Register(new LayerKind("dense", "", _ => new LeakyUnits(), new LeakyUnits())));
        Assert.Contains("is not registered", Assert.Throws<ArgumentException>(() => LayerCatalog.Token(new Unregistered())).Message, StringComparison.Ordinal);
        Assert.Equal("dense:7,nobias", LayerCatalog.Token(new Dense(7) { Bias = false }));
        Assert.Equal(new Dense(7) { Bias = false }, LayerCatalog.Create("dense:7,nobias"));
        Assert.Contains("dense takes", Assert.Throws<ArgumentException>(() => LayerCatalog.Create("dense:0")).Message, StringComparison.Ordinal);
    }

    private sealed record Unregistered : LayerSpec
    {
        public override string KindName => "not_in_the_catalogue";

        public override int OutputSize(int inputSize) => inputSize;

        public override Layer<T> Build<T>(LayerBuilder<T> build) => throw new NotSupportedException();
    }

    [Fact]
    public void A_user_layer_passes_its_property_and_a_planted_bug_shrinks_to_the_smallest_shape()
    {
        GradientProperties.CheckLayer(new LeakyUnits(), maxTest: 50);
        // A fixed FsCheck seed: which case fails first, and so how far shrinking gets, must not change from run to run.
        var replay = new Replay(new Rnd(20261202UL, 0x9E3779B97F4A7C15UL), Microsoft.FSharp.Core.FSharpOption<int>.None);
        Exception e = Assert.ThrowsAny<Exception>(() => GradientProperties.ForLayer(new LeakyUnits { PlantedBug = true })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(50).WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(replay))));
        // The bug shows only where some x ≤ 0, so the case shrinks to one row and as few inputs as its data allow.
        Assert.Matches(@"Shrunk:\s+batch 1, inputs \d+, seed", e.Message);
        Assert.Matches(@"0\.slope \[\d+, 1\] of layer 0 \(leaky_units\): 5\.00E-001", e.Message); // the halved gradient, named
    }

    [Fact]
    public void ReLU_128_64_at_178_rows_of_13_inputs_passes_with_its_kinks_detected()
    {
        var rng = new Random(0);
        var x = new double[178 * 13];
        var labels = new int[178];
        for (int i = 0; i < x.Length; i++) x[i] = 2 * rng.NextDouble() - 1;
        for (int i = 0; i < labels.Length; i++) labels[i] = rng.Next(3);
        var model = new Sequential<double>(13, 178, LossKind.SoftmaxCrossEntropy,
            [new Dense(128), new Activation(ActivationKind.Relu), new Dense(64), new Activation(ActivationKind.Relu), new Dense(3)]);
        GradientCheckResult r = GradientChecker.Check(model, x, labels, 178, new GradientCheckOptions { MaxEntriesPerTensor = 40 });
        Assert.True(r.Passed, r.Message);
        Assert.All(r.Tensors, t => Assert.Equal(t.Shape[0] * t.Shape[1] > 40 ? 40 : t.Shape[0] * t.Shape[1], t.Checked));
    }

    [Fact]
    public void Any_scalar_function_is_checked_and_a_wrong_entry_is_named()
    {
        static double Rosenbrock(double[] p) => (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]);
        static double[] Gradient(double[] p) => [-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] * p[0]), 200 * (p[1] - p[0] * p[0])];
        GradientCheckResult ok = GradientChecker.CheckFunction("rosenbrock θ", Rosenbrock, Gradient, [0.3, -0.7]);
        Assert.True(ok.Passed, ok.Message);
        GradientCheckResult bad = GradientChecker.CheckFunction("rosenbrock θ", Rosenbrock, p => [Gradient(p)[0], Gradient(p)[1] * 1.001], [0.3, -0.7]);
        Assert.False(bad.Passed);
        Assert.Contains("rosenbrock θ [2]: ", bad.Message, StringComparison.Ordinal);
        Assert.Contains("at [1]", bad.Message, StringComparison.Ordinal);
        // |θ| has a kink at 0: an entry within the step of it is set aside, not failed; elsewhere its gradient is sign(θ).
        GradientCheckResult abs = GradientChecker.CheckFunction("|θ|", p => Math.Abs(p[0]) + Math.Abs(p[1]), p => [Math.Sign(p[0]), Math.Sign(p[1])], [1e-7, 0.5]);
        Assert.True(abs.Passed, abs.Message);
        Assert.Equal(1, abs.Tensors[0].Kinks);
    }

    [Fact]
    public void A_full_jacobian_is_checked_like_torch_gradcheck_and_returned_on_request()
    {
        static double[] F(double[] x) => [x[0] * x[1], Math.Sin(x[2]), x[0] + x[2] * x[2]];
        static double[] Vjp(double[] x, double[] v) => [v[0] * x[1] + v[2], v[0] * x[0], v[1] * Math.Cos(x[2]) + v[2] * 2 * x[2]];
        JacobianCheckResult ok = GradientChecker.CheckJacobian("f", F, Vjp, [0.5, -1.5, 0.7], new GradientCheckOptions { ReturnJacobians = true });
        Assert.True(ok.Passed, ok.Message);
        Assert.Equal(3, ok.Outputs);
        Assert.Equal(Math.Cos(0.7), ok.Analytic![1, 2], 15);
        Assert.Equal(Math.Cos(0.7), ok.Numeric![1, 2], 8);
        JacobianCheckResult bad = GradientChecker.CheckJacobian("f", F, (x, v) => { double[] r = Vjp(x, v); r[1] *= 1.01; return r; }, [0.5, -1.5, 0.7]);
        Assert.False(bad.Passed);
        Assert.Equal((0, 1), (bad.WorstEntries[0].Row, bad.WorstEntries[0].Column));
        Assert.Contains("J[0, 1]", bad.Message, StringComparison.Ordinal);
        JacobianCheckResult layer = GradientChecker.CheckLayerJacobian(new HardConcreteGate(0.1), 5, 3, seed: 2);
        Assert.True(layer.Passed, layer.Message);
        Assert.Equal(15, layer.Inputs);
    }
}

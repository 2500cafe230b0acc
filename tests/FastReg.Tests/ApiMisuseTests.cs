using FastReg.IO;
using FastReg.Nn;
using FastReg.Simd;
using FastReg.Tests.IO;
using FastReg.Tests.Nn;

namespace FastReg.Tests;

/// <summary>
/// Library calls that used to accept what they could not honour: aliasing the kernels cannot handle, undefined
/// enum values, settings that divide by zero or never end, values a file's dtype cannot hold, and changing a
/// model's optimizer or penalty under a step running on another thread.
/// </summary>
public class ApiMisuseTests
{
    [Fact]
    public void Top_k_refuses_scratch_that_is_the_gradient()
    {
        float[] g = [3, -1, 2, 5, -4, 0, 1, 2];
        var e = Assert.Throws<ArgumentException>(() => Updates.TopKMask<float>(g, 3, g));
        Assert.Equal("scratch", e.ParamName);
        float[] big = new float[16];
        Assert.Throws<ArgumentException>(() => Updates.TopKMask(big.AsSpan(0, 8), 3, big.AsSpan(4, 8)));
        Updates.TopKMask<float>(g, 3, new float[8]); // disjoint scratch still works
        Assert.Equal([3, 0, 0, 5, -4, 0, 0, 0], g);
    }

    [Fact]
    public void Updates_refuse_a_gradient_or_state_partly_overlapping_the_parameters()
    {
        double[] buffer = new double[24];
        Span<double> w = buffer.AsSpan(0, 8), apart = buffer.AsSpan(16, 8);
        Assert.Equal("grad", Assert.Throws<ArgumentException>(() => Updates.Sgd<double>(buffer.AsSpan(0, 8), buffer.AsSpan(4, 8), 0.1, 0)).ParamName);
        Assert.Equal("g", Assert.Throws<ArgumentException>(() => Updates.SgdProximalL1<double>(buffer.AsSpan(0, 8), buffer.AsSpan(4, 8), 0.1, 0.1)).ParamName);
        SgdSettings<double> momentum = SgdSettings<double>.Create(lr: 0.1, momentum: 0.9);
        Assert.Equal("grad", Assert.Throws<ArgumentException>(() => Updates.SgdMomentum<double>(buffer.AsSpan(0, 8), buffer.AsSpan(4, 8), buffer.AsSpan(16, 8), momentum, false)).ParamName);
        Assert.Equal("momentumBuffer", Assert.Throws<ArgumentException>(() => Updates.SgdMomentum<double>(buffer.AsSpan(0, 8), buffer.AsSpan(16, 8), buffer.AsSpan(0, 8), momentum, false)).ParamName);
        AdamSettings<double> adam = AdamSettings<double>.Adam();
        Assert.Equal("grad", Assert.Throws<ArgumentException>(() => Updates.Adam<double>(buffer.AsSpan(0, 8), buffer.AsSpan(2, 8), buffer.AsSpan(16, 8), new double[8], [], adam, 1)).ParamName);
        Assert.Equal("expAvgSq", Assert.Throws<ArgumentException>(() => Updates.Adam<double>(buffer.AsSpan(0, 8), new double[8], buffer.AsSpan(16, 8), buffer.AsSpan(16, 8), [], adam, 1)).ParamName);
        // In place (the same span) is still allowed where each element is read before it is written.
        Updates.Sgd<double>(w, w, 0.1, 0);
        Updates.Sgd<double>(w, apart, 0.1, 0);
    }

    [Fact]
    public void Undefined_enum_values_and_impossible_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Activation((ActivationKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Activation(ActivationKind.Relu) with { Kind = (ActivationKind)99 });
        Assert.Throws<ArgumentOutOfRangeException>(() => Penalty.Lasso(0.1, (L1Method)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => Penalty.None with { L1Method = (L1Method)9 });
        Assert.Equal("eps", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(eps: 0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(eps: double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => new Sequential<float>(4, 8, LossKind.MeanSquaredError, [new Dense(3), new HardConcreteGate(double.PositiveInfinity), new Dense(1)]));
    }

    [Fact]
    public void SafeTensors_write_refuses_values_float32_cannot_hold_and_names_without_a_utf8_form()
    {
        using var dir = new TempDirectory();
        string path = dir.File("w.safetensors");
        var e = Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [new NamedTensor("w", TensorType.F32, [2], [1, 1e300])]));
        Assert.Contains("index 1", e.Message, StringComparison.Ordinal);
        SafeTensors.Write(path, [new NamedTensor("w", TensorType.F64, [2], [1, 1e300])]); // F64 holds it
        SafeTensors.Write(path, [new NamedTensor("w", TensorType.F32, [3], [float.MaxValue, double.NaN, double.NegativeInfinity])]); // representable
        // "\ud800" and "\udbff" are different strings that would both become U+FFFD in UTF-8.
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [new NamedTensor("a\ud800", TensorType.F32, [1], [1]), new NamedTensor("a\udbff", TensorType.F32, [1], [1])]));
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [new NamedTensor("w", TensorType.F32, [1], [1])], new Dictionary<string, string> { ["k"] = "\udc00" }));
        SafeTensors.Write(path, [new NamedTensor("emoji 😀", TensorType.F32, [1], [1])]); // a surrogate pair is fine
        Assert.Equal("emoji 😀", SafeTensors.Read(path).Tensors[0].Name);
    }

    [Fact]
    public void Changing_the_optimizer_or_penalty_during_a_step_on_another_thread_is_refused()
    {
        Sequential<float> model = InferenceSessionTests.Model<float>();
        var thread = new Thread(() => model.OwnerGuard.Enter("held by the test")); // as a TrainStep in progress would
        thread.Start();
        thread.Join();
        try
        {
            Optimizer before = model.Optimizer!;
            Assert.Contains("another thread", Assert.Throws<InvalidOperationException>(() => model.Optimizer = new Sgd(0.1)).Message, StringComparison.Ordinal);
            Assert.Contains("another thread", Assert.Throws<InvalidOperationException>(() => model.Penalty = Penalty.Ridge(1)).Message, StringComparison.Ordinal);
            Assert.Same(before, model.Optimizer);
        }
        finally
        {
            model.OwnerGuard.Exit();
        }
        model.Optimizer = new Sgd(0.1); // free again
    }
}

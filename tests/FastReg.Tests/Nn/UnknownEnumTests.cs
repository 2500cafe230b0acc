using System.Numerics;
using FastReg.Nn;
using FastReg.Nn.Selection;
using FastReg.Nn.Training;

namespace FastReg.Tests.Nn;

/// <summary>An undefined value of a public enum is refused where it enters, never replaced by a default.</summary>
public class UnknownEnumTests
{
    [Fact]
    public void An_undefined_selection_metric_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new LambdaSearch<double>(() => new Sequential<double>(2, 1, LossKind.MeanSquaredError, [new Dense(1)]), (_, _) => { }, new TrainingOptions<double>())
            {
                Metric = (SelectionMetric)9,
            });
        Assert.Equal("Metric", e.ParamName);
    }

    [Fact]
    public void An_undefined_monitor_mode_is_refused()
    {
        Assert.Equal("mode", Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(mode: (MonitorMode)9)).ParamName);
    }

    [Fact]
    public void A_parameter_of_undefined_kind_is_refused_when_the_layer_is_built()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sequential<double>(2, 1, LossKind.MeanSquaredError, [new OddParameter(), new Dense(1)]));
        Assert.Equal("kind", e.ParamName);
    }

    /// <summary>A user layer that declares a parameter with a kind no optimizer knows.</summary>
    sealed record OddParameter : LayerSpec
    {
        public override string KindName => "odd_parameter";

        public override int OutputSize(int inputSize) => inputSize;

        public override Layer<T> Build<T>(LayerBuilder<T> build) => new Runtime<T>(build);

        sealed class Runtime<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
        {
            public Runtime(LayerBuilder<T> build) : base(build, build.InputSize) =>
                build.AddParameter("odd", build.InputSize, 1, (ParameterKind)9, ParameterInit.Constant(0));

            public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode) => x[..(batch * InputSize)].CopyTo(y);

            public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
            {
                if (needDx) dy[..(batch * InputSize)].CopyTo(dx);
            }
        }
    }
}

using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>How a dense layer's weights are drawn (biases start at 0).</summary>
public enum WeightInit
{
    /// <summary>He when the next layer is a ReLU, Xavier otherwise.</summary>
    Auto,

    /// <summary>He (Kaiming) uniform: U(−√(6/fan_in), √(6/fan_in)).</summary>
    He,

    /// <summary>Xavier (Glorot) uniform: U(−√(6/(fan_in+fan_out)), √(6/(fan_in+fan_out))).</summary>
    Xavier,
}

/// <summary>A fully connected layer y = x·Wᵀ + b with W [Units, in] (torch.nn.Linear's layout).</summary>
/// <param name="Units">Output width.</param>
public sealed record Dense(int Units) : LayerSpec
{
    /// <summary>Output width, at least 1 (refused at construction, as <see cref="Dropout"/>'s rate is).</summary>
    public int Units { get; init => field = Checked(value); } = Checked(Units);

    private static int Checked(int units, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(units))] string? name = null) => units >= 1
        ? units
        : throw new ArgumentOutOfRangeException(name == "value" ? nameof(Units) : name, units, "A Dense layer needs at least one unit.");

    /// <summary>This layer's penalty; null uses the model's <see cref="Sequential{T}.Penalty"/>.</summary>
    public Penalty? Penalty { get; init; }

    /// <summary>Weight initialisation.</summary>
    public WeightInit Init { get; init; } = WeightInit.Auto;

    /// <summary>Whether the layer has a bias.</summary>
    public bool Bias { get; init; } = true;

    /// <inheritdoc/>
    public override string KindName => "dense";

    /// <summary>The units, and ",nobias" for a layer without a bias.</summary>
    public override string Settings => Units.ToString(System.Globalization.CultureInfo.InvariantCulture) + (Bias ? "" : ",nobias");

    /// <inheritdoc/>
    public override int OutputSize(int inputSize) => Units;

    /// <inheritdoc/>
    public override long ParameterCount(int inputSize) => (long)Units * inputSize + (Bias ? Units : 0);

    /// <summary>This layer with <paramref name="units"/> units (W [units, in] keeps its rows per unit and columns per input).</summary>
    public override LayerSpec? WithUnits(int units) => this with { Units = units };

    /// <inheritdoc/>
    public override Layer<T> Build<T>(LayerBuilder<T> build) => new DenseLayer<T>(this, build);
}

/// <summary>Dense forward and backward, side by side.</summary>
internal sealed class DenseLayer<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{

    public DenseLayer(Dense spec, LayerBuilder<T> build) : base(build, spec.Units)
    {
        WeightInit init = spec.Init switch
        {
            WeightInit.Auto => build.Next is Activation { Kind: ActivationKind.Relu } ? WeightInit.He : WeightInit.Xavier,
            WeightInit.He or WeightInit.Xavier => spec.Init,
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Init, $"Layer {build.Index} (Dense): unknown weight initialisation."),
        };
        double bound = init == WeightInit.He
            ? Math.Sqrt(6.0 / build.InputSize)
            : Math.Sqrt(6.0 / (build.InputSize + spec.Units));
        Weight = build.AddParameter("weight", spec.Units, build.InputSize, ParameterKind.Weight, ParameterInit.Uniform(bound), spec.Penalty);
        Bias = spec.Bias ? build.AddParameter("bias", spec.Units, 1, ParameterKind.Bias, ParameterInit.Zeros, spec.Penalty) : null;
    }

    public ParameterTensor Weight { get; }

    public ParameterTensor? Bias { get; }

    // x [B, in], W [out, in], b [out] -> y [B, out] = x·Wᵀ + b
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode)
    {
        int nIn = InputSize, nOut = OutputSize;
        T beta = T.Zero;
        if (Bias is not null)
        {
            ReadOnlySpan<T> b = Parameter(Bias);
            for (int r = 0; r < batch; r++) b.CopyTo(y.Slice(r * nOut, nOut));
            beta = T.One;
        }
        NnKernels.Gemm(false, true, batch, nOut, nIn, T.One, x, nIn, Parameter(Weight), nIn, beta, y, nOut);
    }

    // dy [B, out] -> dW [out, in] += dyᵀ·x, db [out] += Σ_rows dy, dx [B, in] = dy·W
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
    {
        int nIn = InputSize, nOut = OutputSize;
        NnKernels.Gemm(true, false, nOut, nIn, batch, T.One, dy, nOut, x, nIn, T.One, Gradient(Weight), nIn);
        if (Bias is not null)
        {
            // db += Σ_r dy[r, :]: column sums kept in registers down the batch (one call; the rows are added in order).
            NnKernels.AddColumnSums(dy, batch, nOut, Gradient(Bias));
        }
        if (needDx)
            NnKernels.Gemm(false, false, batch, nIn, nOut, T.One, dy, nOut, Parameter(Weight), nIn, T.Zero, dx, nIn);
    }
}

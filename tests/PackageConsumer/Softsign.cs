using System.Numerics;
using FastReg.Nn;

namespace PackageConsumer;

/// <summary>y = x / (1 + |x|), a user's layer, with an optional bug planted in backward.</summary>
public sealed record Softsign(bool PlantedBug = false) : LayerSpec
{
    public override string KindName => "softsign";

    public override int OutputSize(int inputSize) => inputSize;

    public override Layer<T> Build<T>(LayerBuilder<T> build) => new SoftsignLayer<T>(build, PlantedBug);
}

public sealed class SoftsignLayer<T>(LayerBuilder<T> build, bool plantedBug) : Layer<T>(build, build.InputSize)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, PassMode mode)
    {
        for (int i = 0; i < batch * InputSize; i++) y[i] = x[i] / (T.One + T.Abs(x[i]));
    }

    // dy/dx = 1 / (1 + |x|)²; the planted bug drops the square
    public override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch, bool needDx)
    {
        if (!needDx) return;
        for (int i = 0; i < batch * InputSize; i++)
        {
            T d = T.One + T.Abs(x[i]);
            dx[i] = plantedBug ? dy[i] / d : dy[i] / (d * d);
        }
    }

    // |x| makes the second derivative jump at 0, enough to spoil a central difference that straddles it
    // (a random input within ε of 0 gave 6.6e-5): the sign of every input is the layer's kink signature.
    public override ulong KinkSignature(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int batch) => SignSignature(x[..(batch * InputSize)]);
}

using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Testing;

/// <summary>The shape a layer is checked at: rows, input width, and the seed of its parameters, input and upstream gradient.</summary>
/// <param name="Batch">Rows.</param>
/// <param name="Inputs">Input width.</param>
/// <param name="Seed">Seeds weights and data; a failing case replays from it.</param>
public sealed record LayerCase(int Batch, int Inputs, ulong Seed)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"batch {Batch}, inputs {Inputs}, seed {Seed}");

    /// <summary>
    /// Cases with batch and width from <see cref="Shapes.Size"/>; shrinking makes the batch, then the
    /// width, as small as they go while the property still fails (the seed stays).
    /// </summary>
    public static Arbitrary<LayerCase> Arbitrary(int maxBatch = 33, int maxInputs = 33)
    {
        Gen<LayerCase> gen =
            from batch in Shapes.Size(maxBatch)
            from inputs in Shapes.Size(maxInputs)
            from seed in Gen.Choose(0, int.MaxValue)
            select new LayerCase(batch, inputs, (ulong)seed);
        return Arb.From(gen, Shrink);
    }

    private static IEnumerable<LayerCase> Shrink(LayerCase c)
    {
        foreach (int b in Shapes.ShrinkSize(c.Batch)) yield return c with { Batch = b };
        foreach (int n in Shapes.ShrinkSize(c.Inputs)) yield return c with { Inputs = n };
    }
}

using System.Globalization;
using FastReg.Nn;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Testing;

/// <summary>
/// A whole network to check: architecture, loss, penalty, step and the seed of its weights and data.
/// Failures shrink by dropping hidden layers, narrowing, and cutting the batch and the input.
/// </summary>
/// <param name="Inputs">Input width.</param>
/// <param name="Batch">Rows.</param>
/// <param name="Layers">The layers; the last is a Dense.</param>
/// <param name="Loss">The loss.</param>
/// <param name="Penalty">The model's penalty.</param>
/// <param name="Step">The step that keys dropout masks and gate noise.</param>
/// <param name="Seed">Seeds weights, inputs and targets.</param>
public sealed record ModelCase(int Inputs, int Batch, IReadOnlyList<LayerSpec> Layers, LossKind Loss, Penalty Penalty, long Step, ulong Seed)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"inputs {Inputs}, batch {Batch}, [{string.Join(" ", Layers.Select(LayerCatalog.Token))}], {LossCatalog.Name(Loss)}, penalty {Penalty}, step {Step}, seed {Seed}");

    /// <summary>The model in double with its penalty and step.</summary>
    public Sequential<double> Build() => new(Inputs, Batch, Loss, Layers, Seed) { Penalty = Penalty, Step = Step };

    /// <summary>Builds the model, draws inputs in [−1, 1) and targets fitting the loss, and checks every gradient.</summary>
    public GradientCheckResult Check(GradientCheckOptions? options = null)
    {
        Sequential<double> model = Build();
        var rng = new Random(unchecked((int)Seed) ^ 0x2545F49);
        var x = new double[Batch * Inputs];
        for (int i = 0; i < x.Length; i++) x[i] = 2 * rng.NextDouble() - 1;
        var targets = new double[Batch * model.OutputSize];
        LossEntry entry = LossCatalog.Entry(Loss);
        if (entry.TakesLabels)
        {
            var labels = new int[Batch];
            for (int i = 0; i < Batch; i++) labels[i] = rng.Next(model.OutputSize);
            return GradientChecker.Check(model, x, labels, Batch, options);
        }
        // The loss's sampling interval: [−1, 1) for any real value (mse), [0, 1) for probabilities (bce).
        var (low, high) = entry.SampleTargets;
        for (int i = 0; i < targets.Length; i++) targets[i] = low + (high - low) * rng.NextDouble();
        return GradientChecker.Check(model, x, targets, Batch, options);
    }

    /// <summary>Up to <paramref name="maxHidden"/> hidden blocks (Dense, maybe a gate, an activation, maybe dropout), then a Dense output.</summary>
    public static Arbitrary<ModelCase> Arbitrary(int maxHidden = 2, int maxWidth = 9, int maxBatch = 9)
    {
        Gen<LayerSpec[]> block =
            from units in Shapes.Size(maxWidth)
            from gate in Gen.Frequency((2, Gen.Constant<LayerSpec?>(null)), (1, Gen.Elements(0.0, 0.5).Select(l => (LayerSpec?)new HardConcreteGate(l))))
            from activation in Gen.Elements(Enum.GetValues<ActivationKind>())
            from dropout in Gen.Frequency((2, Gen.Constant<LayerSpec?>(null)), (1, Gen.Elements(0.2, 0.5).Select(r => (LayerSpec?)new Dropout(r))))
            select new LayerSpec?[] { new Dense(units), gate, new Activation(activation), dropout }.OfType<LayerSpec>().ToArray();
        Gen<ModelCase> gen =
            from inputs in Shapes.Size(maxWidth)
            from batch in Shapes.Size(maxBatch)
            from blocks in Gen.Choose(0, maxHidden).SelectMany(n => Gen.ArrayOf(block, n))
            from outputs in Gen.Choose(1, 5)
            from bias in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            from loss in Gen.Elements(Enum.GetValues<LossKind>())
            from penalty in FastReg.Testing.Layers.Penalty
            from step in Gen.Choose(0, 1000)
            from seed in Gen.Choose(0, int.MaxValue)
            select new ModelCase(inputs, batch, [.. blocks.SelectMany(b => b), new Dense(outputs) { Bias = bias }], loss, penalty, step, (ulong)seed);
        return Arb.From(gen, Shrink);
    }

    private static IEnumerable<ModelCase> Shrink(ModelCase c)
    {
        for (int i = 0; i < c.Layers.Count - 1; i++)
            yield return c with { Layers = [.. c.Layers.Take(i), .. c.Layers.Skip(i + 1)] };
        if (c.Penalty != Penalty.None) yield return c with { Penalty = Penalty.None };
        foreach (int b in Shapes.ShrinkSize(c.Batch)) yield return c with { Batch = b };
        foreach (int n in Shapes.ShrinkSize(c.Inputs)) yield return c with { Inputs = n };
        for (int i = 0; i < c.Layers.Count; i++)
            if (c.Layers[i] is Dense d)
                foreach (int u in Shapes.ShrinkSize(d.Units))
                    yield return c with { Layers = [.. c.Layers.Take(i), d with { Units = u }, .. c.Layers.Skip(i + 1)] };
    }
}

using FastReg.Nn;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Testing;

/// <summary>Layer configurations: every built-in kind with settings drawn near its edges.</summary>
public static class Layers
{
    /// <summary>A Dense (with or without bias), an activation, a dropout or an L0 gate.</summary>
    public static Gen<LayerSpec> BuiltIn(int maxUnits = 17) =>
        Gen.OneOf(
            from units in Shapes.Size(maxUnits)
            from bias in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            select (LayerSpec)new Dense(units) { Bias = bias },
            Gen.Elements(Enum.GetValues<ActivationKind>()).Select(k => (LayerSpec)new Activation(k)),
            Gen.Elements(0.0, 0.1, 0.5, 0.9).Select(r => (LayerSpec)new Dropout(r)),
            from lambda in Gen.Elements(0.0, 0.1, 1.0)
            from drop in Gen.Elements(0.2, 0.5, 0.8)
            select (LayerSpec)new HardConcreteGate(lambda) { InitialDropRate = drop });

    /// <summary>
    /// Built-in layer configurations as an arbitrary: a Dense shrinks toward one unit and no bias
    /// stays as drawn; the other kinds do not shrink.
    /// </summary>
    public static Arbitrary<LayerSpec> BuiltInArbitrary(int maxUnits = 17) =>
        Arb.From(BuiltIn(maxUnits), spec => spec is Dense d ? Shapes.ShrinkSize(d.Units).Select(u => (LayerSpec)(d with { Units = u })) : []);

    /// <summary>Any mix of the penalties: L2, L1 (either method), max-norm, top-k, biases or not.</summary>
    public static Gen<Penalty> Penalty =>
        from l2 in Gen.Elements(0.0, 0.3, 1.0)
        from l1 in Gen.Elements(0.0, 0.3, 1.0)
        from subgradient in Gen.Elements(false, true)
        from maxNorm in Gen.Elements(0.0, 0.8)
        from topK in Gen.Elements(0, 2)
        from biases in Gen.Elements(false, true)
        select new Penalty
        {
            L2 = l2, L1 = l1, L1Method = subgradient ? L1Method.Subgradient : L1Method.Proximal,
            MaxNorm = maxNorm, TopK = topK, IncludeBiases = biases,
        };
}

using FastReg.Nn;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Testing;

/// <summary>
/// Gradient checks as FsCheck properties. A failing case shrinks to the smallest shape that still
/// fails, and the exception FsCheck throws prints it together with the check's message (layer,
/// tensor, shape, worst entry).
/// </summary>
public static class GradientProperties
{
    /// <summary>The layer passes <see cref="GradientChecker.CheckLayer(LayerSpec, int, int, ulong, GradientCheckOptions?)"/> at every case.</summary>
    public static Property ForLayer(LayerSpec layer, GradientCheckOptions? options = null, Arbitrary<LayerCase>? cases = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Prop.ForAll(cases ?? LayerCase.Arbitrary(), c =>
        {
            GradientCheckResult r = GradientChecker.CheckLayer(layer, c.Inputs, c.Batch, c.Seed, options);
            return r.Passed.Label($"{LayerCatalogName(layer)} at {c}: {r.Message}");
        });
    }

    /// <summary>Every built-in layer configuration (<see cref="Layers.BuiltInArbitrary"/>) passes at every case: spec and shape shrink together.</summary>
    public static Property ForBuiltInLayers(GradientCheckOptions? options = null) =>
        Prop.ForAll(Layers.BuiltInArbitrary(), LayerCase.Arbitrary(), (layer, c) =>
        {
            GradientCheckResult r = GradientChecker.CheckLayer(layer, c.Inputs, c.Batch, c.Seed, options);
            return r.Passed.Label($"{LayerCatalog.Token(layer)} at {c}: {r.Message}");
        });

    /// <summary>Every network of <paramref name="cases"/> (default <see cref="ModelCase.Arbitrary"/>) passes the model check.</summary>
    public static Property ForModels(GradientCheckOptions? options = null, Arbitrary<ModelCase>? cases = null) =>
        Prop.ForAll(cases ?? ModelCase.Arbitrary(), c =>
        {
            GradientCheckResult r = c.Check(options);
            return r.Passed.Label($"{c}: {r.Message}");
        });

    /// <summary>Runs a property for <paramref name="maxTest"/> cases; on failure throws with the shrunk counterexample.</summary>
    public static void Check(Property property, int maxTest = 100)
    {
        ArgumentNullException.ThrowIfNull(property);
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));
    }

    /// <summary><see cref="ForLayer"/> run for <paramref name="maxTest"/> cases.</summary>
    public static void CheckLayer(LayerSpec layer, int maxTest = 100, GradientCheckOptions? options = null) => Check(ForLayer(layer, options), maxTest);

    private static string LayerCatalogName(LayerSpec layer) => $"layer '{layer.KindName}'";
}

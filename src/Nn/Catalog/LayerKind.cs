namespace FastReg.Nn;

/// <summary>
/// One kind of layer in the <see cref="LayerCatalog"/>: the name model files record, a one-line
/// formula, a factory from the recorded settings, and a sample that <c>fastreg gradcheck</c> checks.
/// </summary>
/// <param name="Name">The kind's name, as the spec's <see cref="LayerSpec.KindName"/> says it: lower-case letters, digits and '_'.</param>
/// <param name="Summary">What the layer computes, e.g. "y = x·σ(x)".</param>
/// <param name="Create">Makes a spec from its <see cref="LayerSpec.Settings"/> ("" for none); throws ArgumentException or FormatException on bad settings.</param>
/// <param name="Sample">A representative spec (its type owns the name).</param>
public sealed record LayerKind(string Name, string Summary, Func<string, LayerSpec> Create, LayerSpec Sample);

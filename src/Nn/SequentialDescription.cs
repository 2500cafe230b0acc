namespace FastReg.Nn;

/// <summary>The model described: <see cref="Summary"/> (Keras's model.summary()) and <see cref="ToString"/>.</summary>
public sealed partial class Sequential<T>
{
    /// <summary>
    /// A table in the style of Keras's model.summary(): each layer with its output shape, parameter
    /// count and penalty (its own, or the model's), then the total, the model's penalty and the optimizer.
    /// </summary>
    public string Summary() => ModelSummary.Describe(this);

    /// <summary>One line: "Sequential&lt;Single&gt;(4 → dense:8 → relu → dense:3; SoftmaxCrossEntropy, 67 parameters)".</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append("Sequential<").Append(typeof(T).Name).Append(">(").Append(InputSize);
        foreach (LayerSpec spec in Layers)
        {
            text.Append(" → ").Append(spec.KindName);
            if (spec.Settings.Length > 0) text.Append(':').Append(spec.Settings);
        }
        text.Append("; ").Append(Loss).Append(", ").Append(ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" parameters)");
        return text.ToString();
    }
}

using System.Globalization;
using System.Text;

namespace FastReg.Nn;

/// <summary>The text of <see cref="Sequential{T}.Summary"/>: Keras's model.summary() table, with a penalty column.</summary>
internal static class ModelSummary
{
    private const string Rule = "────────────────────────────────────────────────────────────────────────────";

    public static string Describe<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"Model: Sequential<{typeof(T).Name}>, {model.InputSize} inputs, loss {model.Loss}, maxBatch {model.MaxBatch}\n");
        text.Append(Rule).Append('\n');
        text.Append(c, $"{"Layer (type)",-30} {"Output shape",-14} {"Param #",10}  Penalty\n");
        text.Append(Rule.Replace('─', '═')).Append('\n');
        int width = model.InputSize;
        for (int i = 0; i < model.Layers.Count; i++)
        {
            LayerSpec spec = model.Layers[i];
            width = spec.OutputSize(width);
            int parameters = 0;
            Penalty? penalty = null;
            foreach (ParameterTensor t in model.Parameters)
            {
                if (t.LayerIndex != i) continue;
                parameters += t.Length;
                if (t.Penalized) penalty ??= t.LayerPenalty;
            }
            string name = $"{i} {spec.KindName} ({spec.GetType().Name})";
            text.Append(c, $"{name,-30} {"(None, " + width.ToString(c) + ")",-14} {parameters,10:N0}  {PenaltyOf(model, i, spec, penalty)}\n");
        }
        text.Append(Rule.Replace('─', '═')).Append('\n');
        text.Append(c, $"Total params: {model.ParameterCount:N0}\n");
        text.Append(c, $"Model penalty (layers without their own): {model.Penalty}");
        if (model.PenaltyExamples is int m) text.Append(c, $", m = {m}");
        text.Append('\n');
        text.Append("Optimizer: ").Append(model.Optimizer?.ToString() ?? "none").Append('\n');
        return text.ToString();
    }

    private static string PenaltyOf<T>(Sequential<T> model, int index, LayerSpec spec, Penalty? own) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (spec.OwnPenaltySummary is { } ownPenalty) return ownPenalty;
        bool penalized = false;
        foreach (ParameterTensor t in model.Parameters) penalized |= t.LayerIndex == index && t.Penalized;
        if (!penalized) return "—";
        return own is not null ? own.ToString() : "model's (" + model.Penalty + ")";
    }
}

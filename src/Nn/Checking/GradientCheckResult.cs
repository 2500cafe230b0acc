using System.Globalization;

namespace FastReg.Nn;

/// <summary>The outcome for one tensor: its largest relative error and the entry where it occurs.</summary>
/// <param name="Name">Parameter name ("0.weight"), "input", or the name a delegate check was given.</param>
/// <param name="MaxRelativeError">max over the compared entries of |a − n| / max(|a|, |n|, tiny).</param>
/// <param name="WorstIndex">Flat (row-major) index of the worst entry (−1 when nothing was compared).</param>
/// <param name="Analytic">The analytic derivative at the worst entry.</param>
/// <param name="Numeric">The finite-difference derivative at the worst entry.</param>
/// <param name="Kinks">Entries whose step crossed a kink: differenced on one side, or set aside (<see cref="SetAside"/>).</param>
public sealed record TensorCheck(string Name, double MaxRelativeError, int WorstIndex, double Analytic, double Numeric, int Kinks = 0)
{
    /// <summary>The tensor's shape: [rows, cols] for a parameter, [batch, features] for the input.</summary>
    public IReadOnlyList<int> Shape { get; init; } = [];

    /// <summary>The layer it belongs to, e.g. "layer 2 (dense)"; null for the model's input or a delegate check.</summary>
    public string? Layer { get; init; }

    /// <summary>How many entries were checked (all, or a sample: <see cref="GradientCheckOptions.MaxEntriesPerTensor"/>).</summary>
    public int Checked { get; init; }

    /// <summary>Entries not compared at all because both sides of the step crossed a kink (part of <see cref="Kinks"/>).</summary>
    public int SetAside { get; init; }

    /// <summary>The worst entry's position: "[2, 3]" in the tensor's shape.</summary>
    public string WorstEntry
    {
        get
        {
            if (WorstIndex < 0) return "(none)";
            if (Shape.Count != 2) return $"[{WorstIndex}]";
            return string.Create(CultureInfo.InvariantCulture, $"[{WorstIndex / Shape[1]}, {WorstIndex % Shape[1]}]");
        }
    }

    /// <summary>One line: tensor, layer, shape, worst entry, both derivatives, the error and the kinks.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name} [{string.Join(", ", Shape)}]{(Layer is null ? "" : $" of {Layer}")}: {MaxRelativeError:E2} at {WorstEntry} " +
        $"(analytic {Analytic:G17}, numeric {Numeric:G17}){(Checked > 0 ? $", {Checked} entries checked" : "")}" +
        $"{(Kinks > 0 ? $", {Kinks} kink(s) crossed ({SetAside} set aside)" : "")}");
}

/// <summary>Every tensor's check against a stated bound; <see cref="Worst"/> is the one with the largest error.</summary>
/// <param name="Tensors">One entry per parameter tensor, then the input if it was checked.</param>
public sealed record GradientCheckResult(IReadOnlyList<TensorCheck> Tensors)
{
    /// <summary>The bound the check was held to (<see cref="GradientCheckOptions.Bound"/>).</summary>
    public double Bound { get; init; } = 1e-6;

    /// <summary>The tensor with the largest relative error.</summary>
    public TensorCheck Worst
    {
        get
        {
            if (Tensors.Count == 0) return new TensorCheck("(nothing checked)", 0, -1, 0, 0);
            TensorCheck worst = Tensors[0];
            foreach (TensorCheck t in Tensors)
                if (t.MaxRelativeError > worst.MaxRelativeError || double.IsNaN(t.MaxRelativeError)) worst = t;
            return worst;
        }
    }

    /// <summary>The largest relative error over all tensors.</summary>
    public double MaxRelativeError => Worst.MaxRelativeError;

    /// <summary>Whether every tensor is within <see cref="Bound"/> (NaN fails).</summary>
    public bool Passed => MaxRelativeError <= Bound;

    /// <summary>"passed: ..." or "FAILED: " and each tensor over the bound, naming layer, tensor, shape and worst entry.</summary>
    public string Message
    {
        get
        {
            if (Passed)
                return string.Create(CultureInfo.InvariantCulture, $"passed: {Tensors.Count} tensor(s) within {Bound:G3}; worst {Worst}");
            IEnumerable<TensorCheck> failing = Tensors.Where(t => !(t.MaxRelativeError <= Bound));
            return string.Create(CultureInfo.InvariantCulture, $"FAILED: relative error above {Bound:G3} in ") + string.Join("; ", failing);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join("; ", Tensors);
}

using System.Globalization;
using System.Text.Json;
using FastReg.IO;

namespace FastReg.Nn.Preprocessing;

/// <summary>
/// Regression targets scaled as <see cref="Standardizer"/> scales features (per target: mean 0, population
/// std 1, fitted on training rows only), as scikit-learn's TransformedTargetRegressor with a StandardScaler:
/// the network trains on scaled targets and its outputs are unscaled to the targets' units at predict.
/// </summary>
public sealed class TargetScaler
{
    private readonly Standardizer _scaler;

    /// <summary>A scaler with the given statistics (see <see cref="Standardizer(IReadOnlyList{string}, IReadOnlyList{double}, IReadOnlyList{double})"/>).</summary>
    public TargetScaler(IReadOnlyList<string> targets, IReadOnlyList<double> mean, IReadOnlyList<double> std) => _scaler = new Standardizer(targets, mean, std);

    private TargetScaler(Standardizer scaler) => _scaler = scaler;

    /// <summary>The target names, in output order.</summary>
    public IReadOnlyList<string> Targets => _scaler.Columns;

    /// <summary>Each target's training mean.</summary>
    public IReadOnlyList<double> Mean => _scaler.Mean;

    /// <summary>Each target's training standard deviation (1 for a constant target).</summary>
    public IReadOnlyList<double> Std => _scaler.Std;

    /// <summary>Number of targets (the network's outputs).</summary>
    public int Count => _scaler.Count;

    /// <summary>Fits on the <paramref name="rows"/> of <paramref name="targets"/> [*, <paramref name="outputs"/>] (row-major).</summary>
    public static TargetScaler Fit(ReadOnlySpan<double> targets, int outputs, ReadOnlySpan<int> rows, IReadOnlyList<string>? names = null) =>
        new(Standardizer.Fit(targets, outputs, rows, names ?? Names.Default("y", outputs)));

    /// <summary>Scales targets [rows, <see cref="Count"/>] in place, for training.</summary>
    public void Scale(Span<double> targets) => _scaler.Transform(targets);

    /// <summary>Unscales network outputs [rows, <see cref="Count"/>] in place, to the targets' units.</summary>
    public void Unscale<T>(Span<T> outputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = _scaler.Count;
        if (outputs.Length % k != 0) throw new ArgumentException($"'outputs' has {outputs.Length} values, not a whole number of rows of {k}.", nameof(outputs));
        for (int i = 0; i < outputs.Length; i++)
            outputs[i] = T.CreateTruncating(_scaler.InverseTransform(double.CreateTruncating(outputs[i]), i % k));
    }

    /// <summary>The scaler as JSON: <c>{"targets":[...],"mean":[...],"std":[...]}</c>.</summary>
    public string ToJson() => JsonFields.Write(w => Write(w));

    /// <summary>Reads <see cref="ToJson"/>'s form; every problem is one <see cref="DataFormatException"/> naming the key.</summary>
    public static TargetScaler FromJson(string json, string source = "target-scaler.json") =>
        JsonFields.Parse(json, "the target scaler description", source, (e, f) => Read(e, f, ""));

    internal void Write(Utf8JsonWriter w) => _scaler.Write(w, "targets");

    internal static TargetScaler Read(JsonElement e, JsonFields f, string path) => new(Standardizer.Read(e, f, path, "targets"));

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"TargetScaler({Count} targets)");
}

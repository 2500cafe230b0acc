using System.Text.Json.Serialization;
using FastReg.Cli.Modeling;
using FastReg.Nn.Metrics;

namespace FastReg.Cli.Output;

/// <summary>
/// The metrics JSON (<c>predict --metrics-json</c>, and <c>test</c> in <c>train --json</c>), schema
/// <see cref="SchemaName"/>; README.md "Scoring predictions" documents every field. Fields of the other task are
/// left out; a metric that is undefined (R² of one row) is null.
/// </summary>
internal sealed record MetricsDocument(string Schema, string Task, string Source, long Rows, int RowsWithoutTarget, double Loss)
{
    /// <summary>The schema's name and version: a field is only ever added under the same version.</summary>
    public const string SchemaName = "fastreg-metrics/1";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Accuracy { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string[]? Classes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ClassRow[]? PerClass { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ClassRow? MacroAvg { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ClassRow? WeightedAvg { get; init; }
    /// <summary>Rows: actual class; columns: predicted; both in the order of <see cref="Classes"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long[][]? ConfusionMatrix { get; init; }
    /// <summary>The ratios set to 0 for a zero denominator (scikit-learn's zero_division default).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string[]? ZeroDivision { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TargetRow[]? Targets { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TargetRow? Average { get; init; }

    /// <summary>One class (or an average): "class" is null for the averages.</summary>
    internal sealed record ClassRow([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Class, double Precision, double Recall, double F1, long Support);

    /// <summary>One target (or the average over targets: "target" null); R² null where undefined.</summary>
    internal sealed record TargetRow([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Target, double Rmse, double Mae, double? R2);

    public static MetricsDocument From(EvaluationResult result)
    {
        if (result.Classification is { } c)
        {
            var perClass = new List<ClassRow>();
            for (int k = 0; k < c.Classes.Count; k++)
                if (c.Present[k]) perClass.Add(Row(c.Classes[k], c.PerClass[k]));
            return new MetricsDocument(SchemaName, "classification", result.What, result.Rows, result.Skipped, result.Loss)
            {
                Accuracy = c.Accuracy, Classes = [.. c.Classes], PerClass = [.. perClass], MacroAvg = Row(null, c.MacroAverage),
                WeightedAvg = Row(null, c.WeightedAverage), ConfusionMatrix = c.Matrix.ToArray(), ZeroDivision = [.. c.Undefined],
            };
        }
        RegressionReport r = result.Regression!;
        var targets = new TargetRow[r.Targets.Count];
        for (int j = 0; j < targets.Length; j++) targets[j] = Row(r.Targets[j], r.PerTarget[j]);
        return new MetricsDocument(SchemaName, "regression", result.What, result.Rows, result.Skipped, result.Loss)
        {
            Targets = targets, Average = Row(null, r.Average),
        };
    }

    private static ClassRow Row(string? name, ClassMetrics m) => new(name, m.Precision, m.Recall, m.F1, m.Support);

    private static TargetRow Row(string? name, TargetMetrics m) => new(name, m.Rmse, m.Mae, double.IsFinite(m.R2) ? m.R2 : null);
}

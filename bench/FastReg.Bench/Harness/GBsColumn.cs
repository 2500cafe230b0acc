using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastReg.Bench;

/// <summary>GB/s from the method's <see cref="TrafficAttribute"/>, the Size parameter and the median time.</summary>
public sealed class GBsColumn : IColumn
{
    /// <summary>Bytes a case moves per call, or null when the method has no <see cref="TrafficAttribute"/>.</summary>
    public static double? BytesPerCall(BenchmarkCase c)
    {
        TrafficAttribute? t = c.Descriptor.WorkloadMethod.GetCustomAttribute<TrafficAttribute>();
        if (t is null || c.Parameters["Size"] is not int size) return null;
        return (double)t.Arrays * size * t.ElementBytes;
    }

    /// <summary>GB/s of a case, or null when unknown.</summary>
    public static double? GBs(Summary summary, BenchmarkCase c)
    {
        double? bytes = BytesPerCall(c);
        double? ns = summary[c]?.ResultStatistics?.Median;
        return bytes is null || ns is null or <= 0 ? null : bytes / ns;
    }

    /// <inheritdoc/>
    public string Id => "GBs";
    /// <inheritdoc/>
    public string ColumnName => "GB/s";
    /// <inheritdoc/>
    public bool AlwaysShow => true;
    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;
    /// <inheritdoc/>
    public int PriorityInCategory => 0;
    /// <inheritdoc/>
    public bool IsNumeric => true;
    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc/>
    public string Legend => "Bytes moved per call (see [Traffic]) / median time";
    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GBs(summary, benchmarkCase) is double g ? g.ToString("F1", CultureInfo.InvariantCulture) : "-";
    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;
}

using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastReg.Bench;

/// <summary>
/// Writes one tab-separated line per case to BenchmarkDotNet.Artifacts/results/*-kernels.tsv:
/// kernel, implementation (a SimdPath, Reference or TensorPrimitives), size, median/mean ns,
/// allocated bytes per call, bytes moved per call, whether it writes, working-set bytes. bench/summarize reads these.
/// Methods of classes with a Path parameter are named after the kernel; baseline methods are
/// named Kernel_Implementation.
/// </summary>
public sealed class KernelTsvExporter : ExporterBase
{
    /// <summary>Column names, in order.</summary>
    public const string Header = "class\tkernel\timpl\tsize\tmedian_ns\tmean_ns\tstddev_ns\talloc_bytes\tbytes_moved\twrites\tworking_set_bytes";

    /// <inheritdoc/>
    protected override string FileExtension => "tsv";
    /// <inheritdoc/>
    protected override string FileCaption => "kernels";

    /// <inheritdoc/>
    public override void ExportToLog(Summary summary, ILogger logger)
    {
        logger.WriteLine(Header);
        foreach (BenchmarkReport r in summary.Reports)
        {
            BenchmarkCase c = r.BenchmarkCase;
            string method = c.Descriptor.WorkloadMethod.Name;
            string kernel = method, impl;
            if (c.Parameters["Path"] is { } path) impl = path.ToString()!;
            else
            {
                int us = method.LastIndexOf('_');
                (kernel, impl) = us > 0 ? (method[..us], method[(us + 1)..]) : (method, "?");
            }
            var stats = r.ResultStatistics;
            long? alloc = r.GcStats.GetBytesAllocatedPerOperation(c);
            TrafficAttribute? t = c.Descriptor.WorkloadMethod.GetCustomAttribute<TrafficAttribute>();
            logger.WriteLine(string.Join('\t',
                c.Descriptor.Type.Name, kernel, impl,
                Convert.ToString(c.Parameters["Size"], CultureInfo.InvariantCulture),
                F(stats?.Median), F(stats?.Mean), F(stats?.StandardDeviation),
                alloc?.ToString(CultureInfo.InvariantCulture) ?? "",
                F(GBsColumn.BytesPerCall(c)), (t?.Writes ?? false) ? "1" : "0",
                t is null || c.Parameters["Size"] is not int n ? "" : ((long)t.Distinct * n * t.ElementBytes).ToString(CultureInfo.InvariantCulture)));
        }
    }

    static string F(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}

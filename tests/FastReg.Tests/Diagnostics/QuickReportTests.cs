using FastReg.Diagnostics;
using FastReg.Simd;

namespace FastReg.Tests.Diagnostics;

public class QuickReportTests(ShortQuickReport report) : IClassFixture<ShortQuickReport>
{
    static readonly string[] s_kernels = ["Norm", "Dot", "Sum", "Sgd", "AdamW", "ProximalL1", "Relu", "Softmax"];

    QuickReportResult Result => report.Result;

    static int Cores => Environment.ProcessorCount;

    [Fact]
    public void The_short_report_measures_the_active_path_on_this_machine()
    {
        Assert.True(Result.Short);
        Assert.Equal(Isa.Active, Result.Path);
        Assert.Equal(Cores, Result.Cores);
        Assert.Contains("active=", Result.KernelPath, StringComparison.Ordinal);
        Assert.True(Result.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public void Every_value_is_positive_and_finite_and_every_percentage_too()
    {
        Assert.NotEmpty(Result.Rows);
        foreach (QuickReportRow row in Result.Rows)
        {
            Assert.True(double.IsFinite(row.Value) && row.Value > 0, $"{row}");
            if (row.PercentOfLimit is double p) Assert.True(double.IsFinite(p) && p > 0, $"{row}");
            Assert.InRange(row.Threads, 1, Cores);
        }
    }

    [Fact]
    public void The_limits_include_the_fma_peak_and_the_triad_on_one_thread_and_all()
    {
        QuickReportRow[] limits = Result.Rows.Where(r => r.Section == QuickReportSection.Limits).ToArray();
        int[] threadCounts = Cores > 1 ? [1, Cores] : [1];
        foreach (int threads in threadCounts)
        {
            Assert.Contains(limits, r => r.LimitName == MachineLimits.DramTriad && r.Threads == threads && r.Unit == "GB/s");
            if (FmaPeakProbe.WidestBits > 0)
                Assert.Contains(limits, r => r.LimitName!.StartsWith("fma-f32-", StringComparison.Ordinal) && r.Threads == threads && r.Unit == "GFLOPS");
        }
    }

    [Fact]
    public void Each_kernel_is_measured_at_two_lengths_with_a_percentage_of_a_bandwidth_limit()
    {
        QuickReportRow[] kernels = Result.Rows.Where(r => r.Section == QuickReportSection.Kernels).ToArray();
        Assert.Equal(s_kernels.Length * 2, kernels.Length);
        foreach (string name in s_kernels)
        {
            QuickReportRow[] rows = kernels.Where(r => r.Name == name).ToArray();
            Assert.Equal(2, rows.Select(r => r.Size).Distinct().Count());
            Assert.All(rows, r =>
            {
                Assert.Equal("GB/s", r.Unit);
                Assert.Equal(1, r.Threads);
                Assert.NotNull(r.PercentOfLimit);
                Assert.NotNull(Result.Limits.Find(r.LimitName!));
            });
        }
    }

    [Fact]
    public void Sgemm_and_dgemm_are_measured_at_two_sizes_on_one_thread_and_all()
    {
        QuickReportRow[] gemm = Result.Rows.Where(r => r.Section == QuickReportSection.Gemm).ToArray();
        int threadCounts = Cores > 1 ? 2 : 1;
        foreach (string name in new[] { "sgemm", "dgemm" })
        {
            QuickReportRow[] rows = gemm.Where(r => r.Name == name).ToArray();
            Assert.Equal(2 * threadCounts, rows.Length);
            Assert.All(rows, r => Assert.Equal("GFLOPS", r.Unit));
            if (FmaPeakProbe.WidestBits > 0) Assert.All(rows, r => Assert.NotNull(r.PercentOfLimit));
        }
    }

    [Fact]
    public void The_text_has_the_header_lines_the_bench_script_reads_and_one_line_per_row()
    {
        using var text = new StringWriter();
        QuickReport.Write(text, Result);
        string[] lines = text.ToString().Split(Environment.NewLine);
        Assert.Contains(lines, l => l.StartsWith("kernel path: active=", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($".NET {Environment.Version}", StringComparison.Ordinal));
        Assert.Equal(Result.Rows.Count, lines.Count(l => l.StartsWith(QuickReportSection.Limits + " ", StringComparison.Ordinal)
            || l.StartsWith(QuickReportSection.Kernels + " ", StringComparison.Ordinal) || l.StartsWith(QuickReportSection.Gemm + " ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(4096, "4K")]
    [InlineData(16 << 20, "16M")]
    [InlineData(1000, "1000")]
    public void Lengths_are_shown_in_binary_units_where_exact(int n, string expected) =>
        Assert.Equal(expected, QuickReport.FormatLength(n));
}

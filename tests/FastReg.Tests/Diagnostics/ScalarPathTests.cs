using FastReg.Diagnostics;
using FastReg.Simd;

namespace FastReg.Tests.Diagnostics;

/// <summary>As under FASTREG_ISA=scalar: the process-wide path is set to Scalar, then restored.</summary>
[Collection(nameof(ProcessWideIsa))]
public class ScalarPathTests
{
    [Fact]
    public void Info_and_the_short_report_run_on_the_scalar_path()
    {
        SimdPath saved = Isa.Active;
        try
        {
            Isa.Active = SimdPath.Scalar;

            SystemDescription d = SystemInfo.Collect();
            Assert.Equal(SimdPath.Scalar, d.ActivePath);
            Assert.StartsWith("ReferenceKernel", d.Kernels[0].Kernel, StringComparison.Ordinal);
            using var info = new StringWriter();
            SystemInfo.Write(info, d);

            var rows = new List<QuickReportRow>();
            using var text = new StringWriter();
            QuickReport.Run(text, new QuickReportOptions { Short = true, RowMeasured = rows.Add });
            Assert.Contains("active=Scalar", text.ToString(), StringComparison.Ordinal);
            Assert.Contains(rows, r => r.Section == QuickReportSection.Gemm);
            Assert.All(rows, r => Assert.True(double.IsFinite(r.Value) && r.Value > 0, $"{r}"));
        }
        finally
        {
            Isa.Active = saved;
        }
    }

    [Fact]
    public void A_path_the_cpu_does_not_accelerate_is_refused()
    {
        foreach (SimdPath p in Enum.GetValues<SimdPath>().Where(p => !Isa.IsAccelerated(p)))
            Assert.Throws<ArgumentException>(() => QuickReport.Measure(new QuickReportOptions { Short = true, Path = p }));
    }
}

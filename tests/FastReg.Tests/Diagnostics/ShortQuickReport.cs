using FastReg.Diagnostics;

namespace FastReg.Tests.Diagnostics;

/// <summary>One short quick report on the active path, measured once and shared by the tests that read it.</summary>
public sealed class ShortQuickReport
{
    public QuickReportResult Result { get; } = QuickReport.Measure(new QuickReportOptions { Short = true });
}

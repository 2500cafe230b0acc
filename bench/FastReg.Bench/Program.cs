using BenchmarkDotNet.Running;
using FastReg.Bench;

// `quick` prints the few-second per-CPU report; `gemm` the interleaved GEMM table
// (docs/benchmarks.md); `cv-digits` the cross-validation target; anything else goes to
// BenchmarkDotNet (e.g. `--filter '*Reduction*'`).
switch (args.Length > 0 ? args[0] : "")
{
    case "quick":
        QuickReport.Run(Console.Out);
        return 0;
    case "gemm":
        FastReg.Bench.Gemm.GemmTable.Run(Console.Out, args[1..]);
        return 0;
    case "cv-digits":
        FastReg.Bench.Selection.CrossValidationBenchmark.Run(Console.Out);
        return 0;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(QuickReport).Assembly).Run(args);
        return 0;
}

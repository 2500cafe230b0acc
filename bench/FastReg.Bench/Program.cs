using BenchmarkDotNet.Running;
using FastReg.Bench;

// `quick` prints the few-second per-CPU report; anything else goes to BenchmarkDotNet
// (e.g. `--filter '*Reduction*'`).
if (args.Length > 0 && args[0] == "quick")
{
    QuickReport.Run(Console.Out);
    return 0;
}
// `gemm` prints the interleaved GEMM table (docs/benchmarks-gemm.md).
if (args.Length > 0 && args[0] == "gemm")
{
    FastReg.Bench.Gemm.GemmTable.Run(Console.Out, args[1..]);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(QuickReport).Assembly).Run(args);
return 0;

using BenchmarkDotNet.Running;
using FastReg.Bench;

// `quick` prints the few-second per-CPU report; anything else goes to BenchmarkDotNet
// (e.g. `--filter '*Reduction*'`).
if (args.Length > 0 && args[0] == "quick")
{
    QuickReport.Run(Console.Out);
    return 0;
}
if (args.Length > 0 && args[0] == "cv-digits")
{
    FastReg.Bench.Selection.CrossValidationBenchmark.Run(Console.Out);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(QuickReport).Assembly).Run(args);
return 0;

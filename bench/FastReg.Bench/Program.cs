using BenchmarkDotNet.Running;
using FastReg.Bench;
using FastReg.Diagnostics;

// Modes (first argument):
//   quick                      the few-second report (FastReg.Diagnostics.QuickReport; `quick --short`: a smoke test)
//   info                       CPU features, runtime settings and which kernel each operation uses (FastReg.Diagnostics.SystemInfo)
//   limits [--out FILE]        run the FMA and bandwidth probes only (saves them as TSV with --out)
//   norm-accuracy              max relative error of Reductions.Norm and TensorPrimitives.Norm vs a double reference
//   alloc-check                every kernel benchmark call, every size and path: exact bytes allocated per call (TSV)
//   summarize [options]        turn the kernel benchmarks' results into docs/benchmarks.md (see Summarize.cs)
//   gemm [options]             the interleaved GEMM table vs OpenBLAS and MathNet (see Gemm/GemmTable.cs)
//   cv-digits                  5-fold x 9-lambda cross-validation of the 64-128-10 MLP on the digits, 1 thread vs all
//   mlp                        training step and one-sample inference of the 64-128-10 MLP (wall and CPU medians)
//   anything else              BenchmarkDotNet (e.g. --filter 'FastReg.Bench.Kernels.*'); see bench/run-kernels.sh
// `info` reports a bad FASTREG_ISA itself (that is when it is most wanted).
if (args.Length > 0 && args[0] == "info")
{
    SystemInfo.Write(Console.Out);
    return 0;
}

// A bad FASTREG_ISA is one clear line, not a stack trace halfway through a report.
try
{
    _ = FastReg.Simd.Isa.Active;
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

string mode = args.Length > 0 ? args[0] : "";
switch (mode)
{
    case "quick":
        QuickReport.Run(Console.Out, new QuickReportOptions { Short = args.Contains("--short") });
        return 0;
    case "limits":
        {
            MachineLimits limits = MachineLimits.Measure();
            limits.Write(Console.Out);
            int at = Array.IndexOf(args, "--out");
            if (at > 0 && at + 1 < args.Length) limits.Save(args[at + 1]);
            return 0;
        }
    case "norm-accuracy":
        NormAccuracy.Run(Console.Out);
        return 0;
    case "alloc-check":
        return AllocationCheck.Run(Console.Out) == 0 ? 0 : 1;
    case "summarize":
        return Summarize.Run(args);
    case "gemm":
        FastReg.Bench.Gemm.GemmTable.Run(Console.Out, args[1..]);
        return 0;
    case "mlp":
        FastReg.Bench.Nn.MlpTiming.Run(Console.Out);
        return 0;
    case "mlp-phases":
        FastReg.Bench.Nn.MlpPhases.Run(Console.Out);
        return 0;
    case "cv-digits":
        FastReg.Bench.Selection.CrossValidationBenchmark.Run(Console.Out);
        return 0;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(PathBenchmark).Assembly).Run(args);
        return 0;
}

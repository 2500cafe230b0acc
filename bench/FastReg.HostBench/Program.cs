using System.Globalization;
using FastReg.HostBench;

// Usage:
//   dotnet run -c Release --project bench/FastReg.HostBench [-- ROUNDS]   all cases, both hosts, ROUNDS fresh processes each
//   dotnet bench/FastReg.HostBench/bin/Release/net10.0/FastReg.HostBench.dll --child CASE
// CASE is train, infer or gemm16 / gemm64 (C = A·B, n×n×n). A child prints one line per checkpoint.
if (args.Length == 2 && args[0] == "--child")
{
    Cases.RunChild(args[1], Console.Out);
    return 0;
}
int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
Console.WriteLine($"FastReg host bench: {FastReg.Simd.Isa.Describe()}");
Console.WriteLine($"each figure: median over {rounds} fresh processes (hosts interleaved) of the median of a window of calls after N calls");
Parent.Run(rounds, Console.Out);
return 0;

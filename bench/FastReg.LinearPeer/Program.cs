using System.Diagnostics;
using System.Globalization;
using FastReg.LinearPeer;

// quality [data dir]: both libraries on breast_cancer and wine (standardized, every 4th row held out), L2, L1 and both.
// time [runs]: the 150,000 x 50 synthetic set, each library in fresh child processes, interleaved: cold (first fit) and warm (second).
// child <fastreg|mlnet> <l1> <l2>: one child of time.
// probe: FastReg alone on the synthetic set at iteration caps 1, 2, 5, 12 (setup cost and cost per pass).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string mode = args.Length > 0 ? args[0] : "quality";
if (mode == "child")
{
    Problem synthetic = Problem.Synthetic(150_000, 50, seed: 42);
    float l1 = float.Parse(args[2], CultureInfo.InvariantCulture), l2 = float.Parse(args[3], CultureInfo.InvariantCulture);
    LinearWeights Once() => args[1] == "mlnet" ? MlNetFit.Fit(synthetic, l1, l2) : FastRegFit.Fit(synthetic, l1, l2);
    LinearWeights cold = Once(), warm = Once();
    Console.WriteLine($"{cold.Seconds:F3} {warm.Seconds:F3} {warm.Iterations} {warm.ExactZeros} {warm.Objective(synthetic, l1, l2):R}");
    return;
}
if (mode == "probe")
{
    Problem synthetic = Problem.Synthetic(150_000, 50, seed: 42);
    var ds = FastReg.Nn.Training.Dataset<float>.Regression(synthetic.TrainX, 50, synthetic.TrainY.Select(v => (float)v).ToArray());
    foreach (int cap in new[] { 1, 1, 2, 5, 12 })
    {
        var fit = FastReg.Nn.Linear.LinearSolver.Fit(ds, FastReg.Nn.LossKind.BinaryCrossEntropyWithLogits, FastReg.Nn.Penalty.Ridge(1),
            options: new FastReg.Nn.Linear.LinearSolverOptions { MaxIterations = cap });
        Console.WriteLine($"cap {cap}: {fit.Result.Elapsed.TotalSeconds:F3} s, {fit.Result.Iterations} iterations, {fit.Result.Evaluations} evaluations");
    }
    return;
}
if (mode == "time")
{
    int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
    string self = Environment.ProcessPath!;
    // Started as "dotnet FastReg.LinearPeer.dll": the children need the dll named too.
    string[] prefix = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(Problem).Assembly.Location] : [];
    foreach ((string name, string l1, string l2) in new[] { ("L2 1", "0", "1"), ("L1 1", "1", "0") })
    {
        var seconds = new Dictionary<string, List<(double Cold, double Warm)>> { ["fastreg"] = [], ["mlnet"] = [] };
        var detail = new Dictionary<string, string>();
        for (int r = 0; r < runs; r++)
            foreach (string lib in r % 2 == 0 ? new[] { "fastreg", "mlnet" } : ["mlnet", "fastreg"])
            {
                var info = new ProcessStartInfo(self, [.. prefix, "child", lib, l1, l2]) { RedirectStandardOutput = true };
                using Process child = Process.Start(info)!;
                string line = child.StandardOutput.ReadToEnd().Trim();
                child.WaitForExit();
                string[] f = line.Split(' ');
                seconds[lib].Add((double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture)));
                detail[lib] = $"iterations {f[2]}, exact zeros {f[3]}/50, objective {double.Parse(f[4], CultureInfo.InvariantCulture):G8}";
            }
        foreach (string lib in new[] { "fastreg", "mlnet" })
        {
            double[] cold = seconds[lib].Select(s => s.Cold).Order().ToArray(), warm = seconds[lib].Select(s => s.Warm).Order().ToArray();
            Console.WriteLine($"150000x50 {name,-5} {lib,-8} cold median {cold[cold.Length / 2]:F3} s (min {cold[0]:F3}, max {cold[^1]:F3}), warm median {warm[warm.Length / 2]:F3} s; {detail[lib]}");
        }
    }
    return;
}
string dir = args.Length > 1 ? args[1] : Path.Combine("data", "sklearn");
Console.WriteLine("dataset         penalty        library  test acc  zeros  objective (FastReg's, double)   fit s");
foreach (string file in new[] { "breast_cancer.csv", "wine.csv" })
{
    Problem p = Problem.FromCsv(Path.Combine(dir, file));
    foreach ((string name, float l1, float l2) in new[] { ("L2 1", 0f, 1f), ("L1 1", 1f, 0f), ("L1 1 + L2 1", 1f, 1f) })
    {
        LinearWeights ours = FastRegFit.Fit(p, l1, l2), peer = MlNetFit.Fit(p, l1, l2);
        foreach ((string lib, LinearWeights w) in new[] { ("fastreg", ours), ("mlnet", peer) })
            Console.WriteLine($"{p.Name,-15} {name,-14} {lib,-8} {w.Accuracy(p.TestX, p.TestY, p.Features),8:P1} {w.ExactZeros,3}/{w.W.Length,-3} {w.Objective(p, l1, l2),-30:R} {w.Seconds:F3}");
    }
}

using System.CommandLine;
using System.Globalization;
using FastReg.Cli.Modeling;
using FastReg.Nn;
using Spectre.Console;

namespace FastReg.Cli.Commands;

/// <summary>
/// <c>fastreg gradcheck</c>: backpropagation against central differences, in double, for every
/// built-in layer, loss and differentiable penalty, and for the network the flags describe.
/// </summary>
internal static class GradCheckCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("gradcheck", "Check analytic gradients against finite differences: every built-in layer, loss and penalty, then the network given by the train flags.");
        var network = new NetworkFlags();
        var inputs = new Option<int>("--inputs") { Description = "Input width of the checked network.", DefaultValueFactory = _ => 6 };
        var outputs = new Option<int>("--outputs") { Description = "Output width (classes for ce).", DefaultValueFactory = _ => 3 };
        var batch = new Option<int>("--batch") { Description = "Rows of random data.", DefaultValueFactory = _ => 4 };
        var bound = new Option<double>("--bound") { Description = "Largest relative error accepted.", DefaultValueFactory = _ => 1e-6 };
        var seed = new Option<int>("--seed") { Description = "Seed of weights and data.", DefaultValueFactory = _ => 0 };
        network.AddTo(command);
        foreach (Option o in new Option[] { inputs, outputs, batch, bound, seed }) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            int n = parsed.GetValue(inputs), k = parsed.GetValue(outputs), m = parsed.GetValue(batch);
            double limit = parsed.GetValue(bound);
            if (n < 1 || n > 4096 || k < 1 || k > 4096 || m < 1 || m > 4096)
                throw new CliException("--inputs, --outputs and --batch must lie in [1, 4096].");
            if (!(limit > 0)) throw new CliException("--bound must be positive.");
            if (parsed.GetValue(network.Loss) == "ce" && k < 2) throw new CliException("--loss ce needs --outputs of at least 2 classes.");
            NetworkConfig config = network.Read(parsed);
            LossKind loss = network.ReadLossWithoutData(parsed);
            ulong s = (ulong)parsed.GetValue(seed);

            var rows = new List<(string Group, string Name, Func<GradientCheckResult> Check)>();
            foreach (var (name, layer) in BuiltInLayers())
                rows.Add(("layer", name, () => GradientChecker.CheckLayer(layer, n, m, s)));
            foreach (LossKind l in new[] { LossKind.MeanSquaredError, LossKind.SoftmaxCrossEntropy, LossKind.BinaryCrossEntropyWithLogits })
                rows.Add(("loss", LossNames.Name(l), () => CheckNetwork([new Dense(Math.Max(k, 2))], Penalty.None, l, n, m, s)));
            foreach (var (name, penalty) in Penalties())
                rows.Add(("penalty", name, () => CheckNetwork([new Dense(8), new Activation(ActivationKind.Tanh), new Dense(Math.Max(k, 2))], penalty, LossKind.MeanSquaredError, n, m, s)));
            rows.Add(("network", string.Join(" ", NetworkConfig.LayerNames(config.Layers(k))) + " / " + LossNames.Name(loss),
                () => CheckNetwork(config.Layers(k), config.Penalty with { L1Method = L1Method.Subgradient, MaxNorm = 0, TopK = 0 }, loss, n, m, s)));

            var table = new Table().Border(TableBorder.Rounded).AddColumn("kind").AddColumn("component")
                .AddColumn(new TableColumn("max rel. error").RightAligned()).AddColumn("worst tensor").AddColumn(new TableColumn("kinks set aside").RightAligned()).AddColumn("");
            int failures = 0;
            foreach (var (group, name, check) in rows)
            {
                GradientCheckResult r = check();
                int kinks = 0;
                foreach (TensorCheck t in r.Tensors) kinks += t.Kinks;
                bool ok = r.MaxRelativeError <= limit;
                if (!ok) failures++;
                table.AddRow(group, Markup.Escape(name), r.MaxRelativeError.ToString("0.0e+0", CultureInfo.InvariantCulture), Markup.Escape(r.Worst.Name),
                    kinks.ToString(CultureInfo.InvariantCulture), ok ? "ok" : "FAIL");
            }
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"central differences in double, ε = 1e-5, {m} rows of {n} inputs, bound {limit:G3}; L1 checked as its subgradient, max-norm and top-k have no gradient to check"));
            console.Ansi.Write(table);
            console.Out.WriteLine(failures == 0 ? $"all {rows.Count} components within {limit.ToString("G3", CultureInfo.InvariantCulture)}" : $"{failures} of {rows.Count} components exceed the bound");
            return failures == 0 ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static IEnumerable<(string, LayerSpec)> BuiltInLayers() =>
    [
        ("dense", new Dense(5)),
        ("dense, no bias", new Dense(5) { Bias = false }),
        ("relu", new Activation(ActivationKind.Relu)),
        ("tanh", new Activation(ActivationKind.Tanh)),
        ("sigmoid", new Activation(ActivationKind.Sigmoid)),
        ("identity", new Activation(ActivationKind.Identity)),
        ("dropout 0.3", new Dropout(0.3)),
        ("L0 gate λ 0.1", new HardConcreteGate(0.1)),
        ("Gaussian noise σ 0.3", new GaussianNoise(0.3)),
        ("Gaussian dropout 0.3", new GaussianDropout(0.3)),
        ("activity L1 0.1, L2 0.1", new ActivityRegularization(0.1, 0.1)),
    ];

    private static IEnumerable<(string, Penalty)> Penalties() =>
    [
        ("L2 λ 0.5", Penalty.Ridge(0.5)),
        ("L1 λ 0.5 (subgradient)", Penalty.Lasso(0.5, L1Method.Subgradient)),
        ("elastic net λ 0.5, r 0.5", Penalty.ElasticNet(0.5, 0.5, L1Method.Subgradient)),
        ("L2 on biases too", Penalty.Ridge(0.5) with { IncludeBiases = true }),
    ];

    /// <summary>A network on random inputs in [−1, 1) and random targets fitting the loss.</summary>
    private static GradientCheckResult CheckNetwork(IReadOnlyList<LayerSpec> layers, Penalty penalty, LossKind loss, int inputs, int batch, ulong seed)
    {
        var model = new Sequential<double>(inputs, batch, loss, layers, seed) { Penalty = penalty };
        var rng = new Random(unchecked((int)seed) ^ 12345);
        var x = new double[batch * inputs];
        for (int i = 0; i < x.Length; i++) x[i] = 2 * rng.NextDouble() - 1;
        if (loss == LossKind.SoftmaxCrossEntropy)
        {
            var labels = new int[batch];
            for (int i = 0; i < batch; i++) labels[i] = rng.Next(model.OutputSize);
            return GradientChecker.Check(model, x, labels, batch);
        }
        var y = new double[batch * model.OutputSize];
        for (int i = 0; i < y.Length; i++) y[i] = loss == LossKind.BinaryCrossEntropyWithLogits ? rng.NextDouble() : 2 * rng.NextDouble() - 1;
        return GradientChecker.Check(model, x, y, batch);
    }
}

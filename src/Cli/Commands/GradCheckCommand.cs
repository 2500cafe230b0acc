using System.CommandLine;
using System.Globalization;
using FastReg.Cli.Data;
using FastReg.Cli.Modeling;
using FastReg.Nn;
using Spectre.Console;

namespace FastReg.Cli.Commands;

/// <summary>
/// <c>fastreg gradcheck</c>: backpropagation against central differences, in double, for every
/// layer kind of the catalogue, every loss and differentiable penalty, and for the network the flags
/// describe — on random data, or on the rows of the user's data file at the shapes they train on.
/// </summary>
internal static class GradCheckCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("gradcheck", "Check analytic gradients against finite differences: every built-in layer, loss and penalty, then the network given by the train flags (on a data file's rows when one is given).");
        var data = new DataFlags();
        var network = new NetworkFlags();
        var inputs = new Option<int>("--inputs") { Description = "Input width of the checked network (random data only).", DefaultValueFactory = _ => 6 };
        var outputs = new Option<int>("--outputs") { Description = "Output width, classes for ce (random data only).", DefaultValueFactory = _ => 3 };
        var batch = new Option<int>("--batch") { Description = "Rows: of random data, or the first rows of the data file (default: all of them).", DefaultValueFactory = _ => 4 };
        var entries = new Option<int?>("--entries") { Description = "Entries checked per tensor of the network, sampled by --seed; 0 = all (default: all on random data, 256 on a data file)." };
        var standardize = new Option<bool>("--standardize") { Description = "Scale each feature of the data file to mean 0, std 1 first (as train --standardize)." };
        var bound = new Option<double>("--bound") { Description = "Largest relative error accepted.", DefaultValueFactory = _ => 1e-6 };
        var seed = new Option<int>("--seed") { Description = "Seed of weights and data.", DefaultValueFactory = _ => 0 };
        data.AddTo(command);
        network.AddTo(command);
        foreach (Option o in new Option[] { inputs, outputs, batch, entries, standardize, bound, seed }) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            double limit = parsed.GetValue(bound);
            if (!(limit > 0)) throw new CliException("--bound must be positive.");
            int? entriesFlag = parsed.GetValue(entries);
            if (entriesFlag < 0) throw new CliException($"--entries must be 0 (all) or positive (got {entriesFlag}).");
            NetworkConfig config = network.Read(parsed);
            ulong s = (ulong)parsed.GetValue(seed);
            DataSource source = data.Read(parsed);
            bool fromFile = source.Csv is not null || source.FeaturesNpy is not null;
            int rowsFlag = parsed.GetValue(batch);
            bool rowsGiven = parsed.GetResult(batch) is { Implicit: false };
            if (rowsFlag < 1 || (!fromFile && rowsFlag > 4096))
                throw new CliException(fromFile ? "--batch must be at least 1 (the rows of the file to check)." : "--batch must lie in [1, 4096].");

            CheckedData checkedData;
            LossKind loss;
            int sample;
            if (fromFile)
            {
                LabeledData labeled = DataLoader.Load(source.WithTaskImpliedBy(parsed.GetValue(network.Loss)!));
                foreach (string note in labeled.Notes) console.Out.WriteLine(note);
                loss = network.ReadLoss(parsed, labeled.Task == TaskKind.Classification, labeled.Classes?.Length ?? 0);
                var prepared = PreparedData<double>.Create(labeled, 0, parsed.GetValue(standardize), parsed.GetValue(seed), loss);
                checkedData = CheckedData.FromFile(prepared.Train, rowsGiven ? Math.Min(rowsFlag, prepared.Train.Count) : prepared.Train.Count,
                    prepared.Outputs, Path.GetFileName(source.Csv ?? source.FeaturesNpy!));
                sample = entriesFlag ?? 256;
            }
            else
            {
                int n = parsed.GetValue(inputs), k = parsed.GetValue(outputs);
                if (n < 1 || n > 4096 || k < 1 || k > 4096) throw new CliException("--inputs and --outputs must lie in [1, 4096].");
                string given = parsed.GetValue(network.Loss)!;
                if (given != NetworkFlags.Auto && LossNames.Entry(LossNames.Parse(given, "--loss")).TakesLabels && k < 2) throw new CliException($"--loss {given} needs --outputs of at least 2 classes.");
                loss = network.ReadLossWithoutData(parsed);
                checkedData = CheckedData.Drawn(n, k, rowsFlag, loss, s);
                sample = entriesFlag ?? 0;
            }
            int m = checkedData.Rows, width = checkedData.Inputs, classes = checkedData.Outputs;
            RequireFeasible(config, width, classes, m, sample);
            var options = new GradientCheckOptions { Bound = limit, Seed = s, MaxEntriesPerTensor = sample == 0 ? null : sample };
            var componentOptions = new GradientCheckOptions { Bound = limit };
            // Components are checked on random data of the file's width, at a handful of rows: they test the kinds, the network row the user's shapes.
            int componentRows = Math.Min(m, 32);

            var rows = new List<(string Group, string Name, Func<GradientCheckResult> Check)>();
            foreach (LayerKind kind in LayerCatalog.Kinds)
                rows.Add(("layer", LayerCatalog.Token(kind.Sample), () => GradientChecker.CheckLayer(kind.Sample, width, componentRows, s, componentOptions)));
            rows.Add(("layer", "dense:5,nobias", () => GradientChecker.CheckLayer(new Dense(5) { Bias = false }, width, componentRows, s, componentOptions)));
            foreach (LossEntry l in LossCatalog.Entries)
                rows.Add(("loss", l.Name, () => CheckedData.Drawn(width, Math.Max(classes, 2), componentRows, l.Kind, s).Check([new Dense(Math.Max(classes, 2))], Penalty.None, l.Kind, s, componentOptions)));
            foreach (var (name, penalty) in Penalties())
                rows.Add(("penalty", name, () => CheckedData.Drawn(width, Math.Max(classes, 2), componentRows, NetworkFlags.AutoRegression, s)
                    .Check([new Dense(8), new Activation(ActivationKind.Tanh), new Dense(Math.Max(classes, 2))], penalty, NetworkFlags.AutoRegression, s, componentOptions)));
            rows.Add(("network", string.Join(" ", NetworkConfig.LayerNames(config.Layers(classes))) + " / " + LossNames.Name(loss),
                () => checkedData.Check(config.Layers(classes), config.Penalty with { L1Method = L1Method.Subgradient, MaxNorm = 0, TopK = 0 }, loss, s, options)));

            var table = new Table().Border(TableBorder.Rounded).AddColumn("kind").AddColumn("component")
                .AddColumn(new TableColumn("max rel. error").RightAligned()).AddColumn("worst tensor").AddColumn(new TableColumn("kinks crossed").RightAligned()).AddColumn("");
            int failures = 0;
            var failed = new List<string>();
            foreach (var (group, name, check) in rows)
            {
                GradientCheckResult r = check();
                int kinks = 0;
                foreach (TensorCheck t in r.Tensors) kinks += t.Kinks;
                if (!r.Passed)
                {
                    failures++;
                    failed.Add($"{group} {name}: {r.Message}");
                }
                table.AddRow(group, Markup.Escape(name), r.MaxRelativeError.ToString("0.0e+0", CultureInfo.InvariantCulture), Markup.Escape(r.Worst.Name),
                    kinks.ToString(CultureInfo.InvariantCulture), r.Passed ? "ok" : "FAIL");
            }
            string sampled = sample == 0 ? "every entry" : $"up to {sample} entries per tensor";
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"central differences in double, ε = 1e-5, bound {limit:G3}\n{m} rows of {width} inputs{checkedData.Origin}, {sampled}"));
            console.Out.WriteLine("L1 as its subgradient; max-norm, top-k have no gradient; kinks: smooth side only");
            console.Ansi.Write(table);
            foreach (string line in failed) console.Out.WriteLine(line);
            console.Out.WriteLine(failures == 0 ? $"all {rows.Count} components within {limit.ToString("G3", CultureInfo.InvariantCulture)}" : $"{failures} of {rows.Count} components exceed the bound");
            return failures == 0 ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }

    /// <summary>
    /// Refuses a network too large to hold or to check: central differences evaluate the objective twice per
    /// checked entry (all parameters, or <paramref name="entriesPerTensor"/> of each tensor), each evaluation
    /// costing about 2 · parameters · batch operations.
    /// </summary>
    private static void RequireFeasible(NetworkConfig config, int inputs, int outputs, int batch, int entriesPerTensor)
    {
        IReadOnlyList<LayerSpec> layers = config.Layers(outputs);
        long parameters = MemoryEstimate.Require(inputs, layers, batch, sizeof(double), optimizerSlots: 0, "gradcheck",
            "Use narrower --hidden layers.");
        // At most two tensors (weight, bias) per layer are sampled.
        long checkedEntries = entriesPerTensor == 0 ? parameters : Math.Min(parameters, 2L * entriesPerTensor * layers.Count);
        double operations = 4.0 * checkedEntries * parameters * batch;
        if (operations > MaxOperations)
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"the network has {parameters:N0} parameters; checking {checkedEntries:N0} of them by central differences takes about {operations:G2} operations (the limit is {MaxOperations:G2}, about a minute). Use narrower --hidden layers, a smaller --batch or fewer --entries."));
    }

    private const double MaxOperations = 1e11;

    /// <summary>The catalogue's penalty samples, in its order (constraints and the optimizer's decay have none; the gates are checked as a layer).</summary>
    private static IEnumerable<(string, Penalty)> Penalties()
    {
        foreach (PenaltyEntry e in PenaltyCatalog.Entries)
            if (e.GradCheckSample is { } sample) yield return (sample.Label, sample.Penalty);
    }

    /// <summary>The rows a network is checked on: random, or the first rows of the user's data.</summary>
    private sealed record CheckedData(double[] X, int[]? Labels, double[]? Targets, int Rows, int Inputs, int Outputs, string Origin)
    {
        /// <summary>Inputs in [−1, 1) and targets fitting the loss.</summary>
        public static CheckedData Drawn(int inputs, int outputs, int rows, LossKind loss, ulong seed)
        {
            var rng = new Random(unchecked((int)seed) ^ 12345);
            var x = new double[rows * inputs];
            for (int i = 0; i < x.Length; i++) x[i] = 2 * rng.NextDouble() - 1;
            LossEntry entry = LossNames.Entry(loss);
            if (entry.TakesLabels)
            {
                var labels = new int[rows];
                for (int i = 0; i < rows; i++) labels[i] = rng.Next(outputs);
                return new CheckedData(x, labels, null, rows, inputs, outputs, "");
            }
            // Targets in the loss's sampling interval: [−1, 1) for any real value, [0, 1) for probabilities.
            var (low, high) = entry.SampleTargets;
            var y = new double[rows * outputs];
            for (int i = 0; i < y.Length; i++) y[i] = low + (high - low) * rng.NextDouble();
            return new CheckedData(x, null, y, rows, inputs, outputs, "");
        }

        public static CheckedData FromFile(Nn.Training.Dataset<double> data, int rows, int outputs, string name) => new(
            data.X[..(rows * data.Features)], data.Labels?[..rows], data.Targets?[..(rows * data.Outputs)], rows, data.Features, outputs, $" from {name}");

        public GradientCheckResult Check(IReadOnlyList<LayerSpec> layers, Penalty penalty, LossKind loss, ulong seed, GradientCheckOptions options)
        {
            var model = new Sequential<double>(Inputs, Rows, loss, layers, seed) { Penalty = penalty };
            return Labels is not null
                ? GradientChecker.Check(model, X, Labels, Rows, options)
                : GradientChecker.Check(model, X, Targets!, Rows, options);
        }
    }
}

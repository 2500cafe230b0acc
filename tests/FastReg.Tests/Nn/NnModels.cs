using FastReg.Nn;

namespace FastReg.Tests.Nn;

/// <summary>A random problem for a property: architecture, loss, penalties, data, all from one seed.</summary>
public sealed record RandomProblem(Sequential<double> Model, double[] X, double[]? Targets, int[]? Labels, int Batch, string Description)
{
    public override string ToString() => Description;

    /// <summary>Draws everything from <paramref name="seed"/>, so a failing case replays from its seed.</summary>
    public static RandomProblem Create(int seed)
    {
        var rng = new Random(seed);
        int input = rng.Next(1, 7), batch = rng.Next(1, 6), width = input;
        var layers = new List<LayerSpec>();
        int denseCount = rng.Next(1, 4);
        for (int d = 0; d < denseCount; d++)
        {
            int units = rng.Next(1, 7);
            layers.Add(new Dense(units) { Penalty = rng.Next(3) == 0 ? RandomPenalty(rng) : null, Bias = rng.Next(5) != 0 });
            width = units;
            if (d == denseCount - 1 && rng.Next(2) == 0) break; // output layer often linear
            layers.Add(new Activation((ActivationKind)rng.Next(4)));
            if (rng.Next(3) == 0) layers.Add(new Dropout(rng.NextDouble() * 0.6));
            if (rng.Next(3) == 0) layers.Add(new HardConcreteGate(rng.NextDouble()) { InitialDropRate = 0.2 + 0.6 * rng.NextDouble() });
        }
        var loss = (LossKind)rng.Next(3);
        var model = new Sequential<double>(input, batch, loss, layers, (ulong)seed)
        {
            Penalty = RandomPenalty(rng),
            PenaltyExamples = rng.Next(2) == 0 ? null : rng.Next(1, 100),
            Step = rng.Next(0, 1000),
        };
        // Biases start at 0; moving them keeps pre-activations off the ReLU kink when a closed gate zeroes a row.
        foreach (ParameterTensor t in model.Parameters)
            if (t.Kind == ParameterKind.Bias)
                foreach (ref double b in model.GetParameter(t)) b = rng.NextDouble() - 0.5;
        var x = new double[batch * input];
        for (int i = 0; i < x.Length; i++) x[i] = 2 * rng.NextDouble() - 1;
        double[]? targets = null;
        int[]? labels = null;
        if (loss == LossKind.SoftmaxCrossEntropy)
        {
            labels = new int[batch];
            for (int i = 0; i < batch; i++) labels[i] = rng.Next(model.OutputSize);
        }
        else
        {
            targets = new double[batch * model.OutputSize];
            for (int i = 0; i < targets.Length; i++)
                targets[i] = loss == LossKind.MeanSquaredError ? 2 * rng.NextDouble() - 1 : rng.NextDouble();
        }
        string description = $"seed {seed}: in {input}, batch {batch}, {loss}, [{string.Join(", ", layers)}], penalty {model.Penalty}, m {model.PenaltyExamples}";
        return new RandomProblem(model, x, targets, labels, batch, description);
    }

    /// <summary>Any mix of the penalties: L2, L1 (either method), max-norm, top-k, biases or not.</summary>
    public static Penalty RandomPenalty(Random rng) => new()
    {
        L2 = rng.Next(2) == 0 ? 0 : rng.NextDouble(),
        L1 = rng.Next(2) == 0 ? 0 : rng.NextDouble(),
        L1Method = rng.Next(2) == 0 ? L1Method.Proximal : L1Method.Subgradient,
        MaxNorm = rng.Next(3) == 0 ? 0.5 + rng.NextDouble() : 0,
        TopK = rng.Next(3) == 0 ? rng.Next(1, 5) : 0,
        IncludeBiases = rng.Next(2) == 0,
    };

    public GradientCheckResult Check(GradientCheckOptions? options = null) =>
        Labels is not null
            ? GradientChecker.Check(Model, X, Labels, Batch, options)
            : GradientChecker.Check(Model, X, Targets!, Batch, options);
}

using System.CommandLine;
using System.Globalization;
using System.Numerics;
using FastReg.Nn;

namespace FastReg.Cli.Modeling;

/// <summary>
/// The regularizer whose strength λ a sweep varies, applied on top of the network the other flags
/// describe, and the λ grid: <c>--penalty l2 --lambdas 1e-4,1e-3,0.01</c> or a log grid <c>1e-4:10:6</c>.
/// </summary>
internal sealed class SweptPenalty
{
    public Option<string> Penalty { get; } = new Option<string>("--penalty") { Description = "What λ is: l2, l1, elastic-net (λ split by --l1-ratio), max-norm (c), weight-decay (the optimizer's), or l0-gates (the hard-concrete gates' λ).", DefaultValueFactory = _ => "l2" }
        .AcceptOnlyFromAmong("l2", "l1", "elastic-net", "max-norm", "weight-decay", "l0-gates");
    public Option<string> Lambdas { get; } = new("--lambdas") { Description = "λ grid: a list (0,1e-3,0.01) or a log grid FROM:TO:COUNT (1e-4:10:6).", DefaultValueFactory = _ => "1e-3:10:9" };

    public void AddTo(Command command)
    {
        command.Options.Add(Penalty);
        command.Options.Add(Lambdas);
    }

    public double[] ReadGrid(ParseResult parsed) => ParseGrid(parsed.GetValue(Lambdas)!);

    /// <summary>The --penalty name, checked against an auto penalty (which only train chooses).</summary>
    public string ReadPenalty(ParseResult parsed, NetworkConfig config)
    {
        if (config.AutoPenalty is { } auto) throw new CliException($"--{auto} auto chooses λ inside train; here --penalty and --lambdas say what to vary.");
        return parsed.GetValue(Penalty)!;
    }

    /// <summary>
    /// Builds a fresh model from <paramref name="config"/> (whose own penalty stays as the base) regularized
    /// by <paramref name="penalty"/> (a --penalty name) at λ. The L0 gates' λ is part of the layer list, so
    /// it is a new configuration; every other λ is set on the built model.
    /// </summary>
    public static Func<double, Sequential<T>> BuildAt<T>(string penalty, NetworkConfig config, Func<NetworkConfig, Sequential<T>> build)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Nn.Penalty basePenalty = config.Penalty;
        Action<Sequential<T>, double>? set = penalty switch
        {
            "l2" => (m, l) => m.Penalty = basePenalty with { L2 = l },
            "l1" => (m, l) => m.Penalty = basePenalty with { L1 = l },
            "elastic-net" => (m, l) => m.Penalty = basePenalty with { L1 = l * config.L1Ratio, L2 = l * (1 - config.L1Ratio) },
            "max-norm" => (m, l) => m.Penalty = basePenalty with { MaxNorm = l },
            "weight-decay" => (m, l) => m.Optimizer = (config with { WeightDecay = l }).CreateOptimizer(),
            "l0-gates" => null,
            _ => throw new CliException($"--penalty must be l2, l1, elastic-net, max-norm, weight-decay or l0-gates (got '{penalty}')."),
        };
        if (set is null) return l => build(config with { L0Gates = l });
        return l =>
        {
            Sequential<T> model = build(config);
            set(model, l);
            return model;
        };
    }

    /// <summary>Whether a smaller value of <paramref name="penalty"/> regularizes more (max-norm's c), for the one-standard-error rule.</summary>
    public static bool SmallerIsStronger(string penalty) => penalty == "max-norm";

    /// <summary>What the one-standard-error rule picks for <paramref name="penalty"/>, in words.</summary>
    public static string OneSeRule(string penalty) =>
        SmallerIsStronger(penalty) ? "the smallest c within one SE of the best" : "the largest λ within one SE of the best";

    /// <summary>"a,b,c" or "from:to:count" (log-spaced, both ends included); every λ finite and ≥ 0, at most 100.</summary>
    public static double[] ParseGrid(string text)
    {
        string t = text.Trim();
        double[] grid;
        if (t.Contains(':', StringComparison.Ordinal))
        {
            string[] p = t.Split(':');
            if (p.Length != 3 || !TryNumber(p[0], out double from) || !TryNumber(p[1], out double to)
                || !int.TryParse(p[2], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 2 || from <= 0 || to <= from)
                throw new CliException($"--lambdas: '{text}' is not a log grid FROM:TO:COUNT with 0 < FROM < TO and COUNT ≥ 2.");
            grid = new double[count];
            double a = Math.Log10(from), b = Math.Log10(to);
            for (int i = 0; i < count; i++)
            {
                // 12 significant digits: 10^-2 prints as 0.01, not 0.010000000000000002.
                double v = Math.Pow(10, a + (b - a) * i / (count - 1));
                grid[i] = double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            }
        }
        else
        {
            string[] p = t.Split(',', StringSplitOptions.TrimEntries);
            grid = new double[p.Length];
            for (int i = 0; i < p.Length; i++)
                if (!TryNumber(p[i], out grid[i]) || grid[i] < 0)
                    throw new CliException($"--lambdas: '{p[i]}' is not a non-negative number.");
        }
        if (grid.Length > 100) throw new CliException($"--lambdas: {grid.Length} values; at most 100.");
        return grid;
    }

    private static bool TryNumber(string s, out double value) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

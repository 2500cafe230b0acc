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
    public Option<string> Penalty { get; } = new Option<string>("--penalty") { Description = "What λ is: l2, l1, elastic-net (λ split by --l1-ratio), max-norm (c), or weight-decay (the optimizer's).", DefaultValueFactory = _ => "l2" }
        .AcceptOnlyFromAmong("l2", "l1", "elastic-net", "max-norm", "weight-decay");
    public Option<string> Lambdas { get; } = new("--lambdas") { Description = "λ grid: a list (0,1e-3,0.01) or a log grid FROM:TO:COUNT (1e-4:10:6).", DefaultValueFactory = _ => "1e-3:10:9" };

    public void AddTo(Command command)
    {
        command.Options.Add(Penalty);
        command.Options.Add(Lambdas);
    }

    public double[] ReadGrid(ParseResult parsed) => ParseGrid(parsed.GetValue(Lambdas)!);

    /// <summary>Sets λ on a fresh model built from <paramref name="config"/> (whose own penalty stays as the base).</summary>
    public Action<Sequential<T>, double> ReadSetter<T>(ParseResult parsed, NetworkConfig config) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (config.AutoPenalty is { } auto) throw new CliException($"--{auto} auto chooses λ inside train; here --penalty and --lambdas say what to vary.");
        return Setter<T>(parsed.GetValue(Penalty)!, config);
    }

    /// <summary>Sets λ of <paramref name="penalty"/> (a --penalty name) on a fresh model built from <paramref name="config"/>.</summary>
    public static Action<Sequential<T>, double> Setter<T>(string penalty, NetworkConfig config) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Nn.Penalty basePenalty = config.Penalty;
        return penalty switch
        {
            "l2" => (m, l) => m.Penalty = basePenalty with { L2 = l },
            "l1" => (m, l) => m.Penalty = basePenalty with { L1 = l },
            "elastic-net" => (m, l) => m.Penalty = basePenalty with { L1 = l * config.L1Ratio, L2 = l * (1 - config.L1Ratio) },
            "max-norm" => (m, l) => m.Penalty = basePenalty with { MaxNorm = l },
            _ => (m, l) => m.Optimizer = (config with { WeightDecay = l }).CreateOptimizer(),
        };
    }

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

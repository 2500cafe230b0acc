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
    public Option<string> Penalty { get; } = new Option<string>("--penalty") { Description = "What λ is: " + Choices(withNotes: true) + ".", DefaultValueFactory = _ => PenaltyCatalog.Ridge.Token }
        .AcceptOnlyFromAmong([.. PenaltyCatalog.Swept.Select(e => e.Token)]);
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
    /// by <paramref name="penalty"/> (a --penalty name, a sweepable <see cref="PenaltyCatalog"/> token) at λ.
    /// The L0 gates' λ is part of the layer list, so it is a new configuration; every other λ is set on the built model.
    /// </summary>
    public static Func<double, Sequential<T>> BuildAt<T>(string penalty, NetworkConfig config, Func<NetworkConfig, Sequential<T>> build)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        PenaltyEntry entry = Swept(penalty);
        Nn.Penalty basePenalty = config.Penalty;
        Action<Sequential<T>, double>? set = entry.Form switch
        {
            RegularizerForm.Term or RegularizerForm.Constraint => (m, l) => m.Penalty = entry.SetOn(basePenalty, l, config.L1Ratio),
            RegularizerForm.Optimizer => (m, l) => m.Optimizer = (config with { WeightDecay = l }).CreateOptimizer(),
            RegularizerForm.Layer when entry == PenaltyCatalog.L0Gates => null,
            _ => throw new CliException($"--penalty {penalty}: the sweep cannot vary a {entry.Form} regularizer."),
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
    public static bool SmallerIsStronger(string penalty) => Swept(penalty).SmallerIsStronger;

    /// <summary>The sweepable catalogue entry of a --penalty name; anything else is refused, naming the choices.</summary>
    public static PenaltyEntry Swept(string penalty) =>
        PenaltyCatalog.Find(penalty) is { Sweepable: true } entry ? entry : throw new CliException($"--penalty must be {Choices(withNotes: false)} (got '{penalty}').");

    /// <summary>Whether <paramref name="penalty"/> is a term of the objective the linear solver fits (l2, l1, elastic-net).</summary>
    public static bool IsObjectiveTerm(string penalty) => PenaltyCatalog.Find(penalty)?.LinearSolverFits == true;

    /// <summary>The objective terms' tokens, "l2, l1 or elastic-net", each after <paramref name="prefix"/>.</summary>
    public static string ObjectiveTerms(string prefix = "") =>
        Listed([.. PenaltyCatalog.Swept.Where(e => e.LinearSolverFits).Select(e => prefix + e.Token)], "or");

    /// <summary>"l2, l1, ... or l0-gates", with each entry's note on what λ is ("max-norm (c)") when <paramref name="withNotes"/>.</summary>
    private static string Choices(bool withNotes) =>
        Listed([.. PenaltyCatalog.Swept.Select(e => withNotes && e.StrengthNote.Length > 0 ? $"{e.Token} ({e.StrengthNote})" : e.Token)], withNotes ? ", or" : "or");

    /// <summary>"a, b or c" (<paramref name="last"/> "or"), "a, b, or c" (", or").</summary>
    private static string Listed(string[] items, string last) =>
        items.Length < 2 ? string.Join("", items) : string.Join(", ", items[..^1]) + (last.StartsWith(',') ? last : " " + last) + " " + items[^1];

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

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace FastReg.Cli;

/// <summary>
/// Flags that would be silently ignored are refused, with the reason, before any work: a flag that
/// only means something together with another (--momentum with sgd, --l1-ratio with --elastic-net,
/// --patience with --early-stopping) or that has nothing to act on (--dropout in a linear model).
/// The rules read options by name, so every command that has both flags obeys them.
/// </summary>
internal static class FlagRules
{
    private static readonly string[] HiddenLayerFlags = ["--activation", "--dropout", "--gaussian-noise", "--gaussian-dropout", "--activity-l1", "--activity-l2", "--l0-gates"];
    private static readonly string[] EarlyStoppingFlags = ["--monitor", "--monitor-mode", "--patience", "--min-delta", "--restore-best"];
    private static readonly string[] AutoPenaltyFlags = [.. Nn.PenaltyCatalog.Swept.Select(e => e.Flag)]; // the flags that take 'auto'

    /// <exception cref="CliException">A flag was given that the rest of the command line makes meaningless.</exception>
    public static void Check(ParseResult parsed)
    {
        CommandResult command = parsed.CommandResult;
        string optimizer = Value(command, "--optimizer") ?? "adam";
        string? swept = Value(command, "--penalty");

        foreach (string flag in (ReadOnlySpan<string>)["--momentum", "--nesterov"])
            if (Given(command, flag) && optimizer != "sgd")
                throw Refuse(flag, $"applies only to --optimizer sgd (the optimizer here is {optimizer})");
        if (Given(command, "--nesterov") && Number(command, "--momentum") == 0)
            throw Refuse("--nesterov", "needs --momentum > 0 (as torch.optim.SGD)");

        if (Given(command, "--l1-ratio") && Number(command, "--elastic-net") == 0 && swept != "elastic-net")
            throw Refuse("--l1-ratio", "splits the elastic net's λ; give --elastic-net too");
        if (Given(command, "--l1-mode") && Number(command, "--l1") == 0 && Number(command, "--elastic-net") == 0 && swept is not ("l1" or "elastic-net"))
            throw Refuse("--l1-mode", "says how an L1 penalty is applied; give --l1 or --elastic-net");
        foreach (string flag in (ReadOnlySpan<string>)["--gate-lr-scale", "--decay-gates"])
            if (Given(command, flag) && Number(command, "--l0-gates") == 0 && swept != "l0-gates")
                throw Refuse(flag, "applies to L0 gates; give --l0-gates");
        if (Given(command, "--decay-biases") && !Given(command, "--weight-decay") && optimizer != "adamw" && swept != "weight-decay")
            throw Refuse("--decay-biases", "says whether weight decay reaches the biases; give --weight-decay (or --optimizer adamw)");
        if (Given(command, "--penalize-biases") && Number(command, "--l2") == 0 && Number(command, "--l1") == 0
            && Number(command, "--elastic-net") == 0 && Number(command, "--max-norm") == 0 && swept is null or "weight-decay")
            throw Refuse("--penalize-biases", "extends a penalty to the biases; give --l2, --l1, --elastic-net or --max-norm");

        if (Value(command, "--hidden") is { } hidden && IsLinear(hidden))
            foreach (string flag in HiddenLayerFlags)
                if (Given(command, flag)) throw Refuse(flag, "acts on hidden layers, and --hidden none has none");

        if (!IsTrue(command, "--early-stopping"))
            foreach (string flag in EarlyStoppingFlags)
                if (Given(command, flag)) throw Refuse(flag, "applies to --early-stopping; give it too");

        bool anyAuto = false;
        foreach (string flag in AutoPenaltyFlags) anyAuto |= string.Equals(Value(command, flag)?.Trim(), "auto", StringComparison.OrdinalIgnoreCase);
        foreach (string flag in (ReadOnlySpan<string>)["--auto-folds", "--auto-lambdas"])
            if (Given(command, flag) && !anyAuto) throw Refuse(flag, "applies when a penalty's λ is 'auto' (for example --l2 auto)");
    }

    private static CliException Refuse(string flag, string reason) => new($"{flag} would be ignored: it {reason}.");

    private static bool IsLinear(string hidden) => hidden.Trim().Length == 0 || hidden.Trim().Equals("none", StringComparison.OrdinalIgnoreCase);

    private static OptionResult? Find(CommandResult command, string name)
    {
        foreach (SymbolResult child in command.Children)
            if (child is OptionResult o && (o.Option.Name == name || o.Option.Aliases.Contains(name))) return o;
        return null;
    }

    /// <summary>Whether the user typed the flag (a default value does not count).</summary>
    private static bool Given(CommandResult command, string name) => Find(command, name) is { Implicit: false, IdentifierToken: not null };

    /// <summary>The flag's value as text, typed or default; null when the command has no such flag.</summary>
    private static string? Value(CommandResult command, string name)
    {
        OptionResult? o = Find(command, name);
        if (o is null) return null;
        if (o.Tokens.Count > 0) return o.Tokens[^1].Value;
        return o.GetValueOrDefault<object?>() switch
        {
            null => null,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            object v => v.ToString(),
        };
    }

    /// <summary>A numeric flag's value; "auto" and unparsable text count as non-zero (the command's own check reports those).</summary>
    private static double Number(CommandResult command, string name)
    {
        string? text = Value(command, name);
        if (text is null) return 0;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
    }

    private static bool IsTrue(CommandResult command, string name)
    {
        OptionResult? o = Find(command, name);
        return o is not null && o.GetValueOrDefault<bool>();
    }
}

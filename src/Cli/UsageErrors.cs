using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;

namespace FastReg.Cli;

/// <summary>
/// Turns System.CommandLine's first parse error into the CLI's one-line contract: the flag, what it
/// accepts and what it got, never a .NET type name ("System.Nullable`1[System.Double]") or a help dump.
/// </summary>
internal static class UsageErrors
{
    /// <summary>One line (without the "fastreg: error: " prefix) for the first error of <paramref name="parsed"/>.</summary>
    public static string Describe(ParseResult parsed)
    {
        ParseError error = parsed.Errors[0];
        string command = CommandPath(parsed.CommandResult);
        if ((error.SymbolResult as OptionResult ?? error.SymbolResult?.Parent as OptionResult) is { } option)
            return DescribeOption(option, command);
        if (parsed.UnmatchedTokens.Count > 0)
            return DescribeUnmatched(parsed.UnmatchedTokens[0], parsed.CommandResult.Command, command);
        return $"{OneLine(error.Message)} See '{command} --help'.";
    }

    private static string DescribeOption(OptionResult result, string command)
    {
        Option option = result.Option;
        if (result.IdentifierToken is null)
            return $"{option.Name} is required: {option.Description} See '{command} --help'.";
        if (result.Tokens.Count == 0)
            return $"{option.Name} needs a value: {Accepts(option)}.";
        string given = result.Tokens[^1].Value;
        return $"{option.Name}: '{Clip(given)}' is not {Accepts(option)}.";
    }

    private static string DescribeUnmatched(string token, Command command, string path)
    {
        string? near = Nearest(token, command);
        string hint = near is null ? "" : $" (did you mean {near}?)";
        string what = token.StartsWith('-') ? "unknown option" : command.Subcommands.Count > 0 ? "unknown command or extra argument" : "unexpected argument";
        return $"{what} '{Clip(token)}' for '{path}'{hint}. See '{path} --help'.";
    }

    /// <summary>What an option's value must be, in words: "a number", "an integer", "one of sgd, adam, adamw".</summary>
    internal static string Accepts(Option option)
    {
        Type type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        if (type == typeof(bool)) return "true or false (or nothing: the flag alone means true)";
        if (type == typeof(int) || type == typeof(long)) return "an integer";
        if (type == typeof(ulong) || type == typeof(uint)) return "a non-negative integer";
        if (type == typeof(double) || type == typeof(float)) return "a number";
        string[] choices = Choices(option);
        return choices.Length > 0 ? $"one of {string.Join(", ", choices)}" : "a value";
    }

    /// <summary>The fixed values an option accepts (AcceptOnlyFromAmong registers them as its completions).</summary>
    private static string[] Choices(Option option)
    {
        var names = new List<string>();
        foreach (CompletionItem item in option.GetCompletions(CompletionContext.Empty)) names.Add(item.Label);
        return [.. names];
    }

    /// <summary>The option or subcommand name closest to a mistyped token (edit distance at most 2), if any.</summary>
    private static string? Nearest(string token, Command command)
    {
        string? best = null;
        int bestDistance = 3;
        IEnumerable<string> candidates = token.StartsWith('-') ? OptionNames(command) : SubcommandNames(command);
        foreach (string name in candidates)
        {
            int d = Distance(token, name);
            if (d < bestDistance) (best, bestDistance) = (name, d);
        }
        return best;
    }

    private static IEnumerable<string> OptionNames(Command command)
    {
        foreach (Option o in command.Options)
        {
            yield return o.Name;
            foreach (string alias in o.Aliases) yield return alias;
        }
    }

    private static IEnumerable<string> SubcommandNames(Command command)
    {
        foreach (Command c in command.Subcommands) yield return c.Name;
    }

    /// <summary>Levenshtein distance (small strings only: flags and command names).</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
            names.Add(c.Parent is null ? "fastreg" : c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    private static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static string Clip(string s) => OneLine(s.Length <= 60 ? s : s[..60] + "…");
}

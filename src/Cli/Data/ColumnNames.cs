namespace FastReg.Cli.Data;

/// <summary>Checks the column names a user gives against a file's header, suggesting the closest ones for a typo.</summary>
internal static class ColumnNames
{
    /// <summary>Throws, naming <paramref name="flag"/>, when <paramref name="name"/> is not a column.</summary>
    public static void Require(IReadOnlyList<string> columns, string name, string flag, string path)
    {
        foreach (string c in columns)
            if (c == name) return;
        string[] close = Closest(columns, name);
        string hint = close.Length > 0 ? $"did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}? " : "";
        string all = columns.Count <= 12
            ? string.Join(", ", columns)
            : string.Join(", ", columns.Take(10)) + $", ... ({columns.Count} columns)";
        throw new CliException($"{path}: {flag}: no column '{name}'; {hint}columns are {all}.");
    }

    /// <summary>Up to three columns within an edit distance of a third of the name (case ignored), nearest first.</summary>
    public static string[] Closest(IReadOnlyList<string> columns, string name)
    {
        var scored = new List<(int Distance, string Column)>();
        int limit = Math.Max(1, name.Length / 3);
        foreach (string c in columns)
        {
            int d = Distance(c.ToUpperInvariant(), name.ToUpperInvariant());
            if (d <= limit || c.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(c, StringComparison.OrdinalIgnoreCase))
                scored.Add((d, c));
        }
        return [.. scored.OrderBy(s => s.Distance).ThenBy(s => s.Column, StringComparer.Ordinal).Take(3).Select(s => s.Column)];
    }

    /// <summary>Levenshtein distance (insertions, deletions, substitutions).</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

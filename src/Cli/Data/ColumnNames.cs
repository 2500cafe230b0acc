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

    /// <summary>
    /// The columns that differ only in case, or else up to three within an edit distance (a swap of two neighbours
    /// counting one) of a third of the name, or containing it, nearest first.
    /// </summary>
    public static string[] Closest(IReadOnlyList<string> columns, string name)
    {
        string[] cased = [.. columns.Where(c => c.Equals(name, StringComparison.OrdinalIgnoreCase))];
        if (cased.Length > 0) return cased;
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

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}

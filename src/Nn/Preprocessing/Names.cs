using System.Globalization;

namespace FastReg.Nn.Preprocessing;

/// <summary>Column and feature names: checked (non-empty, distinct) and generated (x0, x1, ...).</summary>
internal static class Names
{
    public static string[] Checked(IReadOnlyList<string> names, string parameter)
    {
        var copy = new string[names.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < copy.Length; i++)
        {
            string name = names[i];
            if (string.IsNullOrEmpty(name)) throw new ArgumentException($"the name at {parameter}[{i}] is empty.", parameter);
            if (!seen.Add(name)) throw new ArgumentException($"'{JsonFields.Clip(name)}' is named twice in {parameter}.", parameter);
            copy[i] = name;
        }
        return copy;
    }

    public static string[] Default(string prefix, int count)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++) names[i] = prefix + i.ToString(CultureInfo.InvariantCulture);
        return names;
    }
}

using System.Globalization;
using System.Text.Json;
using FastReg.IO;

namespace FastReg.Nn.Preprocessing;

/// <summary>
/// Reads the parts of a JSON description by key, with every problem one <see cref="DataFormatException"/>
/// that names the key by its path ("preprocessing.standardizer.std[1]") and the file.
/// </summary>
internal readonly struct JsonFields(string subject, string source)
{
    public string Source => source;

    public DataFormatException Bad(string what, Exception? inner = null) => new($"{subject} {what}.", source, inner: inner);

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public JsonElement Object(JsonElement parent, string key, string path)
    {
        if (!parent.TryGetProperty(key, out JsonElement e) || e.ValueKind == JsonValueKind.Null) throw Bad($"has no '{Join(path, key)}'");
        if (e.ValueKind != JsonValueKind.Object) throw Bad($"has '{Join(path, key)}' that is not an object");
        return e;
    }

    public JsonElement? OptionalObject(JsonElement parent, string key, string path)
    {
        if (!parent.TryGetProperty(key, out JsonElement e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind != JsonValueKind.Object) throw Bad($"has '{Join(path, key)}' that is not an object");
        return e;
    }

    public JsonElement Array(JsonElement parent, string key, string path)
    {
        if (!parent.TryGetProperty(key, out JsonElement e) || e.ValueKind == JsonValueKind.Null) throw Bad($"has no '{Join(path, key)}'");
        if (e.ValueKind != JsonValueKind.Array) throw Bad($"has '{Join(path, key)}' that is not a list");
        return e;
    }

    public string String(JsonElement parent, string key, string path)
    {
        if (!parent.TryGetProperty(key, out JsonElement e) || e.ValueKind == JsonValueKind.Null) throw Bad($"has no '{Join(path, key)}'");
        if (e.ValueKind != JsonValueKind.String) throw Bad($"has '{Join(path, key)}' that is not a string");
        return Text(e, Join(path, key));
    }

    /// <summary>A string value; an escaped lone surrogate (which System.Text.Json reports only on reading) is refused here.</summary>
    public string Text(JsonElement e, string key)
    {
        try { return e.GetString()!; }
        catch (InvalidOperationException ex) { throw Bad($"has '{key}' escaping an unpaired UTF-16 surrogate", ex); }
    }

    /// <summary>A list of non-empty, distinct names (at least <paramref name="min"/>).</summary>
    public string[] Names(JsonElement parent, string key, string path, int min = 1, bool allowEmpty = false)
    {
        JsonElement list = Array(parent, key, path);
        string at = Join(path, key);
        var names = new string[list.GetArrayLength()];
        if (names.Length < min) throw Bad($"has '{at}' with {names.Length} names; at least {min} needed");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (JsonElement e in list.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String) throw Bad($"has an entry at {at}[{i}] that is not a string");
            string name = Text(e, $"{at}[{i}]");
            if (name.Length == 0 && !allowEmpty) throw Bad($"has an empty or null name at {at}[{i}]");
            if (!seen.Add(name)) throw Bad($"names '{Clip(name)}' twice in '{at}'");
            names[i++] = name;
        }
        return names;
    }

    /// <summary>A list of <paramref name="count"/> finite numbers.</summary>
    public double[] Numbers(JsonElement parent, string key, string path, int count)
    {
        JsonElement list = Array(parent, key, path);
        string at = Join(path, key);
        if (list.GetArrayLength() != count) throw Bad($"has '{at}' with {list.GetArrayLength()} entries; {count} needed");
        var values = new double[count];
        int i = 0;
        foreach (JsonElement e in list.EnumerateArray())
        {
            values[i] = Number(e, $"{at}[{i}]");
            i++;
        }
        return values;
    }

    public double Number(JsonElement e, string at)
    {
        if (e.ValueKind != JsonValueKind.Number) throw Bad($"has {at} that is not a number");
        if (!e.TryGetDouble(out double v) || !double.IsFinite(v))
            throw Bad($"has {at} = {Clip(e.GetRawText())}, not a finite number");
        return v;
    }

    /// <summary>Refuses keys other than <paramref name="known"/>: a misspelt key would otherwise be silently ignored.</summary>
    public void OnlyKeys(JsonElement obj, string path, params string[] known)
    {
        foreach (JsonProperty p in obj.EnumerateObject())
            if (System.Array.IndexOf(known, p.Name) < 0)
                throw Bad($"has unknown key '{Clip(Join(path, p.Name))}' (known: {string.Join(", ", known)})");
    }

    public static string Clip(string s) => (s.Length <= 40 ? s : s[..40] + "…").ReplaceLineEndings(" ");

    public static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses <paramref name="json"/> as one object, refusing anything else as one error.</summary>
    public static T Parse<T>(string json, string subject, string source, Func<JsonElement, JsonFields, T> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        var fields = new JsonFields(subject, source);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw fields.Bad("is not a JSON object");
            return read(doc.RootElement, fields);
        }
        catch (JsonException e)
        {
            throw fields.Bad($"is not valid JSON ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    /// <summary>Writes an object with <paramref name="write"/> and returns the text.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream)) write(json);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

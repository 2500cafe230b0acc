namespace FastReg.IO;

/// <summary>The contents of a safetensors file: its tensors in header order and its string metadata.</summary>
public sealed class SafeTensorsFile
{
    private readonly Dictionary<string, NamedTensor> _byName;

    internal SafeTensorsFile(List<NamedTensor> tensors, Dictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
        _byName = new Dictionary<string, NamedTensor>(tensors.Count, StringComparer.Ordinal);
        foreach (NamedTensor t in tensors) _byName.Add(t.Name, t);
    }

    /// <summary>The tensors in the order the header lists them.</summary>
    public IReadOnlyList<NamedTensor> Tensors { get; }

    /// <summary>The file's <c>__metadata__</c> entries; empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor called <paramref name="name"/> (exact match), or null.</summary>
    public NamedTensor? Find(string name) => _byName.GetValueOrDefault(name);
}

namespace FastReg.IO;

/// <summary>
/// An append-only list in chunks (256 values, doubling to 16 Ki): growing never copies, so a column read from a
/// file of unknown length costs its values once plus one exact-size copy at the end, not the up-to-3x of a
/// doubling list, and a small file's columns stay small.
/// </summary>
internal sealed class ChunkedList<T>
{
    private const int FirstChunk = 256;
    private const int LargestChunk = 16 * 1024;
    private readonly List<T[]> _chunks = [];
    private T[] _current = [];
    private int _used;

    public int Count { get; private set; }

    public void Add(T value)
    {
        if (_used == _current.Length)
        {
            _current = new T[_current.Length == 0 ? FirstChunk : Math.Min(_current.Length * 2, LargestChunk)];
            _chunks.Add(_current);
            _used = 0;
        }
        _current[_used++] = value;
        Count++;
    }

    /// <summary>The values in order.</summary>
    public IEnumerable<T> Values()
    {
        int left = Count;
        foreach (T[] chunk in _chunks)
            for (int i = 0; i < chunk.Length && left > 0; i++, left--) yield return chunk[i];
    }

    /// <summary>The values in one array; the chunks are released.</summary>
    public T[] ToArrayAndClear()
    {
        var all = new T[Count];
        int at = 0;
        foreach (T[] chunk in _chunks)
        {
            int n = Math.Min(chunk.Length, Count - at);
            chunk.AsSpan(0, n).CopyTo(all.AsSpan(at));
            at += n;
        }
        _chunks.Clear();
        _current = [];
        _used = 0;
        Count = 0;
        return all;
    }
}

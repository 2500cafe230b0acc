namespace FastReg.IO;

/// <summary>One record's cells as spans over a reused character buffer: reading a row allocates no strings.</summary>
internal sealed class CsvRecord
{
    private char[] _chars = new char[256];
    private int[] _ends = new int[16];
    private int _length;

    /// <summary>Cells in the record.</summary>
    public int Count { get; private set; }

    /// <summary>Whether some cell was quoted (a quoted empty cell is not a blank line).</summary>
    public bool AnyQuoted { get; set; }

    public ReadOnlySpan<char> this[int cell] => _chars.AsSpan(cell == 0 ? 0 : _ends[cell - 1], _ends[cell] - (cell == 0 ? 0 : _ends[cell - 1]));

    /// <summary>Characters in the record's cells (their content, without delimiters and quotes).</summary>
    public int Length => _length;

    public void Clear()
    {
        Count = 0;
        _length = 0;
        AnyQuoted = false;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + text.Length));
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }

    public void Append(char c)
    {
        if (_length == _chars.Length) Array.Resize(ref _chars, _chars.Length * 2);
        _chars[_length++] = c;
    }

    public void EndCell()
    {
        if (Count == _ends.Length) Array.Resize(ref _ends, _ends.Length * 2);
        _ends[Count++] = _length;
    }

    /// <summary>A blank line: one unquoted cell of white space or nothing.</summary>
    public bool IsBlank => !AnyQuoted && Count == 1 && this[0].IsWhiteSpace();
}

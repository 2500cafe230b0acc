using System.Buffers;
using System.Text;

namespace FastReg.IO;

/// <summary>
/// Splits CSV text into records (RFC 4180 with a chosen delimiter: quoted cells with doubled quotes, CRLF or LF
/// or CR line ends) while counting physical lines, so every error can name the line it starts on. Runs of plain
/// characters are found with a vectorized search and copied at once. A quote inside an unquoted cell is kept
/// as text (<c>5'11"</c>), as most spreadsheet exports expect.
/// </summary>
internal sealed class CsvRecordReader
{
    /// <summary>The longest record accepted, in characters: bounds memory on a file with no line breaks.</summary>
    public const int MaxRecordChars = 1 << 20;

    private const int BufferChars = 16 * 1024;

    private readonly TextReader _reader;
    private readonly string _source;
    private readonly Utf8InvalidBytes? _invalid;
    private readonly char[] _buffer = new char[BufferChars];
    private SearchValues<char> _plainStops = SearchValues.Create(",\r\n\uFFFD");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\r\n\uFFFD");
    private char _delimiter = ',';
    private int _pos;
    private int _len;
    private bool _eof;
    private bool _started;
    private long _line = 1;
    private int _consumed;

    /// <param name="reader">The text.</param>
    /// <param name="source">Names the input in errors.</param>
    /// <param name="invalid">The decoding's count of invalid UTF-8 sequences, when the text is decoded from bytes here.</param>
    public CsvRecordReader(TextReader reader, string source, Utf8InvalidBytes? invalid = null)
    {
        _reader = reader;
        _source = source;
        _invalid = invalid;
    }

    /// <summary>The cell delimiter (a comma until set).</summary>
    public char Delimiter
    {
        get => _delimiter;
        set
        {
            _delimiter = value;
            _plainStops = SearchValues.Create([value, '\r', '\n', '\uFFFD']);
        }
    }

    /// <summary>
    /// The start of the input, up to 16 Ki characters, for detecting the dialect before any record is read;
    /// <paramref name="complete"/> is true when that is the whole input.
    /// </summary>
    public ReadOnlySpan<char> Sample(out bool complete)
    {
        while (!_eof && _len < _buffer.Length)
        {
            int n = ReadInto(_buffer.AsSpan(_len));
            if (n == 0) _eof = true;
            _len += n;
        }
        complete = _eof;
        return _buffer.AsSpan(_pos, _len - _pos);
    }

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public bool Next(CsvRecord record, out long startLine)
    {
        record.Clear();
        startLine = _line;
        if (!Available()) return false;
        _consumed = 0;
        while (true)
        {
            if (!Available())
            {
                record.EndCell();
                return true;
            }
            if (_buffer[_pos] == '"')
            {
                _pos++;
                Count(1, startLine);
                record.AnyQuoted = true;
                ReadQuoted(record, startLine);
                if (Available())
                {
                    char after = _buffer[_pos];
                    if (after != _delimiter && after is not ('\r' or '\n'))
                        throw new DataFormatException(
                            $"unexpected '{after}' after the closing quote of cell {record.Count + 1}; a quote inside a quoted cell must be doubled",
                            _source, _line);
                }
            }
            else ReadPlain(record, startLine);

            if (!Available())
            {
                record.EndCell();
                return true;
            }
            char stop = _buffer[_pos++];
            Count(1, startLine);
            record.EndCell();
            if (stop == _delimiter) continue;
            if (stop == '\r' && Available() && _buffer[_pos] == '\n') _pos++;
            _line++;
            return true;
        }
    }

    /// <summary>An unquoted cell: up to the next delimiter or line end.</summary>
    private void ReadPlain(CsvRecord record, long startLine)
    {
        while (Available())
        {
            ReadOnlySpan<char> rest = _buffer.AsSpan(_pos, _len - _pos);
            int i = rest.IndexOfAny(_plainStops);
            ReadOnlySpan<char> run = i < 0 ? rest : rest[..i];
            Count(run.Length, startLine);
            record.Append(run);
            _pos += run.Length;
            if (i < 0) continue;
            if (_buffer[_pos] != '\uFFFD') return;
            CheckReplacement();
            record.Append('\uFFFD');
            _pos++;
        }
    }

    /// <summary>A quoted cell after its opening quote, up to and including its closing quote.</summary>
    private void ReadQuoted(CsvRecord record, long startLine)
    {
        long opened = _line;
        while (true)
        {
            if (!Available())
                throw new DataFormatException($"a quoted cell opened on line {opened} is never closed", _source, startLine);
            ReadOnlySpan<char> rest = _buffer.AsSpan(_pos, _len - _pos);
            int i = rest.IndexOfAny(QuotedStops);
            ReadOnlySpan<char> run = i < 0 ? rest : rest[..i];
            Count(run.Length, startLine, opened);
            record.Append(run);
            _pos += run.Length;
            if (i < 0) continue;
            char c = _buffer[_pos++];
            Count(1, startLine, opened);
            switch (c)
            {
                case '"':
                    if (!Available() || _buffer[_pos] != '"') return;
                    _pos++;
                    Count(1, startLine, opened);
                    record.Append('"');
                    break;
                case '\n':
                    record.Append(c);
                    _line++;
                    break;
                case '\r':
                    record.Append(c);
                    if (!Available() || _buffer[_pos] != '\n') _line++;
                    break;
                default:
                    CheckReplacement();
                    record.Append(c);
                    break;
            }
        }
    }

    private void Count(int chars, long startLine, long openQuote = 0)
    {
        _consumed += chars;
        if (_consumed <= MaxRecordChars) return;
        string why = openQuote > 0 ? $" (a quoted cell opened on line {openQuote} is still open)" : "";
        throw new DataFormatException($"row is longer than {MaxRecordChars:N0} characters{why}", _source, startLine);
    }

    // A U+FFFD is an invalid byte only when the decoder replaced one; a U+FFFD in valid text stays text.
    private void CheckReplacement()
    {
        if (_invalid is { Count: > 0 }) throw new DataFormatException("text is not valid UTF-8", _source, _line);
    }

    /// <summary>Whether a character is at <see cref="_pos"/>, refilling the buffer when needed.</summary>
    private bool Available()
    {
        if (_pos < _len) return true;
        if (_eof) return false;
        _pos = 0;
        _len = ReadInto(_buffer);
        if (_len == 0) _eof = true;
        return _len > 0;
    }

    private int ReadInto(Span<char> target)
    {
        int n;
        try
        {
            n = _reader.Read(target);
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFormatException("text is not valid UTF-8", _source, _line, inner: e);
        }
        // A BOM that reached us as text (a TextReader over a string, say) is not part of the first cell.
        if (!_started && n > 0)
        {
            _started = true;
            if (target[0] == '\uFEFF')
            {
                target[1..n].CopyTo(target);
                n--;
                if (n == 0) return ReadInto(target);
            }
        }
        return n;
    }
}

using System.Text;

namespace FastReg.IO;

/// <summary>
/// Splits CSV text into records (RFC 4180: comma separator, quoted cells with doubled quotes, CRLF or LF or CR
/// line ends) while counting physical lines, so every error can name the line it starts on.
/// A quote inside an unquoted cell is kept as text (<c>5'11"</c>), as most spreadsheet exports expect.
/// </summary>
internal sealed class CsvRecordReader
{
    /// <summary>The longest record accepted, in characters: bounds memory on a file with no line breaks.</summary>
    public const int MaxRecordChars = 1 << 20;

    private enum State { CellStart, Unquoted, Quoted, AfterQuote }

    private readonly TextReader _reader;
    private readonly string _source;
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _cell = new();
    private int _pos;
    private int _len;
    private bool _started;
    private long _line = 1;
    private readonly Utf8InvalidBytes? _invalid;

    /// <param name="reader">The text.</param>
    /// <param name="source">Names the input in errors.</param>
    /// <param name="invalid">The decoding's count of invalid UTF-8 sequences, when the text is decoded from bytes here.</param>
    public CsvRecordReader(TextReader reader, string source, Utf8InvalidBytes? invalid = null)
    {
        _reader = reader;
        _source = source;
        _invalid = invalid;
    }

    /// <summary>
    /// Reads the next record into <paramref name="cells"/>; false at the end of the input.
    /// <paramref name="blank"/> is true for an empty or whitespace-only line.
    /// </summary>
    public bool Next(List<string> cells, out long startLine, out bool blank)
    {
        cells.Clear();
        _cell.Clear();
        startLine = _line;
        blank = false;
        int c = Read();
        if (c < 0) return false;

        var state = State.CellStart;
        bool quoted = false;
        long quoteLine = 0;
        int length = 0;
        while (true)
        {
            if (c < 0)
            {
                if (state == State.Quoted)
                    throw new DataFormatException($"a quoted cell opened on line {quoteLine} is never closed", _source, startLine);
                break;
            }
            if (++length > MaxRecordChars)
            {
                string why = state == State.Quoted ? $" (a quoted cell opened on line {quoteLine} is still open)" : "";
                throw new DataFormatException($"row is longer than {MaxRecordChars:N0} characters{why}", _source, startLine);
            }

            if (state == State.Quoted)
            {
                if (c == '"') state = State.AfterQuote;
                else
                {
                    _cell.Append((char)c);
                    if (c == '\n' || (c == '\r' && Peek() != '\n')) _line++;
                }
            }
            else if (c == ',')
            {
                EndCell(cells);
                state = State.CellStart;
            }
            else if (c == '\r' || c == '\n')
            {
                if (c == '\r' && Peek() == '\n') Read();
                _line++;
                break;
            }
            else if (state == State.AfterQuote)
            {
                if (c != '"')
                    throw new DataFormatException(
                        $"unexpected '{(char)c}' after the closing quote of cell {cells.Count + 1}; a quote inside a quoted cell must be doubled",
                        _source, _line);
                _cell.Append('"');
                state = State.Quoted;
            }
            else if (c == '"' && state == State.CellStart)
            {
                state = State.Quoted;
                quoted = true;
                quoteLine = _line;
            }
            else
            {
                _cell.Append((char)c);
                state = State.Unquoted;
            }
            c = Read();
        }
        EndCell(cells);
        blank = !quoted && cells.Count == 1 && string.IsNullOrWhiteSpace(cells[0]);
        return true;
    }

    private void EndCell(List<string> cells)
    {
        cells.Add(_cell.Length == 0 ? string.Empty : _cell.ToString());
        _cell.Clear();
    }

    private int Read()
    {
        if (_pos == _len && !Fill()) return -1;
        char c = _buffer[_pos++];
        if (c == '\uFFFD' && _invalid is { Count: > 0 })
            throw new DataFormatException("text is not valid UTF-8", _source, _line);
        return c;
    }

    private int Peek()
    {
        if (_pos == _len && !Fill()) return -1;
        return _buffer[_pos];
    }

    private bool Fill()
    {
        try
        {
            _len = _reader.Read(_buffer, 0, _buffer.Length);
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFormatException("text is not valid UTF-8", _source, _line, inner: e);
        }
        _pos = 0;
        // A BOM that reached us as text (a TextReader over a string, say) is not part of the first cell.
        if (!_started && _len > 0)
        {
            _started = true;
            if (_buffer[0] == '\uFEFF') _pos = 1;
            if (_pos == _len) return Fill();
        }
        return _len > 0;
    }
}

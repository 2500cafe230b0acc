using System.Text;

namespace FastReg.IO;

/// <summary>
/// A parser for the small subset of Python literals a .npy header uses: dicts with string keys, strings,
/// integers (with Python 2's 'L' suffix), True, False, None, tuples and lists. It never evaluates anything,
/// bounds nesting depth, and reports problems as <see cref="DataFormatException"/>.
/// Values come back as string, long, bool, null, <see cref="PythonTuple"/>, <see cref="PythonList"/> or a dictionary.
/// </summary>
internal sealed class PythonLiteral
{
    private const int MaxDepth = 32;

    private readonly string _text;
    private readonly string _source;
    private int _pos;

    private PythonLiteral(string text, string source)
    {
        _text = text;
        _source = source;
    }

    /// <summary>A parenthesized, comma-separated sequence.</summary>
    public sealed record PythonTuple(List<object?> Items);

    /// <summary>A bracketed sequence.</summary>
    public sealed record PythonList(List<object?> Items);

    /// <summary>Parses <paramref name="text"/> as one dict literal followed only by whitespace.</summary>
    public static Dictionary<string, object?> ParseDict(string text, string source)
    {
        var parser = new PythonLiteral(text, source);
        parser.SkipSpace();
        if (parser.Current != '{') throw parser.Error("the header is not a Python dict (it does not start with '{')");
        var dict = (Dictionary<string, object?>)parser.Value(0)!;
        parser.SkipSpace();
        if (parser._pos < text.Length) throw parser.Error("unexpected text after the header dict");
        return dict;
    }

    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    private DataFormatException Error(string what) =>
        new($"malformed header: {what} (at character {_pos + 1} of \"{Excerpt()}\")", _source);

    private string Excerpt() => _text.Length <= 120 ? _text.TrimEnd() : string.Concat(_text.AsSpan(0, 117), "...");

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (Current != c) throw Error($"expected '{c}'");
        _pos++;
    }

    private object? Value(int depth)
    {
        if (depth > MaxDepth) throw Error("nested too deeply");
        SkipSpace();
        char c = Current;
        switch (c)
        {
            case '{': return Dict(depth);
            case '(': return Sequence(')', depth, tuple: true);
            case '[': return new PythonList((List<object?>)Sequence(']', depth, tuple: false)!);
            case '\'' or '"': return String();
            case '-' or '+' or (>= '0' and <= '9'): return Integer();
        }
        if (Word("True")) return true;
        if (Word("False")) return false;
        if (Word("None")) return null;
        throw _pos >= _text.Length ? Error("the header ends early") : Error($"unexpected '{c}'");
    }

    private Dictionary<string, object?> Dict(int depth)
    {
        _pos++; // '{'
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (Current == '}')
            {
                _pos++;
                return dict;
            }
            if (Current is not ('\'' or '"')) throw Error("expected a quoted key or '}'");
            string key = String();
            Expect(':');
            object? value = Value(depth + 1);
            if (!dict.TryAdd(key, value)) throw Error($"key '{key}' appears twice");
            SkipSpace();
            if (Current == ',') _pos++;
            else if (Current != '}') throw Error("expected ',' or '}'");
        }
    }

    // Returns a PythonTuple for "(a,)" or "(a, b)", the bare item for "(a)" (as Python does), or the list for '['.
    private object? Sequence(char close, int depth, bool tuple)
    {
        _pos++; // '(' or '['
        var items = new List<object?>();
        bool sawComma = false;
        while (true)
        {
            SkipSpace();
            if (Current == close)
            {
                _pos++;
                break;
            }
            items.Add(Value(depth + 1));
            SkipSpace();
            if (Current == ',')
            {
                _pos++;
                sawComma = true;
            }
            else if (Current != close) throw Error($"expected ',' or '{close}'");
        }
        if (!tuple) return items;
        return items.Count == 1 && !sawComma ? items[0] : new PythonTuple(items);
    }

    private string String()
    {
        char quote = _text[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error("a string is never closed");
            char c = _text[_pos++];
            if (c == quote) return sb.ToString();
            if (c == '\\')
            {
                if (_pos >= _text.Length) throw Error("a string is never closed");
                c = _text[_pos++];
            }
            else if (c == '\n') throw Error("a string runs past the end of the line");
            sb.Append(c);
        }
    }

    private long Integer()
    {
        bool negative = Current == '-';
        if (Current is '-' or '+') _pos++;
        if (Current is < '0' or > '9') throw Error("expected a digit");
        long value = 0;
        while (Current is >= '0' and <= '9')
        {
            int digit = Current - '0';
            if (value > (long.MaxValue - digit) / 10) throw Error("an integer is too large");
            value = value * 10 + digit;
            _pos++;
        }
        if (Current is 'L' or 'l') _pos++; // Python 2 long suffix, written by old numpy versions
        return negative ? -value : value;
    }

    private bool Word(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) return false;
        int end = _pos + word.Length;
        if (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] == '_')) return false;
        _pos = end;
        return true;
    }
}

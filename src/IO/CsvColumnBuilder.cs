using System.Globalization;

namespace FastReg.IO;

/// <summary>
/// One column as it is read: numbers while every non-missing cell is one, text from the first cell that is not.
/// Text cells are interned, so a categorical column holds one string per distinct value. In a text column a cell
/// that is a number is kept in its shortest round-trip form (<c>1.0</c> and <c>1</c> are the same category),
/// whether it came before or after the first text cell.
/// </summary>
internal sealed class CsvColumnBuilder(string name)
{
    private ChunkedList<double>? _numbers = new();
    private ChunkedList<string?>? _texts;
    private Dictionary<string, string>? _interned;

    public string Name { get; } = name;

    public bool IsText => _texts is not null;

    /// <summary>The first cell that is not a number: its row, and why (for the error a numeric read raises).</summary>
    public (int Row, string Problem)? FirstText { get; private set; }

    /// <summary>The first missing cell: its row and the missing-value spelling it matched.</summary>
    public (int Row, string Token)? FirstMissing { get; private set; }

    /// <summary>Distinct text values so far.</summary>
    public int DistinctTexts => _interned?.Count ?? 0;

    private int Rows => _numbers?.Count ?? _texts!.Count;

    public void AddMissing(string token)
    {
        FirstMissing ??= (Rows, token);
        if (_numbers is not null) _numbers.Add(double.NaN);
        else _texts!.Add(null);
    }

    /// <summary>Adds a cell that is not missing; <paramref name="decimalComma"/> is the file's number format.</summary>
    public void Add(ReadOnlySpan<char> cell, bool decimalComma)
    {
        bool number = CsvNumber.TryParse(cell, decimalComma, out double value);
        if (_numbers is not null)
        {
            if (number)
            {
                _numbers.Add(value);
                return;
            }
            FirstText = (_numbers.Count, CsvNumber.Problem(cell, decimalComma));
            BecomeText();
        }
        _texts!.Add(number ? Intern(Format(value)) : Intern(cell));
    }

    public DataColumn Build() => _numbers is not null
        ? DataColumn.Numeric(Name, _numbers.ToArrayAndClear())
        : DataColumn.Text(Name, _texts!.ToArrayAndClear());

    private void BecomeText()
    {
        _texts = new ChunkedList<string?>();
        _interned = new Dictionary<string, string>(StringComparer.Ordinal);
        ChunkedList<double> numbers = _numbers!;
        _numbers = null;
        foreach (double v in numbers.Values()) _texts.Add(double.IsNaN(v) ? null : Intern(Format(v)));
    }

    private string Intern(ReadOnlySpan<char> cell)
    {
        Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup = _interned!.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(cell, out string? known)) return known;
        string text = cell.ToString();
        _interned.Add(text, text);
        return text;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

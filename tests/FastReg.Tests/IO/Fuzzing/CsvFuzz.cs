using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.IO.Fuzzing;

/// <summary>
/// CSV fuzz inputs: valid tables mutated blindly, and tables assembled from troublesome cells: stray and
/// unbalanced quotes, quoted commas and line breaks, ragged rows, NUL bytes, invalid UTF-8, byte order marks
/// (UTF-8, UTF-16, UTF-32), mixed line ends, NaN and infinity spellings, and now and then a line over the
/// reader's one-million-character limit; and (issue 14) the same tables in other dialects: delimiters ; tab | and
/// others, decimal commas, missing-value spellings, read with options chosen from the input's bytes
/// (<see cref="OptionsFor"/>): detected, forced, header-less, without missing values.
/// </summary>
internal static class CsvFuzz
{
    private static readonly string[] Numbers =
        ["0", "1", "-2.5", "1e-3", "5E+3", "+7", ".5", "1.", "-0", "1e308", "4.9e-324", "123456789012345678901234567890", " 3 ", "0x10", "1,5"];

    private static readonly string[] NonFinite =
        ["NaN", "nan", "-nan", "inf", "-inf", "+Infinity", "Infinity", "\u221E", "-\u221E", "1e999", "-1e400", "NAN", "infinity", "in"];

    private static readonly string[] Troublesome =
    [
        "", " ", "\"\"", "\"a,b\"", "\"a\"\"b\"", "\"multi\nline\"", "\"open", "a\"b", "\"a\"b", "\"a\" ", "5'11\"", "\"\r\n\"",
        "\0", "a\0b", "\u00fc", "\uFEFF", "\u2028", "\"\"\"", "\"", "\t", "x",
    ];

    // Byte sequences that are not UTF-8: a lone continuation byte, a cut sequence, an overlong NUL, a surrogate, 0xFF.
    private static readonly byte[][] BadUtf8 = [[0x80], [0xC3], [0xE2, 0x82], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xFF], [0xF4, 0x90, 0x80, 0x80]];

    private static readonly byte[][] Boms = [[], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0, 0], [0xEF, 0xBB]];

    /// <summary>The fuzz cases for the CSV reader.</summary>
    public static Gen<FuzzInput> Inputs => Gen.Frequency(
        (30, Valid.SelectMany(ByteMutations.Mutated)),
        (50, Troubled),
        (20, Troubled.SelectMany(ByteMutations.One)),
        (10, Valid),
        (1, Gen.Choose(0, 3).Select(Enormous)),
        (30, Dialected));

    private static readonly string[] CommaNumbers = ["1,5", "-2,25", "0,1", "1e-3", "7", "NA", "", "?", "null", "N/A"];

    /// <summary>A valid or troubled table with its commas turned into another delimiter, some cells decimal-comma numbers or missing.</summary>
    public static Gen<FuzzInput> Dialected =>
        from table in Gen.Frequency((3, Valid), (2, Troubled))
        from delimiter in Gen.Elements((byte)';', (byte)'\t', (byte)'|', (byte)':', (byte)',')
        from cells in Gen.ArrayOf(Gen.Elements(CommaNumbers), 6)
        select Redelimit(table, delimiter, cells);

    private static FuzzInput Redelimit(FuzzInput table, byte delimiter, string[] extra)
    {
        var bytes = new List<byte>(table.Bytes.Length + 64);
        foreach (byte b in table.Bytes) bytes.Add(b == (byte)',' ? delimiter : b);
        // A few more rows of decimal-comma numbers and missing spellings, as wide as the header (by the new delimiter).
        int width = 1 + table.Bytes.TakeWhile(b => b != (byte)'\n').Count(b => b == (byte)',');
        for (int r = 0; r < 2; r++)
        {
            bytes.Add((byte)'\n');
            for (int c = 0; c < width; c++)
            {
                if (c > 0) bytes.Add(delimiter);
                bytes.AddRange(Encoding.UTF8.GetBytes(extra[(r * width + c) % extra.Length]));
            }
        }
        return table.Then($"delimiter {(char)delimiter}, decimal-comma rows", [.. bytes]);
    }

    /// <summary>
    /// The options a CSV fuzz case is read with, a function of its bytes so a failure replays from them alone:
    /// detection (half the cases), a forced ';', no header, no missing-value spellings, or a forced decimal comma.
    /// </summary>
    public static FastReg.IO.CsvOptions OptionsFor(byte[] bytes)
    {
        uint h = 2166136261;
        foreach (byte b in bytes) h = (h ^ b) * 16777619;
        return (h % 10) switch
        {
            0 => new FastReg.IO.CsvOptions { Delimiter = ';' },
            1 => new FastReg.IO.CsvOptions { HasHeader = false },
            2 => new FastReg.IO.CsvOptions { MissingValues = [] },
            3 => new FastReg.IO.CsvOptions { Delimiter = '\t', DecimalComma = true },
            4 => new FastReg.IO.CsvOptions { HasHeader = false, Delimiter = '|', MissingValues = ["x", "-"] },
            _ => FastReg.IO.CsvOptions.Default,
        };
    }

    /// <summary>A well-formed numeric table with a header row.</summary>
    public static Gen<FuzzInput> Valid =>
        from columns in Gen.Choose(1, 5)
        from rows in Gen.Choose(1, 8)
        from cells in Gen.ArrayOf(Gen.Elements(Numbers[..10]), columns * rows)
        select new FuzzInput($"csv {rows}x{columns}", Encoding.UTF8.GetBytes(Table(columns, rows, cells)));

    /// <summary>A table whose header and cells are drawn from the troublesome ones, with ragged rows and odd line ends.</summary>
    public static Gen<FuzzInput> Troubled =>
        from bom in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, Boms.Length - 1)))
        from columns in Gen.Choose(1, 4)
        from rows in Gen.Choose(0, 6)
        from header in Gen.ArrayOf(Cell(name: true), columns)
        from body in Gen.ArrayOf(Gen.Choose(columns - 1, columns + 1).SelectMany(n => Gen.ArrayOf(Cell(name: false), Math.Max(n, 0))), rows)
        from ends in Gen.ArrayOf(Gen.Frequency((6, Gen.Constant("\n")), (2, Gen.Constant("\r\n")), (1, Gen.Elements("\r", "\n\n", " \n", ""))), rows + 1)
        select Assemble(Boms[bom], header, body, ends);

    private static Gen<byte[]> Cell(bool name) => Gen.Frequency(
        (name ? 1 : 6, Gen.Elements(Numbers).Select(Utf8)),
        (name ? 6 : 0, Gen.Elements("a", "b", "x y", "\u00e9t\u00e9", "a").Select(Utf8)),
        (2, Gen.Elements(NonFinite).Select(Utf8)),
        (3, Gen.Elements(Troublesome).Select(Utf8)),
        (1, Gen.Elements(BadUtf8).SelectMany(bad => Gen.Elements<byte[]>([.. bad], [(byte)'1', .. bad], [(byte)'"', .. bad, (byte)'"']))));

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static string Table(int columns, int rows, string[] cells)
    {
        var sb = new StringBuilder(string.Join(",", Enumerable.Range(0, columns).Select(c => $"c{c}"))).Append('\n');
        for (int r = 0; r < rows; r++) sb.AppendJoin(',', cells.AsSpan(r * columns, columns).ToArray()).Append('\n');
        return sb.ToString();
    }

    private static FuzzInput Assemble(byte[] bom, byte[][] header, byte[][][] body, string[] ends)
    {
        var bytes = new List<byte>(bom);
        AddRow(header, ends[0]);
        for (int r = 0; r < body.Length; r++) AddRow(body[r], ends[r + 1]);
        string preview = Encoding.UTF8.GetString(bytes.Take(200).ToArray());
        return new FuzzInput($"csv troubled: bom {bom.Length} rows {body.Length}: {preview}", [.. bytes]);

        void AddRow(byte[][] cells, string end)
        {
            for (int i = 0; i < cells.Length; i++)
            {
                if (i > 0) bytes.Add((byte)',');
                bytes.AddRange(cells[i]);
            }
            bytes.AddRange(Encoding.UTF8.GetBytes(end));
        }
    }

    // Lines at and around the record limit, plain and inside an open quote; rare because each is a megabyte.
    private static FuzzInput Enormous(int kind)
    {
        int limit = FastReg.IO.CsvRecordReader.MaxRecordChars;
        string text = kind switch
        {
            0 => "a\n" + new string('1', limit + 1) + "\n",
            1 => "a\n\"" + new string('x', limit + 10),
            2 => "a\n" + new string('7', limit - 1) + "\n",
            _ => new string('h', limit) + "\n1\n",
        };
        return new FuzzInput($"csv enormous line kind {kind}", Encoding.UTF8.GetBytes(text));
    }
}

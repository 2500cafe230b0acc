using System.Globalization;
using System.Text;
using FastReg.IO;
using FastReg.Tests.Support;
using static FastReg.Tests.IO.IoTestSupport;

namespace FastReg.Tests.IO;

/// <summary>The CSV reader's dialects, typed columns, missing values and memory (issues 13 and 14).</summary>
public class CsvColumnsTests
{
    private static CsvTable Parse(string text, CsvOptions? options = null) => Csv.Read(new StringReader(text), "data.csv", options);

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Each_delimiter_is_detected_from_consistent_lines(char d)
    {
        string text = $"a{d}\"b{d}c\"{d}n\n1{d}\"x{d}y\"{d}2.5\n3{d}z{d}-4\n";
        CsvTable t = Parse(text);
        Assert.Equal(d, t.Dialect.Delimiter);
        Assert.True(t.Dialect.DelimiterDetected);
        Assert.Equal(["a", $"b{d}c", "n"], t.Columns);
        Assert.Equal([2.5, -4], t.NumericColumn("n"));
        Assert.Equal([$"x{d}y", "z"], t.TextColumn($"b{d}c"));
    }

    [Fact]
    public void The_delimiter_that_splits_lines_evenly_wins_over_one_that_appears_unevenly()
    {
        // Commas inside the semicolon cells are decimal commas: 1, 2 and 3 cells by comma, 3 by semicolon.
        CsvTable t = Parse("a;b;c\n1,5;2;3\n4,5;5,25;6\n");
        Assert.Equal(';', t.Dialect.Delimiter);
        Assert.True(t.Dialect.DecimalComma);
        Assert.Equal([1.5, 4.5], t.NumericColumn("a"));
        Assert.Equal([2, 5.25], t.NumericColumn("b"));
    }

    [Fact]
    public void A_decimal_comma_is_not_detected_when_a_number_uses_a_point_or_the_delimiter_is_a_comma()
    {
        CsvTable mixed = Parse("a;b\n1,5;2.5\n");
        Assert.False(mixed.Dialect.DecimalComma);
        Assert.True(mixed.Column("a").IsText);
        Assert.Equal([2.5], mixed.NumericColumn("b"));
        CsvTable forced = Parse("a\tb\n1,5\t2\n", new CsvOptions { Delimiter = '\t', DecimalComma = true });
        Assert.Equal([1.5], forced.NumericColumn("a"));
        Assert.Throws<ArgumentException>(() => Parse("a\n1\n", new CsvOptions { Delimiter = ',', DecimalComma = true }));
        Assert.Throws<ArgumentException>(() => Parse("a\n1\n", new CsvOptions { Delimiter = '"' }));
    }

    [Fact]
    public void Given_delimiters_are_used_as_they_are_and_an_undetected_one_is_named_in_ragged_row_errors()
    {
        CsvTable colon = Parse("a:b\n1:2\n", new CsvOptions { Delimiter = ':' });
        Assert.Equal([2.0], colon.NumericColumn("b"));
        Assert.False(colon.Dialect.DelimiterDetected);
        // Detection sees 2, 3, 1 cells by ',' and 2, 1, 3 by ';': no delimiter splits evenly, so ',' is used.
        var e = Rejects(() => Parse("a,b;c\n1,2,3\n4;5;6\n"));
        Assert.Contains("no delimiter among , ; \\t | splits the first lines evenly", e.Message, StringComparison.Ordinal);
        var detected = Rejects(() => Parse("a;b;c\n1;2;3\n4;5;6\n" + string.Concat(Enumerable.Repeat("7;8;9\n", 30)) + "1;2\n"));
        Assert.Contains("delimiter ';' detected from the first lines; --delimiter sets another", detected.Message, StringComparison.Ordinal);
        Assert.Equal(34, detected.Line);
    }

    [Fact]
    public void A_file_without_a_header_has_columns_x0_x1_and_its_first_line_is_data()
    {
        CsvTable t = Parse("1,2,a\n3,4,b\n", new CsvOptions { HasHeader = false });
        Assert.Equal(["x0", "x1", "x2"], t.Columns);
        Assert.Equal(2, t.Rows);
        Assert.Equal(1, t.LineOf(0));
        Assert.Equal([1.0, 3], t.NumericColumn("x0"));
        Assert.False(t.Dialect.HasHeader);
        Assert.Contains("file is empty", Rejects(() => Parse("\n", new CsvOptions { HasHeader = false })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_value_spellings_are_exact_after_trimming_and_can_be_replaced()
    {
        CsvTable t = Parse("a,s\n NA ,x\nna,\n?,NULL\n4,y\n");
        Assert.True(t.Column("a").IsText); // "na" is not one of the default spellings (case-sensitive, as pandas)
        Assert.Equal(["(null)", "na", "(null)", "4"], t.Column("a").Texts!.Select(c => c ?? "(null)"));
        Assert.Equal(["x", "(null)", "(null)", "y"], t.Column("s").Texts!.Select(c => c ?? "(null)"));
        Assert.Equal((0, "NA"), t.FirstMissing("a"));
        CsvTable custom = Parse("a\n-\n5\n", new CsvOptions { MissingValues = ["-"] });
        Assert.True(double.IsNaN(custom.Column("a").Numbers![0]));
        Assert.Equal([double.NaN, 5], custom.NumericColumn("a", allowMissing: true));
        Assert.Contains("line 2, column 'a': '-' is a missing value where a number is expected", Rejects(() => custom.NumericColumn("a")).Message, StringComparison.Ordinal);
        Assert.Contains("empty cell", Rejects(() => Parse("a\n1\n\"\"\n").NumericColumn("a")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_column_keeps_numbers_in_one_form_and_one_string_per_distinct_value()
    {
        var text = new StringBuilder("c,n\n1.0,1\n");
        for (int i = 0; i < 5000; i++) text.Append(i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "1").Append(",2\n");
        CsvTable t = Parse(text.ToString());
        string?[] cells = t.Column("c").Texts!;
        Assert.Equal("1", cells[0]); // 1.0 before the first text cell and 1 after it are the same category
        Assert.Equal(3, cells.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Contains("line 3, column 'c': 'red' is not a number", Rejects(() => t.NumericColumn("c")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_short_number_fast_path_agrees_with_double_parse_bit_for_bit()
    {
        // Random plain decimals around the fast path's edges (15 and 16 digits, exponents ±22 and ±23, leading
        // zeros, signs, a bare point) must read exactly as double.Parse reads them.
        var rng = new Random(11);
        string[] fixedCases = ["0", "-0", "+0.0", "1.", ".5", "-.25e+3", "999999999999999", "9999999999999999", "1e22", "1e23", "1e-22", "1e-23",
            "0.000000000000000000001", "123456789012345e-22", "4.35", "0.1", "1.7976931348623157e308", "00012.5000", "1e0", "5E-3"];
        var cases = new List<string>(fixedCases);
        for (int k = 0; k < 20000; k++)
        {
            var s = new StringBuilder();
            if (rng.Next(3) == 0) s.Append(rng.Next(2) == 0 ? '-' : '+');
            int before = rng.Next(0, 12), after = rng.Next(0, 12);
            for (int i = 0; i < before; i++) s.Append((char)('0' + rng.Next(10)));
            if (after > 0 || rng.Next(2) == 0) s.Append('.');
            for (int i = 0; i < after; i++) s.Append((char)('0' + rng.Next(10)));
            if (before + after == 0) s.Append('7');
            if (rng.Next(3) == 0) s.Append('e').Append(rng.Next(-30, 31).ToString(CultureInfo.InvariantCulture));
            cases.Add(s.ToString());
        }
        foreach (string c in cases)
        {
            CsvTable t = Parse("x\n" + c + "\n", new CsvOptions { MissingValues = [] });
            double expected = double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(t.Column("x").Numbers![0]), $"'{c}': {t.Column("x").Numbers![0]:R} vs {expected:R}");
            CsvTable comma = Parse("x;y\n" + c.Replace('.', ',') + ";1\n", new CsvOptions { DecimalComma = true, Delimiter = ';', MissingValues = [] });
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(comma.Column("x").Numbers![0]));
        }
    }

    [Fact]
    public void Reading_numbers_allocates_at_most_three_times_the_file_size()
    {
        // 200,000 cells of round-trip doubles (what numpy.savetxt and pandas write), 3.5 MB: the columns, the line of
        // each row and the reader's buffers must stay within 3 bytes per input byte. Counted on this thread only.
        var rng = new Random(7);
        var text = new StringBuilder("a,b,c,d,e\n");
        for (int r = 0; r < 40_000; r++)
            for (int c = 0; c < 5; c++)
                text.Append((rng.NextDouble() * 100 - 50).ToString("R", CultureInfo.InvariantCulture)).Append(c == 4 ? '\n' : ',');
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        Csv.Read(Stream(bytes), "warm-up.csv");
        long allocated = DedicatedThread.Run(() => Allocation.Least(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            CsvTable t = Csv.Read(Stream(bytes), "big.csv");
            Assert.Equal(40_000, t.Rows);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }));
        Assert.True(allocated <= 3L * bytes.Length, $"{allocated:N0} bytes allocated for a {bytes.Length:N0}-byte file ({(double)allocated / bytes.Length:F2}x)");
    }
}

using System.Text;
using FastReg.IO;
using FsCheck.Fluent;
using static FastReg.Tests.IO.IoTestSupport;

namespace FastReg.Tests.IO;

public class CsvTests
{
    private static CsvTable Parse(string text) => Csv.Read(new StringReader(text), "data.csv");

    private static DataFormatException RejectsText(string text) => Rejects(() => Parse(text));

    private static DataFormatException RejectsNumbers(string text, string column) =>
        Rejects(() => Parse(text).NumericColumn(column));

    [Fact]
    public void Reads_quoted_cells_with_commas_doubled_quotes_and_line_breaks()
    {
        var t = Parse("name,x\r\n\"a,b\",1\r\n\"say \"\"hi\"\"\",2\r\n\"two\nlines\",3\r\nplain,4\r\n");
        Assert.Equal(["name", "x"], t.Columns);
        Assert.Equal(4, t.Rows);
        Assert.Equal(["a,b", "say \"hi\"", "two\nlines", "plain"], t.TextColumn("name"));
        Assert.Equal([1.0, 2, 3, 4], t.NumericColumn("x"));
    }

    [Fact]
    public void Line_numbers_count_physical_lines_inside_quoted_cells()
    {
        var e = RejectsNumbers("name,x\n\"two\nlines\",1\nc,abc\n", "x");
        Assert.Equal(4, e.Line);
        Assert.Equal("data.csv, line 4, column 'x': 'abc' is not a number", e.Message);
    }

    [Fact]
    public void Accepts_lf_crlf_bom_and_blank_trailing_lines()
    {
        var t = Parse("\uFEFFa,b\n1,2\r\n3,4\n\n\r\n   \n");
        Assert.Equal(["a", "b"], t.Columns);
        Assert.Equal([1.0, 2, 3, 4], t.NumericMatrix(["a", "b"]));
    }

    [Fact]
    public void Reads_a_utf8_file_with_bom_from_disk()
    {
        using var dir = new TempDirectory();
        string path = dir.File("bom.csv");
        File.WriteAllText(path, "größe,y\n1.5,-2e3\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var t = Csv.Read(path);
        Assert.Equal("größe", t.Columns[0]);
        Assert.Equal([1.5, -2000], t.NumericMatrix(["größe", "y"]));
    }

    [Fact]
    public void Numeric_matrix_is_row_major_in_the_requested_column_order()
    {
        var t = Parse("a,label,b\n1,x,2\n3,y,4\n5,z,6\n");
        Assert.Equal([2.0, 1, 4, 3, 6, 5], t.NumericMatrix(["b", "a"]));
        Assert.Equal(["x", "y", "z"], t.TextColumn("label"));
        Assert.Equal(2, t.ColumnIndex("b"));
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_whatever_the_current_one()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal([1.5, -0.25, 1e-5], Parse("x\n1.5\n-.25\n1E-5\n").NumericColumn("x"));
            Assert.Contains("'1,5' is not a number", RejectsNumbers("x\n\"1,5\"\n", "x").Message);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("abc", "'abc' is not a number")]
    [InlineData("", "empty cell")]
    [InlineData("NaN", "'NaN' is a missing value")]
    [InlineData("nan", "'nan' is a missing value")]
    [InlineData("NA", "'NA' is a missing value")]
    [InlineData("+nan", "'+nan' is not a finite number")]
    [InlineData("inf", "'inf' is not a finite number")]
    [InlineData("-Infinity", "'-Infinity' is not a finite number")]
    [InlineData("1e400", "'1e400' is not a finite number")]
    [InlineData("1,000", "'1,000' is not a number")]
    public void Rejects_cells_that_are_not_finite_numbers_naming_line_and_column(string cell, string detail)
    {
        var e = RejectsNumbers($"id,age\n1,2\n2,\"{cell}\"\n", "age");
        Assert.Equal("data.csv", e.Source);
        Assert.Equal(3, e.Line);
        Assert.Equal("age", e.Column);
        Assert.Equal($"data.csv, line 3, column 'age': {detail}", e.Message.Replace(" where a number is expected", "", StringComparison.Ordinal));
        Assert.Throws<DataFormatException>(() => Parse($"id,age\n1,2\n2,\"{cell}\"\n").NumericMatrix(["id", "age"]));
    }

    [Fact]
    public void Messages_stay_on_one_line_when_names_or_cells_hold_line_breaks()
    {
        var e = RejectsNumbers("\"two\nlines\"\n\"x\ny\"\n", "two\nlines");
        Assert.Equal("data.csv, line 3, column 'two lines': 'x y' is not a number", e.Message);
        Assert.Equal("two\nlines", e.Column);
    }

    [Fact]
    public void Text_columns_are_available_even_when_not_numeric()
    {
        // With no missing-value spellings every cell is text; with the defaults both are missing (null).
        Assert.Equal(["NaN", ""], Csv.Read(new StringReader("s,x\nNaN,1\n,2\n"), "data.csv", new CsvOptions { MissingValues = [] }).TextColumn("s"));
        Assert.All(Parse("s,x\nNaN,1\n,2\n").Column("s").Numbers!, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Ragged_row_names_the_line_and_the_counts()
    {
        var e = RejectsText("a,b,c\n1,2,3\n4,5\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("expected 3 cells (one per column), found 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("found 4", RejectsText("a,b,c\n1,2,3,4\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_line_inside_the_data_is_a_ragged_row()
    {
        var e = RejectsText("a,b\n1,2\n\n3,4\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("(a blank line)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_names_must_be_present_and_distinct()
    {
        Assert.Contains("column name 'a' appears twice in the header (cells 1 and 3)", RejectsText("a,b,a\n1,2,3\n").Message, StringComparison.Ordinal);
        var e = RejectsText("a,,c\n1,2,3\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("header cell 2 is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unterminated_quote_names_the_line_it_opened_on()
    {
        var e = RejectsText("a,b\n1,2\n3,\"oops\n4,5\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("quoted cell opened on line 3 is never closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var e = RejectsText("a,b\n\"x\"y,2\n");
        Assert.Equal(2, e.Line);
        Assert.Contains("unexpected 'y' after the closing quote of cell 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_cell_is_text()
    {
        Assert.Equal(["5'11\""], Parse("h,x\n5'11\",1\n").TextColumn("h"));
    }

    [Theory]
    [InlineData("", "file is empty")]
    [InlineData("\n\n", "file is empty")]
    [InlineData("a,b\n", "header row but no data rows")]
    [InlineData("a,b\r\n\r\n", "header row but no data rows")]
    public void Empty_file_or_header_only_is_a_clear_error(string text, string detail)
    {
        Assert.Contains(detail, RejectsText(text).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_refused()
    {
        string huge = new('1', CsvRecordReader.MaxRecordChars + 10);
        var e = RejectsText("a\n2\n" + huge + "\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("longer than 1,048,576 characters", e.Message, StringComparison.Ordinal);
        // An unterminated quote at the top of a big file hits the same limit and says why.
        Assert.Contains("still open", RejectsText("a\n\"" + huge).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_a_data_format_error()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("a,b\n1,"), 0xC3, 0x28, (byte)'\n'];
        var e = Rejects(() => Csv.Read(Stream(bytes), "bad.csv"));
        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_column_is_an_argument_error_listing_the_columns()
    {
        var e = Assert.Throws<ArgumentException>(() => Parse("a,b,c\n1,2,3\n").NumericColumn("x"));
        Assert.StartsWith("no column 'x' in data.csv; columns: a, b, c", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => Csv.Read(Path.Combine(Path.GetTempPath(), "no-such-fastreg-file.csv")));
    }

    [Fact]
    public void Write_quotes_headers_and_writes_shortest_round_trip_numbers()
    {
        using var dir = new TempDirectory();
        string path = dir.File("out.csv");
        Csv.Write(path, ["x", "a,b", "say \"hi\""], [0.1, -0.0, 1e-300, 5e-324, 1.0 / 3, 12]);
        Assert.Equal("x,\"a,b\",\"say \"\"hi\"\"\"\n0.1,-0,1E-300\n5E-324,0.3333333333333333,12\n", File.ReadAllText(path));
        var t = Csv.Read(path);
        Assert.Equal(["x", "a,b", "say \"hi\""], t.Columns);
    }

    [Fact]
    public void Write_rejects_values_the_reader_would_refuse()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => Csv.Write(dir.File("a.csv"), ["x"], [1, double.NaN]));
        Assert.Throws<ArgumentException>(() => Csv.Write(dir.File("a.csv"), ["x", "y"], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => Csv.Write(dir.File("a.csv"), ["x", "x"], [1, 2]));
        Assert.False(File.Exists(dir.File("a.csv")));
    }

    [Fact]
    public void Round_trip_preserves_every_finite_double_bit_for_bit()
    {
        using var dir = new TempDirectory();
        string path = dir.File("rt.csv");
        string[] names = ["a", "b c", "d,e", "\"q\"", "ü", "new\nline", " padded "];
        var gen = Gen.Zip(Gen.Choose(1, names.Length), Gen.Zip(Gen.Choose(1, 20), IoGenerators.Seed));
        IoGenerators.Check(gen, t =>
        {
            (int columns, (int rows, int seed)) = t;
            string[] header = names[..columns];
            double[] values = IoGenerators.FiniteDoubles(columns * rows, seed);
            Csv.Write(path, header, values);
            var table = Csv.Read(path);
            return table.Columns.SequenceEqual(header) && table.Rows == rows && Same(table.NumericMatrix(header), values);
        });
    }
}

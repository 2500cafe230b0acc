using System.Globalization;
using System.Text;
using System.Text.Json;
using FastReg.IO;

namespace FastReg.Tests.Cli;

/// <summary>
/// Issue 14 items 3-7 from the command line: CSV dialects, column selection, missing values, text feature columns
/// and the one task rule for CSV and .npy.
/// </summary>
public class CliDataTests
{
    private static readonly string[] Quick = ["--hidden", "4", "--epochs", "2", "--valid-fraction", "0"];

    /// <summary>40 rows: an id, two features, a regression target; written with a chosen delimiter and decimal mark.</summary>
    private static string Table(char delimiter = ',', bool decimalComma = false, bool header = true, string target = "y")
    {
        var text = new StringBuilder();
        if (header) text.AppendJoin(delimiter, "id", "a", "b", target).Append('\n');
        for (int i = 0; i < 40; i++)
        {
            string N(double v)
            {
                string s = v.ToString("R", CultureInfo.InvariantCulture);
                return decimalComma ? s.Replace('.', ',') : s;
            }
            text.AppendJoin(delimiter, $"r{i}", N(i * 0.25), N(Math.Sin(i) + 0.5), N(i * 0.5 + 0.125)).Append('\n');
        }
        return text.ToString();
    }

    private static JsonElement Json(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement;
    }

    private static string FirstLine(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        return run.Out.Split('\n')[0];
    }

    [Fact]
    public void Every_detected_dialect_trains_to_the_same_result_as_the_comma_file()
    {
        using var cli = new CliRunner();
        double Loss(string name, string contents, params string[] extra) =>
            Json(cli.Run(["train", cli.Write(name, contents), "--drop", "id", "--json", .. Quick, .. extra])).GetProperty("train_loss").GetDouble();
        double comma = Loss("comma.csv", Table(','));
        Assert.Equal(comma, Loss("semicolon.csv", Table(';')));
        Assert.Equal(comma, Loss("semicolon-decimal-comma.csv", Table(';', decimalComma: true))); // detected
        Assert.Equal(comma, Loss("tab.tsv", Table('\t')));
        Assert.Equal(comma, Loss("pipe.txt", Table('|')));
        Assert.Equal(comma, Loss("tab-decimal-comma.tsv", Table('\t', decimalComma: true), "--decimal-comma"));
        Assert.Equal(comma, Loss("colon.txt", Table(':'), "--delimiter", ":"));
        Assert.Equal(comma, Loss("forced.csv", Table(';'), "--delimiter", ";"));
        Assert.Equal(comma, Loss("forced-tab.tsv", Table('\t'), "--delimiter", "tab"));
    }

    [Fact]
    public void A_semicolon_file_no_longer_reads_as_one_column_and_an_undetected_delimiter_hints_at_the_flag()
    {
        using var cli = new CliRunner();
        Assert.Contains("2 features", FirstLine(cli.Run(["train", cli.Write("s.csv", Table(';')), "--drop", "id", .. Quick])), StringComparison.Ordinal);
        cli.Run(["train", cli.Write("colon.csv", Table(':')), .. Quick]).AssertOneLineError("found 1 column");
        cli.Run(["train", cli.PathOf("colon.csv"), .. Quick]).AssertOneLineError("give --delimiter");
        // Inconsistent lines: the ragged-row error says what was detected and names the flag.
        cli.Run(["train", cli.Write("ragged.csv", "a;b;c\n1;2;3\n4;5;6\n7;8\n"), .. Quick]).AssertOneLineError("--delimiter");
        cli.Run(["train", cli.PathOf("ragged.csv"), "--delimiter", ";;", .. Quick]).AssertOneLineError("--delimiter must be one character");
        cli.Run(["train", cli.PathOf("ragged.csv"), "--delimiter", ",", "--decimal-comma", .. Quick]).AssertOneLineError("--decimal-comma needs a delimiter other than ','");
    }

    [Fact]
    public void A_file_without_a_header_names_its_columns_x0_x1_and_takes_the_target_by_index()
    {
        using var cli = new CliRunner();
        string path = cli.Write("raw.csv", Table(header: false));
        // The id column (x0) is text, so it is dropped by index; the target defaults to the last column.
        Assert.Contains("regression: 40 training rows, 0 validation rows, 2 features", FirstLine(cli.Run(["train", path, "--no-header", "--drop", "0", .. Quick])), StringComparison.Ordinal);
        double byIndex = Json(cli.Run(["train", path, "--no-header", "--drop", "x0", "--target", "3", "--json", .. Quick])).GetProperty("train_loss").GetDouble();
        double byName = Json(cli.Run(["train", cli.Write("named.csv", Table()), "--drop", "id", "--json", .. Quick])).GetProperty("train_loss").GetDouble();
        Assert.Equal(byName, byIndex);
        // Without --no-header the first row would be the header: "r0" etc. are then data, and x0 is unknown.
        cli.Run(["train", path, "--drop", "x0", .. Quick]).AssertOneLineError("--drop: no column 'x0'");
    }

    [Fact]
    public void Features_drop_and_id_choose_the_columns_and_every_name_is_checked_with_suggestions()
    {
        using var cli = new CliRunner();
        string path = cli.Write("t.csv", Table());
        Assert.Contains("1 features", FirstLine(cli.Run(["train", path, "--features", "a", .. Quick])), StringComparison.Ordinal);
        Assert.Contains("1 features", FirstLine(cli.Run(["train", path, "--drop", "id,b", .. Quick])), StringComparison.Ordinal);
        Assert.Contains("2 features", FirstLine(cli.Run(["train", path, "--id", "id", .. Quick])), StringComparison.Ordinal);
        cli.Run(["train", path, .. Quick]).AssertOneLineError("column 'id'"); // a text id column is not a feature
        cli.Run(["train", path, "--drop", "idd", .. Quick]).AssertOneLineError("--drop: no column 'idd'; did you mean 'id'?");
        cli.Run(["train", path, "--features", "a,B", "--id", "id", .. Quick]).AssertOneLineError("--features: no column 'B'; did you mean 'b'?");
        cli.Run(["train", path, "--target", "y", "--id", "y", .. Quick]).AssertOneLineError("column 'y' is the target; it cannot also be --id");
        cli.Run(["train", path, "--features", "a", "--drop", "a", .. Quick]).AssertOneLineError("column 'a' is named by --features and by --drop");
        foreach (string command in new[] { "sweep", "bias-variance", "gradcheck" })
            cli.Run([command, path, "--drop", "idd"]).AssertOneLineError("--drop: no column 'idd'; did you mean 'id'?");
    }

    [Fact]
    public void Predict_copies_the_id_column_into_its_csv_output()
    {
        using var cli = new CliRunner();
        string path = cli.Write("t.csv", Table());
        string weights = cli.PathOf("m.safetensors"), output = cli.PathOf("p.csv");
        Assert.Equal(0, cli.Run(["train", path, "--id", "id", "--save", weights, .. Quick]).ExitCode);
        CliRun predicted = cli.Run(["predict", path, "--weights", weights, "--id", "id", "--out", output]);
        Assert.True(predicted.ExitCode == 0, predicted.Error);
        string[] lines = File.ReadAllLines(output);
        Assert.Equal("id,predicted_y", lines[0]);
        Assert.StartsWith("r0,", lines[1], StringComparison.Ordinal);
        Assert.Equal(41, lines.Length);
        CsvTable read = Csv.Read(output);
        Assert.True(read.Column("id").IsText);
        cli.Run(["predict", path, "--weights", weights, "--id", "di", "--out", output]).AssertOneLineError("--id: no column 'di'; did you mean 'id'?");
        cli.Run(["predict", path, "--weights", weights, "--id", "id", "--out", cli.PathOf("p.npy")]).AssertOneLineError("needs a .csv --out");
    }

    [Fact]
    public void Missing_cells_are_refused_by_line_and_column_or_dropped_with_a_count()
    {
        using var cli = new CliRunner();
        string[] lines = Table().Split('\n');
        lines[3] = "r2,NA,1,2";
        lines[8] = "r7,3,,4";
        lines[9] = "r8,3,-,4";
        string path = cli.Write("m.csv", string.Join('\n', lines));
        cli.Run(["train", path, "--id", "id", .. Quick]).AssertOneLineError("m.csv, line 4, column 'a': 'NA' is a missing value; --impute drop");
        // '-' is text to the default spellings; as a --na-values entry it is missing too.
        cli.Run(["train", path, "--id", "id", "--impute", "drop", .. Quick]).AssertOneLineError("line 10, column 'b': '-' is not a number");
        CliRun dropped = cli.Run(["train", path, "--id", "id", "--impute", "drop", "--na-values", "NA,,-", .. Quick]);
        Assert.Contains("--impute drop: left out 3 of 40 rows with a missing cell (37 rows remain).", dropped.Out, StringComparison.Ordinal);
        Assert.Contains("regression: 37 training rows", dropped.Out, StringComparison.Ordinal);
        // A missing cell in a column that is not used does not count.
        Assert.Contains("regression: 38 training rows", cli.Run(["train", path, "--id", "id", "--impute", "drop", "--na-values", "NA,,-", "--drop", "a", .. Quick]).Out, StringComparison.Ordinal);
        // Imputed: every row stays, the model fills the gaps with what it learnt from the training rows, and predict does the same.
        foreach (string policy in new[] { "mean", "median", "most-frequent" })
        {
            string weights = cli.PathOf($"imputed-{policy}.safetensors"), output = cli.PathOf($"imputed-{policy}.csv");
            CliRun imputed = cli.Run(["train", path, "--id", "id", "--impute", policy, "--na-values", "NA,,-", "--save", weights, .. Quick]);
            Assert.True(imputed.ExitCode == 0, imputed.Error);
            Assert.Contains("regression: 40 training rows", imputed.Out, StringComparison.Ordinal);
            CliRun predicted = cli.Run(["predict", path, "--weights", weights, "--id", "id", "--na-values", "NA,,-", "--out", output]);
            Assert.True(predicted.ExitCode == 0, predicted.Error);
            Assert.Equal(41, File.ReadAllLines(output).Length);
        }
        cli.Run(["train", path, "--impute", "zero", .. Quick]).AssertOneLineError("--impute: 'zero' is not one of drop, mean, median, most-frequent.");
    }

    [Fact]
    public void Text_feature_columns_are_one_hot_encoded_and_an_id_like_one_is_refused_by_its_distinct_count()
    {
        using var cli = new CliRunner();
        var text = new StringBuilder("code,color,a,y\n");
        for (int i = 0; i < 150; i++) text.Append(CultureInfo.InvariantCulture, $"c{i % 120},{(i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue")},{i},{i % 7}.5\n");
        string path = cli.Write("text.csv", text.ToString());
        string weights = cli.PathOf("color.safetensors");
        CliRun encoded = cli.Run(["train", path, "--drop", "code", "--save", weights, .. Quick]);
        Assert.True(encoded.ExitCode == 0, encoded.Error);
        Assert.Contains("150 training rows, 0 validation rows, 4 features", encoded.Out, StringComparison.Ordinal); // a, color=blue, color=green, color=red
        // A colour the training rows never had encodes as all zeros, with a warning that counts it.
        string fresh = cli.Write("fresh.csv", "code,color,a,y\nc0,red,1,0.5\nc1,purple,2,1.5\n");
        CliRun predicted = cli.Run(["predict", fresh, "--weights", weights, "--out", cli.PathOf("fresh-pred.csv")]);
        Assert.True(predicted.ExitCode == 0, predicted.Error);
        Assert.Contains("warning: column 'color': 1 row(s) hold a category not seen in training", predicted.Error, StringComparison.Ordinal);
        cli.Run(["train", path, "--drop", "color", .. Quick]).AssertOneLineError("column 'code' is text with 120 distinct values, more than --max-categories 100");
        Assert.Equal(0, cli.Run(["train", path, "--drop", "color", "--max-categories", "200", .. Quick]).ExitCode);
        Assert.Equal(0, cli.Run(["train", path, "--drop", "color", "--id", "code", .. Quick]).ExitCode);
    }

    [Theory]
    [InlineData("1.0,0.0", "classification")]
    [InlineData("1,0", "classification")]
    [InlineData("yes,no", "classification")]
    [InlineData("0.5,1.5", "regression")]
    public void A_csv_target_and_the_same_values_in_a_float_npy_decide_the_task_alike(string values, string task)
    {
        using var cli = new CliRunner();
        string[] v = values.Split(',');
        var csv = new StringBuilder("x,t\n");
        for (int i = 0; i < 40; i++) csv.Append(CultureInfo.InvariantCulture, $"{i},{v[i % 2]}\n");
        Assert.Equal(task, Json(cli.Run(["train", cli.Write("t.csv", csv.ToString()), "--json", .. Quick])).GetProperty("task").GetString());
        if (!double.TryParse(v[0], CultureInfo.InvariantCulture, out _)) return;
        string x = cli.PathOf("x.npy"), y = cli.PathOf("y.npy");
        Npy.Write(x, Enumerable.Range(0, 40).Select(i => (double)i).ToArray(), [40, 1], NpyType.Float64);
        Npy.Write(y, Enumerable.Range(0, 40).Select(i => double.Parse(v[i % 2], CultureInfo.InvariantCulture)).ToArray(), [40], NpyType.Float64);
        Assert.Equal(task, Json(cli.Run(["train", "--x", x, "--y", y, "--json", .. Quick])).GetProperty("task").GetString());
    }

    [Theory]
    [InlineData(20, "classification")]
    [InlineData(21, "regression")]
    [InlineData(40, "regression")]
    public void Integer_targets_are_classes_up_to_20_distinct_values_in_csv_and_npy(int distinct, string task)
    {
        using var cli = new CliRunner();
        var csv = new StringBuilder("x,t\n");
        for (int i = 0; i < 80; i++) csv.Append(CultureInfo.InvariantCulture, $"{i},{i % distinct}\n");
        Assert.Equal(task, Json(cli.Run(["train", cli.Write("t.csv", csv.ToString()), "--json", .. Quick])).GetProperty("task").GetString());
        string x = cli.PathOf("x.npy"), y = cli.PathOf("y.npy");
        Npy.Write(x, Enumerable.Range(0, 80).Select(i => (double)i).ToArray(), [80, 1], NpyType.Float64);
        Npy.Write(y, Enumerable.Range(0, 80).Select(i => (double)(i % distinct)).ToArray(), [80], NpyType.Int64);
        Assert.Equal(task, Json(cli.Run(["train", "--x", x, "--y", y, "--json", .. Quick])).GetProperty("task").GetString());
    }

    [Fact]
    public void A_nan_in_npy_is_a_missing_value_dropped_with_impute_drop()
    {
        using var cli = new CliRunner();
        string x = cli.PathOf("x.npy"), y = cli.PathOf("y.npy");
        double[] xs = Enumerable.Range(0, 40).Select(i => (double)i).ToArray();
        xs[5] = double.NaN;
        Npy.Write(x, xs, [40, 1], NpyType.Float64);
        Npy.Write(y, Enumerable.Range(0, 40).Select(i => i * 0.5).ToArray(), [40], NpyType.Float64);
        cli.Run(["train", "--x", x, "--y", y, .. Quick]).AssertOneLineError("row 5, column 0 is NaN; the data must be finite (NaN is a missing value: --impute drop");
        Assert.Contains("left out 1 of 40 rows with a NaN", cli.Run(["train", "--x", x, "--y", y, "--impute", "drop", .. Quick]).Out, StringComparison.Ordinal);
        cli.Run(["train", "--x", x, "--y", y, "--drop", "x0", .. Quick]).AssertOneLineError("--features, --drop and --id name CSV columns");
    }
}

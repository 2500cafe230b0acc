using FastReg.IO;

namespace FastReg.Tests.Cli;

/// <summary>
/// Bad input to the command line: every case ends with one "fastreg: error:" line on stderr naming
/// the problem, exit code 1, and no stack trace.
/// </summary>
public class CliErrorTests
{
    [Fact]
    public void A_missing_file_is_named()
    {
        using var cli = new CliRunner();
        cli.Run("train", cli.PathOf("nowhere.csv")).AssertOneLineError("nowhere.csv");
    }

    [Fact]
    public void An_unknown_target_column_lists_the_columns_there_are()
    {
        using var cli = new CliRunner();
        cli.Run("train", cli.ClassificationCsv(), "--target", "label").AssertOneLineError("no column 'label'; columns are x0, x1, kind");
    }

    [Fact]
    public void A_ragged_row_is_named_by_its_line()
    {
        using var cli = new CliRunner();
        string csv = cli.Write("ragged.csv", "a,b,y\n1,2,0\n3,4\n5,6,1\n");
        CliRun run = cli.Run("train", csv, "--target", "y");
        run.AssertOneLineError("line 3");
    }

    [Fact]
    public void A_non_numeric_cell_is_named_by_line_and_column()
    {
        using var cli = new CliRunner();
        string csv = cli.Write("text.csv", "a,b,y\n1,2,0\n3,abc,1\n5,6,1\n");
        CliRun run = cli.Run("train", csv, "--target", "y");
        run.AssertOneLineError("line 3");
        Assert.Contains("'b'", run.Error, StringComparison.Ordinal);
        Assert.Contains("abc", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    public void Nan_or_infinity_in_a_csv_is_refused_where_it_is(string cell)
    {
        using var cli = new CliRunner();
        string csv = cli.Write("nan.csv", $"a,b,y\n1,2,0\n3,{cell},1\n5,6,1\n");
        cli.Run("train", csv, "--target", "y").AssertOneLineError("line 3");
    }

    [Fact]
    public void Nan_in_npy_features_is_refused_with_its_row_and_column()
    {
        using var cli = new CliRunner();
        string x = cli.PathOf("x.npy"), y = cli.PathOf("y.npy");
        Npy.Write(x, [1, 2, 3, double.NaN, 5, 6], [3, 2], NpyType.Float64);
        Npy.Write(y, [0, 1, 0], [3], NpyType.Int64);
        cli.Run("train", "--x", x, "--y", y).AssertOneLineError("row 1, column 1 is NaN");
    }

    [Fact]
    public void A_truncated_npy_file_is_refused()
    {
        using var cli = new CliRunner();
        string x = cli.PathOf("x.npy"), y = cli.PathOf("y.npy");
        Npy.Write(x, new double[40], [20, 2], NpyType.Float64);
        Npy.Write(y, new double[20], [20], NpyType.Int64);
        byte[] bytes = File.ReadAllBytes(x);
        File.WriteAllBytes(x, bytes[..(bytes.Length - 9)]);
        cli.Run("train", "--x", x, "--y", y).AssertOneLineError("x.npy");
    }

    [Fact]
    public void Empty_npy_arrays_are_refused()
    {
        using var cli = new CliRunner();
        string x = cli.PathOf("x.npy"), y = cli.PathOf("y.npy");
        Npy.Write(x, [], [0, 3], NpyType.Float64);
        Npy.Write(y, [], [0], NpyType.Int64);
        cli.Run("train", "--x", x, "--y", y).AssertOneLineError("holds no data");
    }

    [Fact]
    public void Rows_of_features_and_targets_that_disagree_are_refused()
    {
        using var cli = new CliRunner();
        string x = cli.PathOf("x.npy"), y = cli.PathOf("y.npy");
        Npy.Write(x, new double[40], [20, 2], NpyType.Float64);
        Npy.Write(y, new double[19], [19], NpyType.Int64);
        cli.Run("train", "--x", x, "--y", y).AssertOneLineError("has 20 rows but");
    }

    [Fact]
    public void A_truncated_or_inconsistent_weights_file_is_refused()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string weights = cli.PathOf("w.safetensors");
        Assert.Equal(0, cli.Run("train", csv, "--hidden", "4", "--epochs", "1", "--save", weights).ExitCode);
        byte[] bytes = File.ReadAllBytes(weights);
        string cut = cli.PathOf("cut.safetensors");
        File.WriteAllBytes(cut, bytes[..(bytes.Length - 5)]);
        cli.Run("predict", csv, "--weights", cut, "--out", cli.PathOf("p.csv")).AssertOneLineError("cut.safetensors");
        Assert.False(File.Exists(cli.PathOf("p.csv")));
    }

    [Fact]
    public void Weights_whose_shapes_do_not_match_the_network_name_the_tensor_and_both_shapes()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string weights = cli.PathOf("w.safetensors");
        Assert.Equal(0, cli.Run("train", csv, "--hidden", "4", "--epochs", "1", "--save", weights).ExitCode);
        cli.Run("train", csv, "--hidden", "5", "--init", weights).AssertOneLineError("tensor '0.weight' has shape [4, 2] but the network needs [5, 2]");
        cli.Run("train", csv, "--hidden", "4,3", "--init", weights).AssertOneLineError("tensor '2.weight' has shape [1, 4] but the network needs [3, 4]");
        cli.Run("train", csv, "--hidden", "4", "--l0-gates", "0.1", "--init", weights).AssertOneLineError("no tensor '1.log_alpha'");
    }

    [Theory]
    [InlineData("--hidden", "12,x", "--hidden")]
    [InlineData("--dropout", "1.5", "--dropout")]
    [InlineData("--lr", "-1", "--lr")]
    [InlineData("--l2", "NaN", "--l2")]
    [InlineData("--epochs", "0", "--epochs")]
    [InlineData("--valid-fraction", "1", "--valid-fraction")]
    public void A_bad_flag_value_names_the_flag(string flag, string value, string named)
    {
        using var cli = new CliRunner();
        cli.Run("train", cli.ClassificationCsv(), flag, value).AssertOneLineError(named);
    }

    [Theory]
    [InlineData("100000,100000")] // 10^10 parameters: more than memory (and than one array holds)
    [InlineData("30000,30000")]   // fits memory as float, but Adam's state would not fit one arena
    public void An_absurdly_wide_network_is_refused_before_allocating(string hidden)
    {
        using var cli = new CliRunner();
        long before = GC.GetAllocatedBytesForCurrentThread(); // this thread only: other tests run in parallel
        CliRun run = cli.Run("train", cli.ClassificationCsv(), "--hidden", hidden, "--epochs", "1");
        run.AssertOneLineError("parameter");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1L << 30, "the refusal allocated a gigabyte or more");
    }

    [Fact]
    public void Usage_errors_exit_with_1_without_a_stack_trace()
    {
        using var cli = new CliRunner();
        CliRun run = cli.Run("train", "--no-such-flag");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--no-such-flag", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_file_that_cannot_be_written_leaves_nothing_behind()
    {
        using var cli = new CliRunner();
        string csv = cli.ClassificationCsv();
        string weights = cli.PathOf("w.safetensors");
        Assert.Equal(0, cli.Run("train", csv, "--hidden", "4", "--epochs", "1", "--save", weights).ExitCode);
        cli.Run("predict", csv, "--weights", weights, "--out", Path.Combine(cli.PathOf("no-such-folder"), "p.csv")).AssertOneLineError("no-such-folder");
        cli.Run("predict", csv, "--weights", weights, "--out", cli.PathOf("p.txt")).AssertOneLineError("--out must end in .csv or .npy");
    }

    [Fact]
    public void An_unanticipated_exception_is_one_internal_error_line_with_exit_code_70()
    {
        using var error = new StringWriter();
        int code = FastReg.Cli.FastRegApp.Report(error, new KeyNotFoundException("a bug"));
        Assert.Equal(70, code);
        Assert.Equal("fastreg: internal error: KeyNotFoundException: a bug", error.ToString().TrimEnd());
    }
}

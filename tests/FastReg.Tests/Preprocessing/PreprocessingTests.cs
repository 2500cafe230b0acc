using FastReg.IO;
using FastReg.Nn.Preprocessing;

namespace FastReg.Tests.Preprocessing;

/// <summary>
/// Each preprocessing type: fitted on the training rows only (a value only in the other rows changes nothing),
/// its transform against hand-computed values, a JSON round trip that transforms identically, and the
/// validation errors of a malformed description (one DataFormatException naming the key).
/// </summary>
public class PreprocessingTests
{
    private static readonly int[] FirstThree = [0, 1, 2];

    [Fact]
    public void Standardizer_uses_the_population_std_of_the_training_rows_only()
    {
        // Rows 0-2 train: mean 2, population std sqrt(2/3); row 3's 1000 must not move them.
        var s = Standardizer.Fit([1, 10, 2, 10, 3, 10, 1000, 10], 2, FirstThree, ["a", "c"]);
        Assert.Equal(2, s.Mean[0], 12);
        Assert.Equal(Math.Sqrt(2.0 / 3), s.Std[0], 12);
        Assert.Equal(10, s.Mean[1]);
        Assert.Equal(1, s.Std[1]); // constant column: std 1, so it maps to 0 (StandardScaler)
        double[] x = [3, 10];
        s.Transform(x);
        Assert.Equal(1 / Math.Sqrt(2.0 / 3), x[0], 12);
        Assert.Equal(0, x[1]);
        s.InverseTransform(x);
        Assert.Equal([3, 10], x);
    }

    [Fact]
    public void Standardizer_leaves_missing_values_out_of_the_fit()
    {
        var s = Standardizer.Fit([DataColumn.Numeric("a", [1, double.NaN, 3])], FirstThree);
        Assert.Equal(2, s.Mean[0]);
        Assert.Equal(1, s.Std[0]);
    }

    [Fact]
    public void Standardizer_round_trips_through_json()
    {
        var s = Standardizer.Fit([0.1, 7, 0.2, 9, 0.35, 8], 2, FirstThree);
        Standardizer back = Standardizer.FromJson(s.ToJson());
        Assert.Equal(s.Columns, back.Columns);
        Assert.Equal(s.Mean, back.Mean);
        Assert.Equal(s.Std, back.Std);
    }

    [Theory]
    [InlineData("""{"columns":["a"],"mean":[0],"std":[0]}""", "std[0] = 0")]
    [InlineData("""{"columns":["a"],"mean":[0],"std":[5e-324]}""", "not subnormal")]
    [InlineData("""{"columns":["a"],"mean":[1e400],"std":[1]}""", "mean[0] = 1e400, not a finite number")]
    [InlineData("""{"columns":["a","b"],"mean":[0],"std":[1,1]}""", "'mean' with 1 entries; 2 needed")]
    [InlineData("""{"columns":["a","a"],"mean":[0,0],"std":[1,1]}""", "names 'a' twice in 'columns'")]
    [InlineData("""{"columns":["a"],"mean":["0"],"std":[1]}""", "mean[0] that is not a number")]
    [InlineData("""{"columns":["a"],"mean":[0]}""", "no 'std'")]
    [InlineData("""{"columns":["a"],"mean":[0],"std":[1],"ddof":1}""", "unknown key 'ddof'")]
    [InlineData("""[1]""", "is not a JSON object")]
    [InlineData("""{"columns":""", "is not valid JSON")]
    public void A_malformed_standardizer_is_one_error_naming_the_key(string json, string says)
    {
        var e = Assert.Throws<DataFormatException>(() => Standardizer.FromJson(json, "s.json"));
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.Contains("s.json", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Target_scaler_scales_and_unscales_per_target()
    {
        // Two targets, training rows 0-2 only.
        double[] y = [1, 100, 2, 200, 3, 300, 50, 5000];
        var s = TargetScaler.Fit(y, 2, FirstThree, ["p", "q"]);
        Assert.Equal([2.0, 200.0], s.Mean);
        double[] scaled = [.. y];
        s.Scale(scaled);
        Assert.Equal(0, scaled[2], 12);
        Assert.Equal(0, scaled[3], 12);
        s.Unscale<double>(scaled);
        for (int i = 0; i < y.Length; i++) Assert.Equal(y[i], scaled[i], 9);
        float[] outputs = [0, 1];
        s.Unscale<float>(outputs);
        Assert.Equal(2f, outputs[0]);
        Assert.Equal(200 + 100 * Math.Sqrt(2.0 / 3), outputs[1], 3);
        TargetScaler back = TargetScaler.FromJson(s.ToJson());
        Assert.Equal(s.Targets, back.Targets);
        Assert.Equal(s.Std, back.Std);
        Assert.Contains("targets", Assert.Throws<DataFormatException>(() => TargetScaler.FromJson("""{"columns":["p"],"mean":[0],"std":[1]}""")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ImputeStrategy.Mean, 2.0)]
    [InlineData(ImputeStrategy.Median, 1.5)]
    [InlineData(ImputeStrategy.MostFrequent, 1.0)]
    public void Imputer_fills_from_the_training_rows_only(ImputeStrategy strategy, double fill)
    {
        // Training rows 0-4: 1, 1, 2, 4 (and a gap); row 5's 1000 and the gap in row 6 are not training rows.
        DataColumn age = DataColumn.Numeric("age", [1, 1, double.NaN, 2, 4, 1000, double.NaN]);
        DataColumn color = DataColumn.Text("color", ["red", null, "blue", "blue", "red", "green", null]);
        int[] train = [0, 1, 2, 3, 4];
        Imputer imputer = Imputer.Fit([age, color], train, strategy);
        Assert.Equal(fill, imputer.NumberFill(0));
        Assert.Equal("blue", imputer.TextFill(1)); // a tie of two: the ordinal-smallest, as SimpleImputer
        DataColumn[] filled = imputer.Transform([age, color]);
        Assert.Equal(fill, filled[0].Numbers![6]);
        Assert.Equal(1000, filled[0].Numbers![5]);
        Assert.Equal("blue", filled[1].Texts![6]);
        Imputer back = Imputer.FromJson(imputer.ToJson());
        Assert.Equal(strategy, back.Strategy);
        Assert.Equal(fill, back.NumberFill(0));
        Assert.Equal("blue", back.TextFill(1));
    }

    [Fact]
    public void Imputer_refuses_a_column_with_no_training_value_and_bad_descriptions()
    {
        var e = Assert.Throws<ArgumentException>(() => Imputer.Fit([DataColumn.Numeric("x", [double.NaN, double.NaN, 3])], [0, 1], ImputeStrategy.Median));
        Assert.Contains("column 'x' has no value in the training rows", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown strategy 'mode'", Assert.Throws<DataFormatException>(() => Imputer.FromJson("""{"strategy":"mode","columns":["a"],"fill":[1]}""")).Message, StringComparison.Ordinal);
        Assert.Contains("'fill' with 2 entries for 1 columns", Assert.Throws<DataFormatException>(() => Imputer.FromJson("""{"strategy":"mean","columns":["a"],"fill":[1,2]}""")).Message, StringComparison.Ordinal);
        Assert.Contains("fill[0] that is not a number", Assert.Throws<DataFormatException>(() => Imputer.FromJson("""{"strategy":"mean","columns":["a"],"fill":[true]}""")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_hot_encoder_sorts_training_categories_and_counts_unseen_ones()
    {
        DataColumn color = DataColumn.Text("color", ["red", "blue", "red", "green", null]);
        OneHotEncoder encoder = OneHotEncoder.Fit([color], FirstThree); // green (row 3) is not a training category
        Assert.Equal(["blue", "red"], encoder.CategoriesOf(0));
        Assert.Equal(["color=blue", "color=red"], encoder.FeatureNames);
        var x = new double[5 * 2];
        int unseen = encoder.Transform([color], x);
        Assert.Equal([0, 1, 1, 0, 0, 1, 0, 0, 0, 0], x);
        Assert.Equal(2, unseen); // green and the missing cell
        OneHotEncoder back = OneHotEncoder.FromJson(encoder.ToJson());
        Assert.Equal(encoder.FeatureNames, back.FeatureNames);
    }

    [Fact]
    public void One_hot_encoder_guards_against_an_id_like_column()
    {
        string?[] ids = [.. Enumerable.Range(0, 200).Select(i => $"id{i}")];
        var e = Assert.Throws<ArgumentException>(() => OneHotEncoder.Fit([DataColumn.Text("id", ids)], [.. Enumerable.Range(0, 200)]));
        Assert.Contains("text column 'id' has more than 100 categories", e.Message, StringComparison.Ordinal);
        Assert.Equal(200, OneHotEncoder.Fit([DataColumn.Text("id", ids)], [.. Enumerable.Range(0, 200)], maxCategories: 200).Width);
        Assert.Contains("out of sorted order", Assert.Throws<DataFormatException>(() => OneHotEncoder.FromJson("""{"columns":[{"name":"c","categories":["b","a"]}]}""")).Message, StringComparison.Ordinal);
        Assert.Contains("names 'c' twice", Assert.Throws<DataFormatException>(() => OneHotEncoder.FromJson("""{"columns":[{"name":"c","categories":["a"]},{"name":"c","categories":["a"]}]}""")).Message, StringComparison.Ordinal);
    }

    private static DataColumn[] Table() =>
    [
        DataColumn.Numeric("age", [20, 30, double.NaN, 50, 99]),
        DataColumn.Text("color", ["red", "blue", "red", null, "purple"]),
        DataColumn.Numeric("height", [1.5, 1.7, 1.9, 1.6, 1.8]),
    ];

    [Fact]
    public void Pipeline_maps_columns_to_features_in_order()
    {
        DataColumn[] table = Table();
        int[] train = [0, 1, 2, 3];
        Preprocessor p = Preprocessor.Fit(table, train, new PreprocessingOptions { Impute = ImputeStrategy.Median });
        Assert.Equal(["age", "color=blue", "color=red", "height"], p.FeatureNames);
        Assert.False(p.IsNumericOnly);
        var unseen = new int[3];
        var x = new double[5 * 4];
        Assert.Equal(1, p.Transform(table, x, unseen));
        Assert.Equal([0, 1, 0], unseen); // "purple" (row 4) was not in training
        // age: median of 20, 30, 50 = 30 fills row 2; mean of the filled training values 32.5.
        double ageMean = (20 + 30 + 30 + 50) / 4.0, ageStd = Math.Sqrt((12.5 * 12.5 + 2.5 * 2.5 + 2.5 * 2.5 + 17.5 * 17.5) / 4);
        Assert.Equal((30 - ageMean) / ageStd, x[2 * 4], 12);
        Assert.Equal([0.0, 1.0], x.AsSpan(2 * 4 + 1, 2).ToArray()); // red
        Assert.Equal([0.0, 1.0], x.AsSpan(3 * 4 + 1, 2).ToArray()); // missing color -> most frequent training value, red
        Assert.Equal([0.0, 0.0], x.AsSpan(4 * 4 + 1, 2).ToArray()); // unseen: all zeros
        // One raw row as text cells gives the same features as the table's row.
        var row = new double[4];
        Assert.Equal(0, p.TransformRow(["30", "blue", "1.7"], row));
        Assert.Equal(x.AsSpan(4, 4).ToArray(), row);
        // Columns are matched by name, in any order, with extra columns ignored.
        DataColumn[] shuffled = [table[2], DataColumn.Numeric("extra", [0, 0, 0, 0, 0]), table[1], table[0]];
        Assert.Equal(x, p.Transform(shuffled));
    }

    [Fact]
    public void Pipeline_round_trips_through_json_and_transforms_identically()
    {
        DataColumn[] table = Table();
        Preprocessor p = Preprocessor.Fit(table, [0, 1, 2, 3], new PreprocessingOptions { Impute = ImputeStrategy.Mean, MaxCategories = 5 });
        Preprocessor back = Preprocessor.FromJson(p.ToJson());
        Assert.Equal(p.FeatureNames, back.FeatureNames);
        Assert.Equal(p.Transform(table), back.Transform(table));
        Assert.Equal(p.ToJson(), back.ToJson());
    }

    [Fact]
    public void Pipeline_refuses_missing_cells_without_an_imputer_and_mismatched_columns()
    {
        DataColumn[] table = Table();
        var e = Assert.Throws<ArgumentException>(() => Preprocessor.Fit(table, [0, 1, 2, 3]));
        Assert.Contains("column 'age' has a missing value at row 2", e.Message, StringComparison.Ordinal);
        Preprocessor p = Preprocessor.Fit(table, [0, 1], new PreprocessingOptions { Standardize = false });
        Assert.Equal(["age", "color=blue", "color=red", "height"], p.FeatureNames);
        Assert.Contains("missing value at row 2", Assert.Throws<ArgumentException>(() => p.Transform(table)).Message, StringComparison.Ordinal);
        Assert.Contains("no column 'height'", Assert.Throws<ArgumentException>(() => p.Transform([table[0], table[1]])).Message, StringComparison.Ordinal);
        Assert.Contains("holds text here but was numeric", Assert.Throws<ArgumentException>(() =>
            p.Transform([DataColumn.Text("age", ["1", "2", "3", "4", "5"]), table[1], table[2]])).Message, StringComparison.Ordinal);
        Assert.Contains("'abc' is not a number", Assert.Throws<ArgumentException>(() => p.TransformRow(["abc", "red", "1"], new double[4])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"columns":[]}""", "no entry in 'columns'")]
    [InlineData("""{"columns":[{"name":"a","kind":"numeric"}],"standardizer":{"columns":["b"],"mean":[0],"std":[1]}}""", "standardizer's columns are not the numeric input columns")]
    [InlineData("""{"columns":[{"name":"c","kind":"text"}]}""", "one-hot encoder's columns are not the text input columns")]
    [InlineData("""{"columns":[{"name":"c","kind":"text"}],"oneHot":{"columns":[{"name":"c","categories":["a"]}]},"imputer":{"strategy":"mean","columns":["c"],"fill":[1]}}""", "fills column 'c' with a number but the column is text")]
    [InlineData("""{"columns":[{"name":"a","kind":"number"}]}""", "columns[0].kind 'number' (expected numeric or text)")]
    [InlineData("""{"columns":[{"name":"a"}]}""", "no 'columns[0].kind'")]
    public void A_malformed_pipeline_is_one_error_naming_the_key(string json, string says)
    {
        var e = Assert.Throws<DataFormatException>(() => Preprocessor.FromJson(json, "p.json"));
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}

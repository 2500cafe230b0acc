using System.Globalization;
using System.Xml.Linq;
using FastReg.Plotting;

namespace FastReg.Tests.Plotting;

/// <summary>The SVG that <see cref="LinePlot"/> and <see cref="PlotGrid"/> write: well-formed, escaped, finite, culture-proof.</summary>
public class SvgPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly double[] Epochs = [1, 2, 3, 4, 5, 6, 7, 8];

    private static XDocument Parse(string svg) => XDocument.Parse(svg);

    private static LinePlot LossPlot(string title = "loss")
    {
        var plot = new LinePlot(title, "epoch", "loss");
        plot.AddSeries("train", Epochs, Epochs.Select(e => 2.0 / e).ToArray(), dashed: true, colorIndex: 0);
        plot.AddSeries("validation", Epochs, Epochs.Select(e => 2.2 / e + 0.05 * e).ToArray(), colorIndex: 0);
        return plot;
    }

    private static void AssertFinite(string svg)
    {
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", svg, StringComparison.Ordinal);
    }

    private static IEnumerable<XElement> SeriesPaths(XDocument doc) =>
        doc.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "series");

    [Fact]
    public void The_document_is_standalone_svg_with_size_and_viewbox()
    {
        var root = Parse(LossPlot().ToSvg(500, 300)).Root!;

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("500", (string?)root.Attribute("width"));
        Assert.Equal("300", (string?)root.Attribute("height"));
        Assert.Equal("0 0 500 300", (string?)root.Attribute("viewBox"));
    }

    [Fact]
    public void Title_labels_and_legend_names_are_escaped_and_survive_parsing()
    {
        var plot = new LinePlot("L2 & dropout <λ = 1e-3>", "\"epoch\"", "loss 'ce'");
        plot.AddSeries("train <a&b>", Epochs, Epochs, dashed: true);
        plot.AddBand("mean ± SE", Epochs, Epochs, Epochs.Select(e => e + 1).ToArray());
        string svg = plot.ToSvg();

        Assert.Contains("L2 &amp; dropout &lt;λ = 1e-3&gt;", svg, StringComparison.Ordinal);
        string[] texts = [.. Parse(svg).Descendants(Svg + "text").Select(t => t.Value)];
        Assert.Contains("L2 & dropout <λ = 1e-3>", texts);
        Assert.Contains("\"epoch\"", texts);
        Assert.Contains("loss 'ce'", texts);
        Assert.Contains("train <a&b>", texts);
        Assert.Contains("mean ± SE", texts);
    }

    [Fact]
    public void Control_characters_in_names_do_not_break_the_xml()
    {
        var plot = new LinePlot("a\u0001b\nc", "x", "y");
        plot.AddSeries("bad\uD800name", Epochs, Epochs);

        Parse(plot.ToSvg());
    }

    [Fact]
    public void Non_finite_points_are_skipped_and_never_printed()
    {
        var plot = new LinePlot("gaps", "x", "y") { LogX = true, LogY = true };
        plot.AddSeries("s", [1, 2, double.NaN, 4, double.PositiveInfinity, 6], [1, double.NegativeInfinity, 3, 4, 5, double.NaN]);
        plot.AddBand("b", [1, 2, 3], [0.5, double.NaN, 0.7], [2, 3, 4]);
        plot.AddVerticalMarker(double.NaN, "nowhere");
        string svg = plot.ToSvg();

        AssertFinite(svg);
        Parse(svg);
    }

    [Fact]
    public void A_nan_point_splits_the_line_into_two_segments()
    {
        var plot = new LinePlot("gap", "x", "y");
        plot.AddSeries("s", [1, 2, 3, 4, 5], [1, 2, double.NaN, 4, 5]);

        string d = (string)SeriesPaths(Parse(plot.ToSvg())).Single().Attribute("d")!;

        Assert.Equal(2, d.Count(c => c == 'M'));
        Assert.Equal(2, d.Count(c => c == 'L'));
    }

    [Fact]
    public void A_lone_point_between_gaps_is_drawn_as_a_dot()
    {
        var plot = new LinePlot("dot", "x", "y");
        plot.AddSeries("s", [1, 2, 3], [double.NaN, 2, double.NaN]);

        var doc = Parse(plot.ToSvg());

        Assert.Empty(SeriesPaths(doc));
        Assert.Single(doc.Descendants(Svg + "circle"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-3)]
    public void Log_x_rejects_non_positive_x_naming_the_series(double bad)
    {
        var plot = new LinePlot("t", "λ", "loss") { LogX = true };

        var ex = Assert.Throws<ArgumentException>(() => plot.AddSeries("validation", [1e-3, bad], [1, 2]));
        Assert.Contains("validation", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => plot.AddBand("band", [bad], [1], [2]));
        Assert.Throws<ArgumentException>(() => plot.AddVerticalMarker(bad, "best λ"));
    }

    [Fact]
    public void Log_y_rejects_non_positive_y_naming_the_series()
    {
        var plot = new LinePlot("t", "epoch", "loss") { LogY = true };

        var ex = Assert.Throws<ArgumentException>(() => plot.AddSeries("train", [1, 2], [0.5, 0]));
        Assert.Contains("train", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        var plot = new LinePlot("t", "x", "y");

        Assert.Throws<ArgumentException>(() => plot.AddSeries("s", [1, 2], [1]));
        Assert.Throws<ArgumentException>(() => plot.AddBand("b", [1, 2], [1, 2], [1]));
    }

    [Fact]
    public void Empty_single_point_and_constant_plots_render_finite_svg()
    {
        var empty = new LinePlot("empty", "x", "y");
        var single = new LinePlot("single", "x", "y");
        single.AddSeries("one", [3], [0.5]);
        var constant = new LinePlot("constant", "x", "y") { LogX = true, LogY = true };
        constant.AddSeries("flat", [1e-3, 1e-3], [0.7, 0.7]);
        var zero = new LinePlot("zero", "x", "y");
        zero.AddSeries("zeros", [0, 0, 0], [0, 0, 0]);

        foreach (var plot in new[] { empty, single, constant, zero })
        {
            foreach (var (w, h) in new[] { (640, 400), (120, 80), (1, 1) })
            {
                string svg = plot.ToSvg(w, h);
                AssertFinite(svg);
                Parse(svg);
            }
        }
        Assert.Contains("no data", empty.ToSvg(), StringComparison.Ordinal);
    }

    [Fact]
    public void Series_sharing_a_colour_index_share_a_colour_and_others_differ()
    {
        var plot = new LinePlot("t", "epoch", "loss");
        plot.AddSeries("L2 train", Epochs, Epochs, dashed: true, colorIndex: 3);
        plot.AddSeries("L2 validation", Epochs, Epochs, colorIndex: 3);
        plot.AddSeries("auto 1", Epochs, Epochs);
        plot.AddSeries("auto 2", Epochs, Epochs);

        var paths = SeriesPaths(Parse(plot.ToSvg())).ToList();
        string[] colours = [.. paths.Select(p => (string)p.Attribute("stroke")!)];

        Assert.Equal(colours[0], colours[1]);
        Assert.Equal(3, colours.Distinct().Count());
        Assert.NotNull(paths[0].Attribute("stroke-dasharray"));
        Assert.Null(paths[1].Attribute("stroke-dasharray"));
    }

    [Theory]
    [InlineData(640, 400)]
    [InlineData(420, 280)]
    [InlineData(300, 400)]
    public void The_legend_lies_outside_the_data_area(int width, int height)
    {
        var plot = LossPlot();
        plot.AddSeries("a much longer series name than usual", Epochs, Epochs, colorIndex: 1);
        var doc = Parse(plot.ToSvg(width, height));

        var clip = doc.Descendants(Svg + "clipPath").Single().Element(Svg + "rect")!;
        double right = (double)clip.Attribute("x")! + (double)clip.Attribute("width")!;
        double bottom = (double)clip.Attribute("y")! + (double)clip.Attribute("height")!;
        var legend = doc.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend");

        foreach (var text in legend.Elements(Svg + "text"))
        {
            double x = (double)text.Attribute("x")!, y = (double)text.Attribute("y")!;
            Assert.True(x > right || y - 11 > bottom, $"legend text at ({x}, {y}) overlaps the plot area ending at ({right}, {bottom})");
            Assert.True(x < width && y <= height, "legend text starts outside the image");
        }
    }

    [Fact]
    public void Markers_are_drawn_labelled_and_widen_the_x_range()
    {
        var plot = new LinePlot("cv", "λ", "validation loss") { LogX = true };
        plot.AddSeries("mean", [1e-4, 1e-3, 1e-2], [0.5, 0.3, 0.4]);
        plot.AddVerticalMarker(1e-3, "best λ");
        plot.AddVerticalMarker(10, "1-SE λ");
        var doc = Parse(plot.ToSvg());

        var markers = doc.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "markers");
        Assert.Equal(2, markers.Elements(Svg + "line").Count());
        Assert.Equal(["best λ", "1-SE λ"], markers.Elements(Svg + "text").Select(t => t.Value));
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "1e1"); // the axis reaches the marker at 10
    }

    [Fact]
    public void Numbers_use_a_decimal_point_under_a_comma_culture()
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
            var plot = new LinePlot("t", "x", "y");
            plot.AddSeries("s", [0.1, 0.37, 1.93], [0.25, 1.5, 2.33]);
            plot.AddBand("b", [0.1, 1.93], [0.2, 2.1], [0.3, 2.4]);
            plot.AddVerticalMarker(0.77, "m");
            var doc = Parse(plot.ToSvg(641, 401));

            var numeric = doc.Descendants().Attributes().Where(a => a.Name.LocalName != "font-family");
            Assert.All(numeric, a => Assert.DoesNotContain(",", a.Value, StringComparison.Ordinal));
            string[] labels = [.. doc.Descendants(Svg + "text").Select(t => t.Value)];
            Assert.Contains("0.5", labels);
            Assert.DoesNotContain(labels, l => l.Contains(',', StringComparison.Ordinal));
            Assert.Contains(doc.Descendants().Attributes(), a => a.Value.Contains('.', StringComparison.Ordinal) && a.Name.LocalName is "x" or "d" or "y");
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    [Fact]
    public void A_grid_nests_one_svg_per_plot_with_unique_ids()
    {
        var plots = Enumerable.Range(0, 10).Select(i => LossPlot($"run {i}")).ToList();

        string svg = PlotGrid.ToSvg(plots, columns: 5, cellWidth: 300, cellHeight: 200);
        var root = Parse(svg).Root!;

        Assert.Equal("1500", (string?)root.Attribute("width"));
        Assert.Equal("400", (string?)root.Attribute("height"));
        var cells = root.Elements(Svg + "svg").ToList();
        Assert.Equal(10, cells.Count);
        Assert.Equal("1200", (string?)cells[9].Attribute("x"));
        Assert.Equal("200", (string?)cells[9].Attribute("y"));
        string[] ids = [.. root.Descendants().Attributes("id").Select(a => a.Value)];
        Assert.Equal(ids.Length, ids.Distinct().Count());
        AssertFinite(svg);
    }

    [Fact]
    public void A_grid_with_fewer_plots_than_columns_shrinks_and_an_empty_grid_is_valid()
    {
        var two = Parse(PlotGrid.ToSvg([LossPlot(), LossPlot()], columns: 5)).Root!;
        var none = Parse(PlotGrid.ToSvg([], columns: 3)).Root!;

        Assert.Equal("840", (string?)two.Attribute("width"));
        Assert.Equal("420", (string?)none.Attribute("width"));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlotGrid.ToSvg([LossPlot()], columns: 0));
    }
}

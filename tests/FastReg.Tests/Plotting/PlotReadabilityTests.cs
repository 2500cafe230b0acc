using System.Globalization;
using System.Xml.Linq;
using FastReg.Plotting;

namespace FastReg.Tests.Plotting;

/// <summary>
/// What makes the plots readable (issue 17 item 6): a grid's cells share one y range and its ticks,
/// fourteen arms get fourteen colours, λ = 0 stays visible as a reference line on a log λ axis, and a
/// marker on the frame is drawn inside it.
/// </summary>
public class PlotReadabilityTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static LinePlot Curve(string title, double scale)
    {
        var plot = new LinePlot(title, "epoch", "loss");
        plot.AddSeries("validation", [1, 2, 3, 4], [scale, scale / 2, scale / 3, scale / 4]);
        return plot;
    }

    private static string[] TickLabelsOf(XElement cell) =>
        [.. cell.Descendants(Svg + "text").Where(t => (string?)t.Attribute("text-anchor") == "end").Select(t => t.Value)];

    [Fact]
    public void The_cells_of_a_grid_share_one_y_range_and_its_tick_labels()
    {
        string svg = PlotGrid.ToSvg([Curve("small", 1), Curve("large", 40)], columns: 2);
        XElement[] cells = [.. XDocument.Parse(svg).Root!.Elements(Svg + "svg")];
        string[] first = TickLabelsOf(cells[0]), second = TickLabelsOf(cells[1]);
        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.Contains("40", first);
    }

    [Fact]
    public void A_grid_can_keep_each_cells_own_range()
    {
        string svg = PlotGrid.ToSvg([Curve("small", 1), Curve("large", 40)], columns: 2, shareY: false);
        XElement[] cells = [.. XDocument.Parse(svg).Root!.Elements(Svg + "svg")];
        Assert.NotEqual(TickLabelsOf(cells[0]), TickLabelsOf(cells[1]));
    }

    [Fact]
    public void Fourteen_series_get_fourteen_different_colours()
    {
        var plot = new LinePlot("arms", "epoch", "loss");
        for (int i = 0; i < 14; i++) plot.AddSeries($"arm {i}", [1, 2], [i, i + 1]);
        string[] colours = [.. XDocument.Parse(plot.ToSvg()).Descendants(Svg + "path")
            .Where(p => (string?)p.Attribute("class") == "series").Select(p => (string)p.Attribute("stroke")!)];
        Assert.Equal(14, colours.Length);
        Assert.Equal(14, colours.Distinct().Count());
        Assert.DoesNotContain("#F0E442", colours); // yellow, the faintest on white, only from the fifteenth on
    }

    [Fact]
    public void A_horizontal_reference_line_is_drawn_labelled_and_widens_the_y_range()
    {
        var plot = new LinePlot("sweep", "λ", "loss") { LogX = true };
        plot.AddSeries("validation", [1e-3, 1e-2, 1e-1], [0.5, 0.4, 0.45]);
        plot.AddHorizontalMarker(0.9, "λ = 0: validation 0.9");
        XDocument doc = XDocument.Parse(plot.ToSvg());
        XElement reference = doc.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "reference");
        Assert.Single(reference.Elements(Svg + "line"));
        Assert.Equal("λ = 0: validation 0.9", reference.Element(Svg + "text")!.Value);
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "0.9"); // the axis reaches the line
    }

    [Fact]
    public void A_log_y_axis_refuses_a_reference_line_it_cannot_place()
    {
        var plot = new LinePlot("sweep", "λ", "loss") { LogY = true };
        Assert.Throws<ArgumentException>(() => plot.AddHorizontalMarker(0, "zero"));
    }

    [Fact]
    public void A_marker_at_the_end_of_the_axis_is_drawn_inside_the_frame()
    {
        var plot = new LinePlot("sweep", "λ", "loss") { LogX = true };
        plot.AddSeries("validation", [1e-3, 1e-2, 1e-1, 1, 10], [0.5, 0.4, 0.35, 0.3, 0.28]);
        plot.AddVerticalMarker(10, "best λ");
        XDocument doc = XDocument.Parse(plot.ToSvg());
        XElement frame = doc.Descendants(Svg + "rect").Single(r => (string?)r.Attribute("class") == "frame");
        double right = Double(frame, "x") + Double(frame, "width"), left = Double(frame, "x");
        XElement line = doc.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "markers").Element(Svg + "line")!;
        double at = Double(line, "x1");
        Assert.True(at < right && at > left, $"marker at {at}, frame {left}..{right}");
        Assert.True(right - at <= 4, $"marker at {at} should sit at the frame's right end {right}");
    }

    private static double Double(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
}

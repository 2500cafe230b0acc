using System.Text;

namespace FastReg.Plotting;

/// <summary>
/// The outer shell of a standalone SVG file: declaration, root element with namespace, size and viewBox,
/// a white background (so PNG conversions are not transparent) and the closing tag.
/// </summary>
internal sealed class SvgDocument
{
    /// <summary>Opens a document of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public SvgDocument(int width, int height)
    {
        string w = SvgText.Num(width), h = SvgText.Num(height);
        Body.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" ")
            .Append("font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n")
            .Append($"<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n");
    }

    /// <summary>Where the content goes, between the opening and closing root tags.</summary>
    public StringBuilder Body { get; } = new();

    /// <summary>Closes the root element and returns the whole document.</summary>
    public string Close() => Body.Append("</svg>\n").ToString();
}

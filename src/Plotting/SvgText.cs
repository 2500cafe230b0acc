using System.Globalization;
using System.Text;

namespace FastReg.Plotting;

/// <summary>
/// Turns values into SVG attribute and text content: XML-escaped strings and short invariant-culture numbers.
/// </summary>
internal static class SvgText
{
    /// <summary>
    /// A coordinate with at most two decimals and a '.' point whatever the current culture.
    /// Non-finite values never reach here by design; they would break the document, so they print as 0.
    /// </summary>
    public static string Num(double value)
    {
        System.Diagnostics.Debug.Assert(double.IsFinite(value), "SVG coordinates must be finite.");
        if (!double.IsFinite(value)) return "0";
        double rounded = Math.Round(value, 2);
        return rounded == 0 ? "0" : rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Escapes text for element content or a quoted attribute. Characters XML 1.0 forbids
    /// (control codes, lone surrogates) become spaces so a stray byte in a series name cannot break the file.
    /// </summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c) || (c < 0x20 && c is not '\t') || c is '\uFFFE' or '\uFFFF')
                    {
                        sb.Append(' ');
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.ToString();
    }
}

using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Sys2.Host.Web.Pages.Capofila;

/// <summary>
/// A horizontal bar chart as inline SVG, drawn on the server: each bar carries its figure as text beside it, the chart is
/// one image named by its caption, and the table below the chart holds the same figures for screen readers.
/// </summary>
public static class ShareChart
{
    private const int BarWidth = 360, RowHeight = 28, LabelWidth = 240, ValueWidth = 170;

    /// <param name="bars">Label, share (0 to 1) and the text to write beside the bar.</param>
    public static IHtmlContent Svg(string id, string captionId, IReadOnlyList<(string Label, decimal Share, string Value)> bars)
    {
        var width = LabelWidth + BarWidth + ValueWidth;
        var height = bars.Count * RowHeight + 8;
        var svg = new StringBuilder();
        svg.Append($"<svg id=\"{id}\" role=\"img\" aria-labelledby=\"{captionId}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, share, value) = bars[i];
            var y = i * RowHeight + 4;
            var filled = (int)Math.Round(BarWidth * Math.Clamp(share, 0m, 1m));
            svg.Append($"<text x=\"0\" y=\"{y + 16}\" font-size=\"14\" fill=\"#1a1a1a\">{HtmlEncoder.Default.Encode(label)}</text>");
            svg.Append($"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{BarWidth}\" height=\"20\" fill=\"#e6e9f2\"></rect>");
            svg.Append($"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{filled}\" height=\"20\" fill=\"#0066cc\"></rect>");
            svg.Append($"<text x=\"{LabelWidth + BarWidth + 8}\" y=\"{y + 16}\" font-size=\"14\" fill=\"#1a1a1a\">{HtmlEncoder.Default.Encode(value)}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Processes.Benchmarks.RemoteSizes;

/// <summary>
/// Draws the size sweep as an SVG line chart: payload size (log scale) against median latency per
/// call (log scale), one line per side, the ratio written above each size. Hand-written so the
/// chart needs no package; rsvg-convert turns it into the PNG the docs show.
/// </summary>
internal static class RemoteLatencyChart
{
    private const double Width = 880, Height = 540;
    private const double Left = 90, Right = 30, Top = 70, Bottom = 80;
    private const string RemoteColor = "#c0392b", RawColor = "#2471a3";

    public static string Render(IReadOnlyList<LatencyPoint> points, string subtitle)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points.Count, 2);
        var microseconds = points.SelectMany(point => new[] { point.RemoteNanoseconds / 1e3, point.RawNanoseconds / 1e3 }).ToArray();
        // Whole decades around the data, so every gridline is a round number.
        var lowDecade = Math.Floor(Math.Log10(microseconds.Min()));
        var highDecade = Math.Ceiling(Math.Log10(microseconds.Max()));
        var lowSize = Math.Log2(points[0].PayloadBytes);
        var highSize = Math.Log2(points[^1].PayloadBytes);
        double X(int bytes) => Left + ((Math.Log2(bytes) - lowSize) / (highSize - lowSize) * (Width - Left - Right));
        double Y(double nanoseconds) => Top + ((highDecade - Math.Log10(nanoseconds / 1e3)) / (highDecade - lowDecade) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">"));
        svg.AppendLine(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>"));
        svg.AppendLine(Invariant($"<text x=\"{Width / 2}\" y=\"28\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\">Remote call latency vs raw named-pipe echo, by payload size</text>"));
        svg.AppendLine(Invariant($"<text x=\"{Width / 2}\" y=\"50\" text-anchor=\"middle\" fill=\"#555\">median per call, one call outstanding, payload sent and echoed back; {Escape(subtitle)}</text>"));

        for (var decade = lowDecade; decade <= highDecade; decade++)
        {
            var y = Y(Math.Pow(10, decade) * 1e3);
            svg.AppendLine(Invariant($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>"));
            svg.AppendLine(Invariant($"<text x=\"{Left - 8}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{DecadeLabel(decade)}</text>"));
        }

        foreach (var point in points)
        {
            var x = X(point.PayloadBytes);
            svg.AppendLine(Invariant($"<line x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{Height - Bottom}\" stroke=\"#eee\"/>"));
            svg.AppendLine(Invariant($"<text x=\"{x:0.#}\" y=\"{Height - Bottom + 20}\" text-anchor=\"middle\">{LatencyPoint.SizeLabel(point.PayloadBytes)}</text>"));
            svg.AppendLine(Invariant($"<text x=\"{x:0.#}\" y=\"{Y(point.RemoteNanoseconds) - 12:0.#}\" text-anchor=\"middle\" fill=\"{RemoteColor}\" font-weight=\"bold\">{point.Ratio:0.0}×</text>"));
        }

        svg.AppendLine(Invariant($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#333\"/>"));
        svg.AppendLine(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 30}\" text-anchor=\"middle\" font-size=\"14\">payload size (each way, log scale)</text>"));
        svg.AppendLine(Invariant($"<text transform=\"translate(24 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"14\">latency per call, µs (log scale)</text>"));

        AppendSeries(svg, points.Select(point => (X(point.PayloadBytes), Y(point.RemoteNanoseconds))), RemoteColor);
        AppendSeries(svg, points.Select(point => (X(point.PayloadBytes), Y(point.RawNanoseconds))), RawColor);
        AppendLegend(svg, Left + 16, Top + 18);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void AppendSeries(StringBuilder svg, IEnumerable<(double X, double Y)> coordinates, string color)
    {
        var list = coordinates.ToList();
        svg.AppendLine(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2.5\" points=\"{string.Join(" ", list.Select(c => Invariant($"{c.X:0.#},{c.Y:0.#}")))}\"/>"));
        foreach (var (x, y) in list)
        {
            svg.AppendLine(Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"4.5\" fill=\"{color}\"/>"));
        }
    }

    private static void AppendLegend(StringBuilder svg, double x, double y)
    {
        svg.AppendLine(Invariant($"<rect x=\"{x - 8}\" y=\"{y - 14}\" width=\"400\" height=\"66\" fill=\"white\" stroke=\"#bbb\"/>"));
        svg.AppendLine(Invariant($"<line x1=\"{x}\" y1=\"{y}\" x2=\"{x + 28}\" y2=\"{y}\" stroke=\"{RemoteColor}\" stroke-width=\"2.5\"/>"));
        svg.AppendLine(Invariant($"<text x=\"{x + 36}\" y=\"{y + 4}\">ProcessClient.RunAsync(EchoTask) to a worker process</text>"));
        svg.AppendLine(Invariant($"<line x1=\"{x}\" y1=\"{y + 22}\" x2=\"{x + 28}\" y2=\"{y + 22}\" stroke=\"{RawColor}\" stroke-width=\"2.5\"/>"));
        svg.AppendLine(Invariant($"<text x=\"{x + 36}\" y=\"{y + 26}\">raw length-prefixed echo, same pipe options</text>"));
        svg.AppendLine(Invariant($"<text x=\"{x + 36}\" y=\"{y + 46}\" fill=\"{RemoteColor}\">n.n× = remote / raw at that size</text>"));
    }

    private static string DecadeLabel(double decade) => Math.Pow(10, decade).ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

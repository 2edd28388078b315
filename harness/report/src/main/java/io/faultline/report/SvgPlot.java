package io.faultline.report;

import java.util.Locale;

/** Draws a {@link Plot} as an inline SVG element (no external references). */
public final class SvgPlot {
    /** Above this many points a series is thinned evenly in the SVG (the PNG keeps every point). */
    static final int MAX_POINTS_PER_SERIES = 15_000;

    private SvgPlot() {
    }

    public static String render(Plot plot, int width, int height) {
        Frame fr = new Frame(plot, width, height);
        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("<svg id=\"").append(Html.esc(plot.id())).append("\" class=\"plot\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.esc(plot.title())).append("\">");
        s.append("<text x=\"").append(Frame.LEFT).append("\" y=\"16\" class=\"ptitle\">").append(Html.esc(plot.title())).append("</text>");
        // fault bands first so points are drawn over them
        int i = 0;
        for (FaultInterval f : plot.faults()) {
            double x0 = fr.x(f.fromNanos() / 1e9), x1 = fr.x(f.toNanos() / 1e9);
            s.append("<g class=\"fault\"><title>").append(Html.esc(f.label())).append(" from ")
                    .append(secs(f.fromNanos())).append(" s to ").append(secs(f.toNanos())).append(" s</title>")
                    .append("<rect x=\"").append(n(x0)).append("\" y=\"").append(fr.plotTop()).append("\" width=\"")
                    .append(n(Math.max(1, x1 - x0))).append("\" height=\"").append(fr.plotBottom() - fr.plotTop())
                    .append("\" fill=\"").append(Frame.faultColor(f.fault())).append("\" fill-opacity=\"0.2\"/>")
                    .append("<text x=\"").append(n(x0 + 2)).append("\" y=\"").append(fr.plotTop() + 11 + (i % 3) * 11)
                    .append("\" class=\"flabel\">").append(Html.esc(f.fault())).append("</text></g>");
            i++;
        }
        axes(s, fr, plot);
        for (Plot.Series se : plot.series()) series(s, fr, se);
        legend(s, fr, plot);
        s.append("</svg>");
        return s.toString();
    }

    private static void axes(StringBuilder s, Frame fr, Plot plot) {
        s.append("<g class=\"axes\">");
        for (double t : fr.yTicks()) {
            double y = fr.y(t);
            s.append("<line x1=\"").append(fr.plotLeft()).append("\" x2=\"").append(fr.plotRight()).append("\" y1=\"")
                    .append(n(y)).append("\" y2=\"").append(n(y)).append("\" class=\"grid\"/>")
                    .append("<text x=\"").append(fr.plotLeft() - 4).append("\" y=\"").append(n(y + 4))
                    .append("\" text-anchor=\"end\">").append(Frame.tick(t)).append("</text>");
        }
        for (double t : fr.xTicks()) {
            double x = fr.x(t);
            s.append("<line x1=\"").append(n(x)).append("\" x2=\"").append(n(x)).append("\" y1=\"").append(fr.plotBottom())
                    .append("\" y2=\"").append(fr.plotBottom() + 4).append("\" class=\"tick\"/>")
                    .append("<text x=\"").append(n(x)).append("\" y=\"").append(fr.plotBottom() + 16)
                    .append("\" text-anchor=\"middle\">").append(Frame.tick(t)).append("</text>");
        }
        s.append("<rect x=\"").append(fr.plotLeft()).append("\" y=\"").append(fr.plotTop()).append("\" width=\"")
                .append(fr.plotRight() - fr.plotLeft()).append("\" height=\"").append(fr.plotBottom() - fr.plotTop())
                .append("\" class=\"frame\"/>");
        s.append("<text x=\"").append((fr.plotLeft() + fr.plotRight()) / 2).append("\" y=\"").append(fr.height - 6)
                .append("\" text-anchor=\"middle\">time since start (s)</text>");
        s.append("<text transform=\"translate(14,").append((fr.plotTop() + fr.plotBottom()) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(Html.esc(plot.yLabel())).append("</text></g>");
    }

    private static void series(StringBuilder s, Frame fr, Plot.Series se) {
        double[] xs = se.xs(), ys = se.ys();
        if (se.style() == Plot.Style.POINTS) {
            int step = Math.max(1, (int) Math.ceil(xs.length / (double) MAX_POINTS_PER_SERIES));
            s.append("<path class=\"pts\" fill=\"none\" stroke=\"").append(se.color()).append("\" stroke-width=\"")
                    .append(se.marker() == Plot.Marker.CIRCLE || se.marker() == Plot.Marker.SQUARE ? "4" : "1.3")
                    .append("\" stroke-linecap=\"").append(se.marker() == Plot.Marker.SQUARE ? "square" : "round")
                    .append("\" d=\"");
            for (int i = 0; i < xs.length; i += step) {
                if (!Double.isFinite(ys[i])) continue;
                double x = fr.x(xs[i]), y = fr.y(ys[i]);
                switch (se.marker()) {
                    case CIRCLE, SQUARE -> s.append('M').append(n(x)).append(' ').append(n(y)).append("h0");
                    case PLUS -> s.append('M').append(n(x - 3)).append(' ').append(n(y)).append("h6M").append(n(x))
                            .append(' ').append(n(y - 3)).append("v6");
                    case CROSS -> s.append('M').append(n(x - 2.5)).append(' ').append(n(y - 2.5)).append("l5 5M")
                            .append(n(x - 2.5)).append(' ').append(n(y + 2.5)).append("l5 -5");
                    case DIAMOND -> s.append('M').append(n(x)).append(' ').append(n(y - 3)).append("l3 3l-3 3l-3 -3z");
                }
            }
            s.append("\"><title>").append(Html.esc(se.name())).append("</title></path>");
            return;
        }
        s.append("<path class=\"line\" fill=\"none\" stroke=\"").append(se.color()).append("\" stroke-width=\"1.6\"");
        if (se.style() == Plot.Style.DASHED) s.append(" stroke-dasharray=\"5 3\"");
        s.append(" d=\"");
        boolean pen = false;
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(ys[i])) {
                pen = false;
                continue;
            }
            s.append(pen ? 'L' : 'M').append(n(fr.x(xs[i]))).append(' ').append(n(fr.y(ys[i])));
            pen = true;
        }
        s.append("\"><title>").append(Html.esc(se.name())).append("</title></path>");
    }

    private static void legend(StringBuilder s, Frame fr, Plot plot) {
        int x = fr.plotRight() + 12, y = fr.plotTop() + 4;
        s.append("<g class=\"legend\">");
        for (Plot.Series se : plot.series()) {
            s.append("<path stroke=\"").append(se.color()).append("\" fill=\"none\" ");
            if (se.style() == Plot.Style.POINTS) {
                s.append("stroke-width=\"5\" stroke-linecap=\"").append(se.marker() == Plot.Marker.SQUARE ? "square" : "round")
                        .append("\" d=\"M").append(x + 8).append(' ').append(y + 5).append("h0\"/>");
            } else {
                s.append("stroke-width=\"2\"").append(se.style() == Plot.Style.DASHED ? " stroke-dasharray=\"5 3\"" : "")
                        .append(" d=\"M").append(x).append(' ').append(y + 5).append("h16\"/>");
            }
            s.append("<text x=\"").append(x + 22).append("\" y=\"").append(y + 9).append("\">").append(Html.esc(se.name()))
                    .append("</text>");
            y += 15;
        }
        s.append("</g>");
    }

    private static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}

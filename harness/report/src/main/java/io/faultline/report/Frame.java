package io.faultline.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where a plot's data lands in pixels, and its axis ticks; shared by the SVG and PNG renderers. */
final class Frame {
    static final int LEFT = 64, RIGHT = 170, TOP = 34, BOTTOM = 40;
    final int width, height;
    final double xMax;
    final boolean logY;
    final double yMin, yMax;

    Frame(Plot plot, int width, int height) {
        this.width = width;
        this.height = height;
        this.xMax = plot.xMax() > 0 ? plot.xMax() : 1;
        this.logY = plot.logY();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Plot.Series s : plot.series()) {
            for (double y : s.ys()) {
                if (!Double.isFinite(y) || (logY && y <= 0)) continue;
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
        }
        if (logY) {
            if (!Double.isFinite(lo)) {
                lo = 1;
                hi = 10;
            }
            yMin = Math.pow(10, Math.floor(Math.log10(lo)));
            double top = Math.pow(10, Math.ceil(Math.log10(hi)));
            yMax = top <= yMin ? yMin * 10 : top;
        } else {
            yMin = 0;
            yMax = !Double.isFinite(hi) || hi <= 0 ? 1 : niceCeil(hi * 1.05);
        }
    }

    int plotLeft() {
        return LEFT;
    }

    int plotRight() {
        return width - RIGHT;
    }

    int plotTop() {
        return TOP;
    }

    int plotBottom() {
        return height - BOTTOM;
    }

    double x(double seconds) {
        return LEFT + (plotRight() - LEFT) * Math.max(0, Math.min(1, seconds / xMax));
    }

    double y(double v) {
        double f;
        if (logY) {
            double c = Math.max(v, yMin);
            f = (Math.log10(c) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin));
        } else {
            f = (v - yMin) / (yMax - yMin);
        }
        f = Math.max(0, Math.min(1, f));
        return plotBottom() - (plotBottom() - TOP) * f;
    }

    List<Double> xTicks() {
        return linearTicks(0, xMax, 8);
    }

    List<Double> yTicks() {
        if (!logY) return linearTicks(yMin, yMax, 6);
        List<Double> t = new ArrayList<>();
        for (double v = yMin; v <= yMax * 1.0001; v *= 10) t.add(v);
        return t;
    }

    static List<Double> linearTicks(double lo, double hi, int target) {
        double step = niceStep((hi - lo) / target);
        List<Double> t = new ArrayList<>();
        for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) t.add(v);
        return t;
    }

    static double niceStep(double raw) {
        if (!(raw > 0)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    static double niceCeil(double v) {
        double step = niceStep(v / 5);
        return Math.ceil(v / step) * step;
    }

    static String tick(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        if (Math.abs(v) >= 1) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A stable colour per fault name, light enough to read points through. */
    static String faultColor(String fault) {
        String[] palette = {"#f4a261", "#9b5de5", "#e76f51", "#2a9d8f", "#e9c46a", "#577590", "#f15bb5"};
        return palette[Math.floorMod(fault.hashCode(), palette.length)];
    }
}

package io.faultline.report;

import java.util.List;

/**
 * A plot as data, drawn the same way as inline SVG ({@link SvgPlot}) and as PNG ({@link PngPlot}).
 * x is seconds since the test started; fault intervals are shaded and labelled.
 */
public record Plot(String id, String title, String yLabel, boolean logY, double xMax, List<Series> series,
                   List<FaultInterval> faults) {

    public enum Style { POINTS, LINE, DASHED }

    /** The point shapes that tell operation types apart. */
    public enum Marker { CIRCLE, SQUARE, PLUS, CROSS, DIAMOND }

    /** One legend entry: points or a polyline; NaN y values break a line. */
    public record Series(String name, String color, Style style, Marker marker, double[] xs, double[] ys) {
        public Series {
            if (xs.length != ys.length) throw new IllegalArgumentException("xs and ys differ in length");
        }
    }

    public Plot {
        series = List.copyOf(series);
        faults = List.copyOf(faults);
    }
}

package io.faultline.report;

import io.faultline.history.History;
import io.faultline.history.OpType;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report's two plots: latency over time (a point per op) and throughput over time. */
public final class Plots {
    public static final String OK = "#1f77b4", FAIL = "#d62728", INFO = "#ff7f0e", NO = "#2ca02c";

    private Plots() {
    }

    /**
     * One point per client op at its invocation time: y is its latency (an op with no completion
     * is drawn at the end of the history). Colour is the outcome, marker shape the operation type;
     * p50/p95/p99 of ok latencies per time bucket are drawn as lines.
     */
    public static Plot latency(History history, Figures fig) {
        long end = history.events().isEmpty() ? 0 : history.events().getLast().time();
        Map<String, Plot.Marker> markers = new LinkedHashMap<>();
        Map<String, double[][]> buf = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Plot.Marker[] shapes = Plot.Marker.values();
        for (Operation o : history.operations()) {
            markers.computeIfAbsent(o.f(), f -> shapes[markers.size() % shapes.length]);
            String outcome = o.outcome().wireName();
            String key = o.f() + " " + outcome;
            double[][] b = buf.computeIfAbsent(key, k -> new double[2][64]);
            int c = counts.getOrDefault(key, 0);
            if (c == b[0].length) {
                b[0] = java.util.Arrays.copyOf(b[0], c * 2);
                b[1] = java.util.Arrays.copyOf(b[1], c * 2);
            }
            long done = o.completion() == null ? end : o.completeTime();
            b[0][c] = o.invokeTime() / 1e9;
            b[1][c] = Math.max(0.001, (done - o.invokeTime()) / 1e6);
            counts.put(key, c + 1);
        }
        List<Plot.Series> series = new ArrayList<>();
        // ok first so failures and unknowns stay visible on top
        for (OpType t : List.of(OpType.OK, OpType.FAIL, OpType.INFO)) {
            for (Map.Entry<String, Plot.Marker> m : markers.entrySet()) {
                String key = m.getKey() + " " + t.wireName();
                double[][] b = buf.get(key);
                if (b == null) continue;
                int c = counts.get(key);
                series.add(new Plot.Series(key, color(t), Plot.Style.POINTS, m.getValue(),
                        java.util.Arrays.copyOf(b[0], c), java.util.Arrays.copyOf(b[1], c)));
            }
        }
        double[] mids = mids(fig);
        series.add(new Plot.Series("p50", "#333333", Plot.Style.LINE, Plot.Marker.CIRCLE, mids, fig.p50()));
        series.add(new Plot.Series("p95", "#7b2cbf", Plot.Style.DASHED, Plot.Marker.CIRCLE, mids, fig.p95()));
        series.add(new Plot.Series("p99", "#c9184a", Plot.Style.LINE, Plot.Marker.CIRCLE, mids, fig.p99()));
        return new Plot("latency-plot", "Latency over time (one point per operation)", "latency (ms, log)", true,
                fig.durationSeconds(), series, fig.faults());
    }

    /** Completions per second in each bucket, by outcome. */
    public static Plot throughput(Figures fig) {
        double[] mids = mids(fig);
        List<Plot.Series> series = List.of(
                new Plot.Series("ok/s", OK, Plot.Style.LINE, Plot.Marker.CIRCLE, mids, fig.okPerSecond()),
                new Plot.Series("fail/s (unavailable)", FAIL, Plot.Style.LINE, Plot.Marker.CIRCLE, mids, fig.failPerSecond()),
                new Plot.Series("answered no/s", NO, Plot.Style.DASHED, Plot.Marker.CIRCLE, mids, fig.noPerSecond()),
                new Plot.Series("info/s", INFO, Plot.Style.DASHED, Plot.Marker.CIRCLE, mids, fig.infoPerSecond()));
        return new Plot("throughput-plot", "Throughput over time (completions per second, "
                + Frame.tick(fig.bucketSeconds()) + " s buckets)", "ops/s", false, fig.durationSeconds(), series, fig.faults());
    }

    static String color(OpType t) {
        return switch (t) {
            case OK -> OK;
            case FAIL -> FAIL;
            default -> INFO;
        };
    }

    private static double[] mids(Figures fig) {
        double[] m = new double[fig.okPerSecond().length];
        for (int i = 0; i < m.length; i++) m[i] = Math.min(fig.durationSeconds(), (i + 0.5) * fig.bucketSeconds());
        return m;
    }
}

package io.faultline.linear;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Draws a counterexample's operations as bars on one lane per process, the one drawing behind
 * {@code check --html} ({@link Visualize}) and report.html's counterexample. The x axis is the rank
 * of each event index that appears among the bars, so gaps in the history and long-running
 * operations take no room and the operations that matter stay readable; an operation whose outcome
 * is unknown runs to the right edge (it may take effect any time after its invocation). The first
 * blocked bar carries {@code id='first-blocked'} for the page to bring into view. Styles are
 * scoped to a {@code .lanes} container ({@link #CSS}), so the drawing can sit inside another page.
 */
public final class Lanes {
    private static final int STEP = 20;
    private static final int LANE = 26;
    private static final int LEFT = 90;
    /** Width of one character of the 11 px monospace labels, rounded up so a label never spills over. */
    private static final int CHAR_WIDTH = 7;

    /** What a bar is in the counterexample; its name is the CSS class it is drawn with. */
    public enum Kind {
        /** In the longest linearizable prefix (green). */
        LINEARIZED("lin"),
        /** Could come next after the prefix, but cannot (red). */
        BLOCKED("blocked"),
        /** Must complete before the blocked ones, which bounds the search (orange). */
        BOUND("bound"),
        /** Any other operation of the partition (grey). */
        OTHER("other"),
        /** Failed: took no effect (pale). */
        FAILED("fail");

        private final String css;

        Kind(String css) {
            this.css = css;
        }
    }

    /**
     * One operation to draw.
     *
     * @param completeIndex the completion's event index, or null when the outcome is unknown
     * @param label the text on the bar (abbreviated to fit)
     * @param title the hover text
     */
    public record Bar(long process, long invokeIndex, Long completeIndex, Kind kind, String label, String title) {
    }

    /** The style of a drawing, for the page's {@code <style>} element. */
    public static final String CSS = ".lanes{overflow:auto;border:1px solid #ddd;max-height:70vh}"
            + ".lanes rect.lin{fill:#b7e4c7;stroke:#1a7f37}.lanes rect.blocked{fill:#ffc9c9;stroke:#cf222e;stroke-width:2}"
            + ".lanes rect.bound{fill:#ffe8cc;stroke:#e8590c;stroke-width:2}"
            + ".lanes rect.other{fill:#e9ecef;stroke:#868e96}.lanes rect.fail{fill:#f8f9fa;stroke:#ced4da}"
            + ".lanes rect.info{stroke-dasharray:4 3}"
            + ".lanes text.op{font:11px monospace;pointer-events:none}.lanes text.lane{font:12px monospace}"
            + ".lanes line.sep{stroke:#f1f3f5}";

    private Lanes() {
    }

    /** The bars in a {@code <div class='lanes'>} holding one inline SVG. */
    public static String draw(List<Bar> bars) {
        // x positions: rank of each event index that appears, so gaps in indexes take no room
        TreeSet<Long> idx = new TreeSet<>();
        for (Bar b : bars) {
            idx.add(b.invokeIndex());
            if (b.completeIndex() != null) idx.add(b.completeIndex());
        }
        Map<Long, Integer> rank = new HashMap<>();
        int k = 0;
        for (long i : idx) rank.put(i, k++);
        int end = k + 1;
        TreeMap<Long, Integer> lanes = new TreeMap<>();
        for (Bar b : bars) lanes.putIfAbsent(b.process(), 0);
        int lane = 0;
        for (Map.Entry<Long, Integer> e : lanes.entrySet()) e.setValue(lane++);
        int width = LEFT + end * STEP + 20;
        int height = lanes.size() * LANE + 30;

        boolean anchored = false;
        StringBuilder svg = new StringBuilder("<div class='lanes'>");
        svg.append("<svg width='").append(width).append("' height='").append(height).append("'>");
        for (Map.Entry<Long, Integer> e : lanes.entrySet()) {
            int y = 20 + e.getValue() * LANE;
            svg.append("<text x='4' y='").append(y + 15).append("' class='lane'>process ").append(e.getKey())
                    .append("</text><line x1='").append(LEFT).append("' x2='").append(width - 10).append("' y1='")
                    .append(y + LANE - 2).append("' y2='").append(y + LANE - 2).append("' class='sep'/>");
        }
        for (Bar b : bars) {
            int y = 20 + lanes.get(b.process()) * LANE;
            int x1 = LEFT + rank.get(b.invokeIndex()) * STEP;
            int x2 = LEFT + (b.completeIndex() == null ? end : rank.get(b.completeIndex())) * STEP + STEP;
            boolean anchor = b.kind() == Kind.BLOCKED && !anchored;
            anchored |= anchor;
            svg.append("<g><title>").append(esc(b.title())).append("</title><rect x='").append(x1).append("' y='")
                    .append(y + 2).append("' width='").append(Math.max(4, x2 - x1 - 3)).append("' height='")
                    .append(LANE - 8).append("' rx='3' class='").append(b.kind().css)
                    .append(b.completeIndex() == null ? " info" : "").append("'")
                    .append(anchor ? " id='first-blocked'" : "")
                    .append("/><text x='").append(x1 + 3)
                    .append("' y='").append(y + 15).append("' class='op'>")
                    .append(esc(abbreviate(b.label(), Math.max(1, (x2 - x1 - 6) / CHAR_WIDTH)))).append("</text></g>");
        }
        return svg.append("</svg></div>").toString();
    }

    private static String abbreviate(String s, int chars) {
        return s.length() <= chars ? s : chars <= 1 ? "" : s.substring(0, chars - 1) + "…";
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\'' -> sb.append("&#39;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}

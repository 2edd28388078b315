package io.faultline.check;

import io.faultline.history.Operation;
import java.util.List;
import java.util.Locale;

/** Short, uniform phrases for operations in explanations. */
public final class OpText {
    private OpText() {
    }

    /** Nanoseconds since the test started as seconds, e.g. {@code 1.234s}. */
    public static String time(long nanos) {
        if (nanos == Long.MAX_VALUE) return "never";
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }

    /** e.g. {@code process 3's read of x (op 17, 1.200s..1.250s) returned 5}. */
    public static String describe(Operation op) {
        StringBuilder sb = new StringBuilder();
        sb.append("process ").append(op.process()).append("'s ").append(op.f());
        if (op.key() != null) sb.append(" of ").append(op.key());
        sb.append(" (op ").append(op.invokeIndex()).append(", ").append(time(op.invokeTime())).append("..")
                .append(op.completion() == null ? "open" : time(op.completeTime()));
        if (op.invocation().node() != null) sb.append(", node ").append(op.invocation().node());
        sb.append(')');
        Object v = op.value();
        if (op.isOk()) sb.append(isReadLike(op) ? " returned " : " of ").append(value(v));
        else sb.append(" of ").append(value(v)).append(" ended ").append(op.outcome().wireName());
        return sb.toString();
    }

    private static boolean isReadLike(Operation op) {
        String f = op.f();
        return f.equals("read") || f.equals("r") || f.equals("txn");
    }

    public static String value(Object v) {
        if (v == null) return "nothing";
        if (v instanceof String s) return '"' + s + '"';
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            int n = 0;
            for (Object o : l) {
                if (n > 0) sb.append(", ");
                if (n++ == 12) {
                    sb.append("... ").append(l.size() - 12).append(" more");
                    break;
                }
                sb.append(o instanceof List<?> ? value(o) : String.valueOf(o));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }

    /** The invocation indexes of ops, for {@link Anomaly#opIndexes()}: one link per op. */
    public static List<Long> indexes(Operation... ops) {
        java.util.ArrayList<Long> out = new java.util.ArrayList<>(ops.length);
        for (Operation o : ops) out.add(o.invokeIndex());
        return out;
    }
}

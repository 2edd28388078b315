package io.faultline.report;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Short text for the JSON-shaped values of history events (nulls, numbers, strings, lists, maps). */
final class Values {
    private Values() {
    }

    static String compact(Object v) {
        StringBuilder b = new StringBuilder();
        append(b, v);
        return b.toString();
    }

    private static void append(StringBuilder b, Object v) {
        if (b.length() > 400) return;
        switch (v) {
            case null -> b.append("nil");
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) b.append(' ');
                    append(b, l.get(i));
                }
                b.append(']');
            }
            case Map<?, ?> m -> {
                b.append('{');
                Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<?, ?> e = it.next();
                    b.append(e.getKey()).append(' ');
                    append(b, e.getValue());
                    if (it.hasNext()) b.append(", ");
                }
                b.append('}');
            }
            default -> b.append(v);
        }
    }
}

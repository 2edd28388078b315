package io.faultline.linear.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns JSON-shaped values to dense ints so that register states are plain ints.
 * Id 0 is "absent" (null).
 */
final class ValueTable {
    static final int ABSENT = 0;

    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<Object> values = new ArrayList<>();

    ValueTable() {
        values.add(null);
    }

    int id(Object value) {
        if (value == null) return ABSENT;
        Object k = normalize(value);
        Integer id = ids.get(k);
        if (id == null) {
            id = values.size();
            ids.put(k, id);
            values.add(k);
        }
        return id;
    }

    int size() {
        return values.size();
    }

    Object value(int id) {
        return values.get(id);
    }

    String describe(int id) {
        return describeValue(value(id));
    }

    static String describeValue(Object v) {
        if (v == null) return "absent";
        if (v instanceof String s) return "\"" + s + "\"";
        return String.valueOf(v);
    }

    // Integers of different boxed types compare equal as JSON numbers.
    private static Object normalize(Object v) {
        if (v instanceof Integer i) return (long) i;
        if (v instanceof Short s) return (long) s;
        if (v instanceof Byte b) return (long) b;
        return v;
    }
}

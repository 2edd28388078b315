package io.faultline.stores.raftstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.stores.StoredValue;
import java.util.ArrayList;
import java.util.List;

/** Converts between the history's values (longs) and the store's (strings). */
final class Values {
    private Values() {
    }

    static String toStore(Object v) {
        return v == null ? null : v.toString();
    }

    /** "3" becomes 3L; other text stays text; JSON null becomes null. */
    static Object fromStore(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isArray()) {
            List<Object> out = new ArrayList<>(n.size());
            for (JsonNode e : n) out.add(fromStore(e));
            return out;
        }
        return StoredValue.parse(n.asText());
    }
}

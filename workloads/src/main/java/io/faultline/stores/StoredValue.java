package io.faultline.stores;

/**
 * How the stores here keep the history's values: as text, a long as its decimal digits. Read back,
 * "3" is 3L and any other text stays text, so a value no workload wrote shows as itself.
 */
public final class StoredValue {
    private StoredValue() {
    }

    public static String text(Object value) {
        return String.valueOf(value);
    }

    /** The history's value for stored {@code text}; null for none. */
    public static Object parse(String text) {
        if (text == null) return null;
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}

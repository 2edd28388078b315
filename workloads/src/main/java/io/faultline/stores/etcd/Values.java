package io.faultline.stores.etcd;

/** Converts between the history's values (longs) and etcd's (UTF-8 strings). */
final class Values {
    private Values() {
    }

    static String toStore(Object v) {
        return String.valueOf(v);
    }

    /** "3" becomes 3L; other text stays text. */
    static Object fromStore(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return s;
        }
    }
}

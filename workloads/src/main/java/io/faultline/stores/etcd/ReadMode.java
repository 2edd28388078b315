package io.faultline.stores.etcd;

import java.util.Locale;

/**
 * How reads are served: {@code linearizable} (etcd's default: a ReadIndex round through the
 * leader) or {@code serializable} (the member answers from its own state, possibly stale).
 */
enum ReadMode {
    LINEARIZABLE, SERIALIZABLE;

    static ReadMode parse(String value) {
        if (value == null) return LINEARIZABLE;
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "linearizable" -> LINEARIZABLE;
            case "serializable" -> SERIALIZABLE;
            default -> throw new IllegalArgumentException("--opt store.read-mode=" + value
                    + ": expected linearizable or serializable");
        };
    }
}

package io.faultline.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run tells a store.
 *
 * @param home     the faultline checkout (system property {@code faultline.home}), where the
 *                 bundled store's classes are
 * @param faults   fault modes to switch on in the store itself ({@code --store-fault})
 * @param settings free-form store settings ({@code --opt store.KEY=VALUE})
 */
public record StoreOptions(Path home, List<String> faults, Map<String, String> settings) {
    public StoreOptions {
        faults = List.copyOf(faults);
        settings = Map.copyOf(settings);
    }

    /** {@link #integer(Map, String, long, long)} of this run's settings. */
    public long integer(String name, long fallback, long min) {
        return integer(settings, name, fallback, min);
    }

    /**
     * Setting {@code name} as a whole number of at least {@code min}, or {@code fallback} when it is
     * not set. Every store reads its numbers here, so a bad value is refused before anything starts,
     * with the flag the user typed: {@code --opt store.tick-ms=abc: expected an integer >= 1}.
     */
    public static long integer(Map<String, String> settings, String name, long fallback, long min) {
        return integer(settings, name, fallback, min, Long.MAX_VALUE);
    }

    /** As above, for a store whose setting must also fit {@code max} (an {@code int} field, say). */
    public static long integer(Map<String, String> settings, String name, long fallback, long min, long max) {
        String v = settings.get(name);
        if (v == null) return fallback;
        try {
            long n = Long.parseLong(v.trim());
            if (n > max) throw new IllegalArgumentException("--opt store." + name + "=" + v + ": expected an integer <= " + max);
            if (n >= min) return n;
        } catch (NumberFormatException e) {
            // the same answer as a number out of range, below
        }
        throw new IllegalArgumentException("--opt store." + name + "=" + v + ": expected an integer >= " + min);
    }
}

package io.faultline.nemesis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's nemesis options that belong to one nemesis ({@code <name>.<option>=<value>}), read
 * with validation: a bad value names the option and what was expected.
 */
final class NemesisOptions {
    private final String nemesis;
    private final Map<String, String> options;

    NemesisOptions(String nemesis, Map<String, String> options, Set<String> known) {
        this.nemesis = nemesis;
        this.options = options;
        String prefix = nemesis + ".";
        for (String key : options.keySet()) {
            if (key.startsWith(prefix) && !known.contains(key.substring(prefix.length()))) {
                throw new IllegalArgumentException("unknown nemesis option '" + key + "': " + nemesis + " knows "
                        + known.stream().sorted().map(k -> prefix + k).toList());
            }
        }
    }

    List<String> choices(String option, List<String> allowed, List<String> defaults) {
        String raw = options.get(nemesis + "." + option);
        if (raw == null || raw.isBlank()) {
            return defaults;
        }
        List<String> values = Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException("nemesis option " + nemesis + "." + option + "=" + raw + ": '" + v
                        + "' is not one of " + allowed);
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nemesis option " + nemesis + "." + option + " is empty; expected some of "
                    + allowed);
        }
        return values;
    }

    long longValue(String option, long defaultValue, long min, long max) {
        String raw = options.get(nemesis + "." + option);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            long v = Long.parseLong(raw.strip());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("nemesis option " + nemesis + "." + option + "=" + raw
                    + ": expected a whole number from " + min + " to " + max);
        }
    }

    double doubleValue(String option, double defaultValue, double min, double max) {
        String raw = options.get(nemesis + "." + option);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            double v = Double.parseDouble(raw.strip());
            if (!(v >= min && v <= max)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("nemesis option " + nemesis + "." + option + "=" + raw
                    + ": expected a number from " + min + " to " + max);
        }
    }
}

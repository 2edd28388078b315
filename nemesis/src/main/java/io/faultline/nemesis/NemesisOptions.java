package io.faultline.nemesis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

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
        return number(option, defaultValue, Long::parseLong, v -> v >= min && v <= max,
                "a whole number from " + min + " to " + max);
    }

    double doubleValue(String option, double defaultValue, double min, double max) {
        return number(option, defaultValue, Double::parseDouble, v -> v >= min && v <= max,
                "a number from " + min + " to " + max);
    }

    private <T> T number(String option, T defaultValue, Function<String, T> parse, Predicate<T> inRange, String expected) {
        String raw = options.get(nemesis + "." + option);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            T v = parse.apply(raw.strip());
            if (inRange.test(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below, as a value out of range is
        }
        throw new IllegalArgumentException("nemesis option " + nemesis + "." + option + "=" + raw + ": expected " + expected);
    }
}

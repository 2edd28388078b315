package io.faultline.nemesis;

import io.faultline.history.Op;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * What a nemesis invocation itself asks for: a schedule may pin a mode or a target in the op's
 * value ({@code {"mode":"bridge"}}); otherwise the nemesis draws from its configured choices.
 */
final class Requested {
    private Requested() {
    }

    static Optional<String> string(Op invocation, String key) {
        if (invocation.value() instanceof Map<?, ?> m && m.get(key) instanceof String s && !s.isBlank()) {
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /** The value the invocation pins for {@code key}, else one of {@code choices} drawn with the run's seeded random. */
    static String orDraw(Op invocation, String key, List<String> choices, Random random) {
        return string(invocation, key).orElseGet(() -> choices.get(random.nextInt(choices.size())));
    }

    static Optional<Long> number(Op invocation, String key) {
        if (invocation.value() instanceof Map<?, ?> m && m.get(key) instanceof Number n) {
            return Optional.of(n.longValue());
        }
        return Optional.empty();
    }
}

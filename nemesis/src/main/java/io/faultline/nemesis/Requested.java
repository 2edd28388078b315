package io.faultline.nemesis;

import io.faultline.history.Op;
import java.util.Map;
import java.util.Optional;

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

    static Optional<Long> number(Op invocation, String key) {
        if (invocation.value() instanceof Map<?, ?> m && m.get(key) instanceof Number n) {
            return Optional.of(n.longValue());
        }
        return Optional.empty();
    }
}

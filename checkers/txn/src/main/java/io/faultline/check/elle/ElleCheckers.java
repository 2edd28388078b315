package io.faultline.check.elle;

import io.faultline.check.CheckerRegistry;
import java.util.List;

/**
 * This module's checkers under their CLI names, for a {@link CheckerRegistry}: the registry lives
 * in checkers/core, which knows nothing of jgrapht, so whoever offers {@code --checker list-append}
 * adds them with the models and anomalies asked for ({@code --consistency-models},
 * {@code --anomalies}).
 */
public final class ElleCheckers {
    /** The names added, in the order the CLI lists them (after {@link CheckerRegistry#NAMES}). */
    public static final List<String> NAMES = List.of("list-append", "rw-register");

    private ElleCheckers() {
    }

    /**
     * Adds list-append and rw-register, each checking {@code spec} ({@link IsolationSpec#STRICT_SERIALIZABLE}
     * unless the caller was asked for other models), and returns {@code registry}.
     */
    public static CheckerRegistry addTo(CheckerRegistry registry, IsolationSpec spec) {
        return registry.with("list-append", () -> new ListAppendChecker(spec))
                .with("rw-register", () -> new RwRegisterChecker(spec));
    }
}

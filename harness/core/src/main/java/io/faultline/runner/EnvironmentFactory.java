package io.faultline.runner;

import io.faultline.env.Environment;
import io.faultline.fault.Nemesis;
import io.faultline.preflight.Need;
import io.faultline.preflight.Tool;
import java.util.List;

/** Builds the environment for a run; {@link EnvironmentRegistry} is the real one, tests may pass their own. */
@FunctionalInterface
public interface EnvironmentFactory {
    Environment create(EnvironmentRequest request) throws Exception;

    /** What the run needs on this machine before it starts (a test's own environment needs nothing). */
    default List<Need> needs(String kind, String store, List<Nemesis> nemeses, List<Tool> storeTools) {
        return List.of();
    }
}

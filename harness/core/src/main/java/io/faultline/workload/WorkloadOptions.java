package io.faultline.workload;

import java.util.Map;

/**
 * What a run tells a workload.
 *
 * @param seed        the run's seed; every random choice of the workload derives from it
 * @param concurrency number of client threads
 * @param nodes       number of nodes
 * @param settings    free-form workload settings ({@code --opt workload.KEY=VALUE})
 */
public record WorkloadOptions(long seed, int concurrency, int nodes, Map<String, String> settings) {
    public WorkloadOptions {
        settings = Map.copyOf(settings);
    }

    /** An integer setting, or {@code fallback}; a malformed one names the setting. */
    public int intSetting(String name, int fallback) {
        String v = settings.get(name);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--opt workload." + name + "=" + v + ": expected an integer");
        }
    }
}

package io.faultline.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything that defines a test run; written to test.json so a run can be understood and repeated.
 *
 * @param name         folder name under the results root
 * @param environment  "local", "loopback" or "auto"
 * @param store        store name (see io.faultline.store)
 * @param nodes        cluster size
 * @param workload     workload name (see io.faultline.workload)
 * @param nemesis      fault schedule
 * @param timeLimit    length of the main phase
 * @param concurrency  client threads
 * @param rate         target client ops per second in total
 * @param seed         seed of every random choice the harness makes
 * @param storeFaults  fault modes switched on in the store itself
 * @param options      free-form settings, "store.X", "workload.X", "nemesis.X"
 * @param resultsRoot  where results/&lt;name&gt;/&lt;time&gt;/ goes
 * @param leaveRunning keep the cluster and environment after the run
 */
public record TestDefinition(String name, String environment, String store, int nodes, String workload,
                             NemesisSchedule nemesis, Duration timeLimit, int concurrency, double rate,
                             long seed, List<String> storeFaults, Map<String, String> options,
                             Path resultsRoot, boolean leaveRunning) {
    public TestDefinition {
        storeFaults = List.copyOf(storeFaults);
        options = Map.copyOf(options);
        if (nodes < 1) throw new IllegalArgumentException("nodes must be >= 1: " + nodes);
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be >= 1: " + concurrency);
        if (!(rate > 0)) throw new IllegalArgumentException("rate must be > 0: " + rate);
        if (timeLimit.isNegative() || timeLimit.isZero()) throw new IllegalArgumentException("time limit must be positive: " + timeLimit);
    }

    /** The settings whose names start with {@code prefix + "."}, with the prefix removed. */
    public Map<String, String> optionsFor(String prefix) {
        String p = prefix + ".";
        java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
        options.forEach((k, v) -> {
            if (k.startsWith(p)) out.put(k.substring(p.length()), v);
        });
        return out;
    }
}

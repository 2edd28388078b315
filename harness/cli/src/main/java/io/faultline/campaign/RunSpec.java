package io.faultline.campaign;

import java.util.List;
import java.util.Map;

/**
 * One run of a campaign, fully determined: the id is derived from the parameters so that a re-run
 * of the same file finds the runs it already finished.
 */
public record RunSpec(String id, String store, String workload, List<String> nemesis, List<String> storeFaults,
                      long seed, int repeat, double timeLimitSeconds, double nemesisIntervalSeconds, int concurrency,
                      double rate, int nodes, String environment, Map<String, String> options, Expectation expect) {
    public RunSpec {
        nemesis = List.copyOf(nemesis);
        storeFaults = List.copyOf(storeFaults);
        options = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(options));
    }

    public String nemesisText() {
        return nemesis.isEmpty() ? "none" : String.join(",", nemesis);
    }

    public String storeFaultText() {
        return storeFaults.isEmpty() ? "-" : String.join(",", storeFaults);
    }

    /** A folder-safe id: store-workload-nemesis[-faults]-sSEED[-rN]. */
    static String idOf(String store, String workload, List<String> nemesis, List<String> storeFaults, long seed, int repeat,
                       int repeats) {
        StringBuilder b = new StringBuilder().append(store).append('-').append(workload).append('-')
                .append(nemesis.isEmpty() ? "none" : String.join("+", nemesis));
        if (!storeFaults.isEmpty()) b.append('-').append(String.join("+", storeFaults));
        b.append("-s").append(seed);
        if (repeats > 1) b.append("-r").append(repeat);
        return b.toString().replaceAll("[^A-Za-z0-9_.+-]", "_");
    }
}

package io.faultline.workload;

import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The workloads on the class path, by name. */
public final class WorkloadRegistry {
    private final TreeMap<String, WorkloadProvider> byName = new TreeMap<>();

    public WorkloadRegistry(ClassLoader loader) {
        for (WorkloadProvider p : ServiceLoader.load(WorkloadProvider.class, loader)) byName.putIfAbsent(p.name(), p);
    }

    /** A registry of exactly these providers (tests, embedding). */
    public WorkloadRegistry(List<WorkloadProvider> providers) {
        for (WorkloadProvider p : providers) byName.putIfAbsent(p.name(), p);
    }

    public static WorkloadRegistry load() {
        return new WorkloadRegistry(WorkloadRegistry.class.getClassLoader());
    }

    public List<WorkloadProvider> all() {
        return List.copyOf(byName.values());
    }

    public WorkloadProvider find(String name) {
        WorkloadProvider p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown workload '" + name + "'; known: "
                    + (byName.isEmpty() ? "none (is the workloads module on the class path?)"
                    : byName.keySet().stream().collect(Collectors.joining(", "))));
        }
        return p;
    }
}

package io.faultline.store;

import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The stores on the class path, by name. */
public final class StoreRegistry {
    private final TreeMap<String, StoreProvider> byName = new TreeMap<>();

    public StoreRegistry(ClassLoader loader) {
        for (StoreProvider p : ServiceLoader.load(StoreProvider.class, loader)) byName.putIfAbsent(p.name(), p);
    }

    /** A registry of exactly these providers (tests, embedding). */
    public StoreRegistry(List<StoreProvider> providers) {
        for (StoreProvider p : providers) byName.putIfAbsent(p.name(), p);
    }

    public static StoreRegistry load() {
        return new StoreRegistry(StoreRegistry.class.getClassLoader());
    }

    public List<StoreProvider> all() {
        return List.copyOf(byName.values());
    }

    /** The provider called {@code name}, or an IllegalArgumentException naming the known ones. */
    public StoreProvider find(String name) {
        StoreProvider p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown store '" + name + "'; known: "
                    + (byName.isEmpty() ? "none (is the workloads module on the class path?)"
                    : byName.keySet().stream().collect(Collectors.joining(", "))));
        }
        return p;
    }
}

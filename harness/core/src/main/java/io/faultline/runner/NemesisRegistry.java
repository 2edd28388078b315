package io.faultline.runner;

import io.faultline.fault.NemesisProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The nemeses on the class path (the nemesis module registers them through ServiceLoader). */
public final class NemesisRegistry {
    private final TreeMap<String, NemesisProvider> byName = new TreeMap<>();

    public NemesisRegistry(ClassLoader loader) {
        for (NemesisProvider p : ServiceLoader.load(NemesisProvider.class, loader)) byName.putIfAbsent(p.name(), p);
    }

    public NemesisRegistry(List<NemesisProvider> providers) {
        for (NemesisProvider p : providers) byName.putIfAbsent(p.name(), p);
    }

    public static NemesisRegistry load() {
        return new NemesisRegistry(NemesisRegistry.class.getClassLoader());
    }

    public List<NemesisProvider> all() {
        return List.copyOf(byName.values());
    }

    public NemesisProvider find(String name) {
        NemesisProvider p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown nemesis '" + name + "'; known: "
                    + (byName.isEmpty() ? "none (is the nemesis module on the class path?)" : String.join(", ", byName.keySet())));
        }
        return p;
    }
}

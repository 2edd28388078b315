package io.faultline.runner;

import io.faultline.env.Environment;
import io.faultline.env.EnvironmentException;
import io.faultline.fault.Nemesis;
import io.faultline.preflight.Need;
import io.faultline.preflight.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one place an environment kind becomes an environment: a kind asked for is the kind
 * delivered, and a kind no provider answers is refused by name, never replaced by another.
 */
public final class EnvironmentRegistry implements EnvironmentFactory {
    private final Map<String, EnvironmentProvider> byKind = new LinkedHashMap<>();

    public EnvironmentRegistry(List<EnvironmentProvider> providers) {
        for (EnvironmentProvider p : providers) for (String k : p.kinds()) byKind.putIfAbsent(k, p);
    }

    /** The providers on the class path (the env module: auto, local, loopback; the docker module: docker). */
    public static EnvironmentRegistry load() {
        return new EnvironmentRegistry(ServiceLoader.load(EnvironmentProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    /** Each provider once, in class path order, for doctor and cleanup. */
    public List<EnvironmentProvider> providers() {
        return byKind.values().stream().distinct().toList();
    }

    public List<String> kinds() {
        return List.copyOf(byKind.keySet());
    }

    /** Throws {@link IllegalArgumentException} naming the known kinds when {@code kind} is not one. */
    public void requireKnown(String kind, String where) {
        if (!byKind.containsKey(kind)) {
            throw new IllegalArgumentException(where + ": unknown environment '" + kind + "'; expected one of "
                    + String.join(", ", byKind.keySet()) + known(kind));
        }
    }

    private static String known(String kind) {
        return EnvironmentRequest.KINDS.contains(kind) ? " (the module providing '" + kind + "' is not on the class path)" : "";
    }

    private EnvironmentProvider provider(String kind) {
        EnvironmentProvider p = byKind.get(kind);
        if (p == null) {
            throw new EnvironmentException("unknown environment '" + kind + "'; expected one of "
                    + String.join(", ", byKind.keySet()) + known(kind));
        }
        return p;
    }

    @Override
    public Environment create(EnvironmentRequest request) throws Exception {
        return provider(request.kind()).create(request);
    }

    @Override
    public List<Need> needs(String kind, String store, List<Nemesis> nemeses, List<Tool> storeTools) {
        return provider(kind).needs(kind, store, nemeses, storeTools);
    }

    public Optional<String> whyUnavailable(String kind, String store) {
        return provider(kind).whyUnavailable(kind, store);
    }
}

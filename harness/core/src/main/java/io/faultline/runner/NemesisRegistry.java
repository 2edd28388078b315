package io.faultline.runner;

import io.faultline.fault.NemesisProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The nemeses on the class path (the nemesis module registers them through ServiceLoader), and the
 * packages ({@link NemesisPackage}) that {@code --nemesis} accepts beside them.
 */
public final class NemesisRegistry {
    private final TreeMap<String, NemesisProvider> byName = new TreeMap<>();
    private final List<NemesisPackage> packages = NemesisPackage.standard();

    /**
     * What {@code --nemesis} asked for, as nemesis kinds.
     *
     * @param kinds    every kind to run, in the order asked for, packages expanded
     * @param optional the kinds that only a package brought in: left out (with {@code leftOut} saying
     *                 why) where the environment cannot do them, instead of refusing the run
     * @param leftOut  kinds a package named that the store cannot do, with the reason
     */
    public record Selection(List<String> kinds, Set<String> optional, List<String> leftOut) {
        public Selection {
            kinds = List.copyOf(kinds);
            optional = Set.copyOf(optional);
            leftOut = List.copyOf(leftOut);
        }
    }

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

    public List<NemesisPackage> packages() {
        return packages;
    }

    /**
     * Expands package names into kinds. A package leaves out the kinds no provider on the class path
     * offers and, when {@code storeHonoursFaketime} is false, clock faults (said in {@code leftOut});
     * a single kind is kept as asked, to be refused by name if it cannot run.
     *
     * @throws IllegalArgumentException for a name that is neither a kind nor a package, or a package
     *                                  of which nothing is left for this store
     */
    public Selection select(List<String> names, boolean storeHonoursFaketime) {
        LinkedHashSet<String> kinds = new LinkedHashSet<>();
        LinkedHashSet<String> explicit = new LinkedHashSet<>();
        List<String> leftOut = new ArrayList<>();
        for (String name : names) {
            NemesisPackage pkg = packages.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
            if (pkg == null) {
                find(name);
                kinds.add(name);
                explicit.add(name);
                continue;
            }
            int before = kinds.size();
            for (String kind : pkg.kinds()) {
                if (!byName.containsKey(kind)) {
                    leftOut.add(kind + " (no such nemesis on the class path)");
                } else if (kind.equals("clock") && !storeHonoursFaketime) {
                    leftOut.add("clock (the store's runtime does not honour libfaketime)");
                } else {
                    kinds.add(kind);
                }
            }
            if (kinds.size() == before && pkg.kinds().stream().noneMatch(kinds::contains)) {
                throw new IllegalArgumentException("--nemesis " + name + ": nothing of it can run here: " + String.join(", ", leftOut));
            }
        }
        Set<String> optional = new LinkedHashSet<>(kinds);
        optional.removeAll(explicit);
        return new Selection(new ArrayList<>(kinds), optional, leftOut.stream().distinct().toList());
    }

    public NemesisProvider find(String name) {
        NemesisProvider p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown nemesis '" + name + "'; known: "
                    + (byName.isEmpty() ? "none (is the nemesis module on the class path?)" : String.join(", ", byName.keySet()))
                    + "; packages: " + String.join(", ", packages.stream().map(NemesisPackage::name).toList()));
        }
        return p;
    }
}

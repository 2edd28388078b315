package io.faultline.check;

import io.faultline.check.counter.CounterChecker;
import io.faultline.check.election.ElectionChecker;
import io.faultline.check.ids.UniqueIdsChecker;
import io.faultline.check.lock.LockChecker;
import io.faultline.check.session.ConsistentPrefixChecker;
import io.faultline.check.session.Guarantee;
import io.faultline.check.session.SessionChecker;
import io.faultline.check.set.SetChecker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The checkers by their CLI names ({@code --checker NAME[,NAME]}). The linearizability checker
 * needs a model and options only the caller knows, so the caller passes its factory in; checkers
 * of other modules are added by name with {@link #with} (checkers/txn's {@code ElleCheckers.addTo}
 * adds list-append and rw-register, configured by the caller's isolation spec).
 */
public final class CheckerRegistry {
    /** The names this module's checkers answer to, in the order the CLI lists them. */
    public static final List<String> NAMES = List.of("linearizable", "monotonic-reads", "read-your-writes",
            "monotonic-writes", "writes-follow-reads", "consistent-prefix", "set", "counter", "unique-ids",
            "election", "lock");

    private final Map<String, Supplier<Checker>> factories = new LinkedHashMap<>();

    /**
     * @param linearizable makes the linearizability checker (model and options chosen by the
     *                     caller), or null when the caller handles {@code linearizable} itself
     */
    public CheckerRegistry(Supplier<Checker> linearizable) {
        if (linearizable != null) factories.put("linearizable", linearizable);
        for (Guarantee g : Guarantee.values()) factories.put(g.cliName(), () -> new SessionChecker(g));
        factories.put("consistent-prefix", ConsistentPrefixChecker::new);
        factories.put("set", SetChecker::new);
        factories.put("counter", CounterChecker::new);
        factories.put("unique-ids", UniqueIdsChecker::new);
        factories.put("election", ElectionChecker::new);
        // The lock workload's keys: acquire/release on "lock", read/write on "resource".
        factories.put("lock", () -> new LockChecker("lock", "resource"));
    }

    /**
     * Makes {@code factory}'s checker under {@code name}, after the names already known (or in
     * place of the factory already known under it). A plain named factory rather than a
     * ServiceLoader provider: the caller that adds a checker also configures it.
     */
    public CheckerRegistry with(String name, Supplier<Checker> factory) {
        factories.put(name, Objects.requireNonNull(factory, name));
        return this;
    }

    /** The names this registry can make. */
    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /**
     * A new checker for {@code name}.
     *
     * @throws IllegalArgumentException naming the unknown name and listing the known ones
     */
    public Checker create(String name) {
        Supplier<Checker> f = factories.get(name);
        if (f == null) {
            String why = NAMES.contains(name) ? "checker \"" + name + "\" is not available here"
                    : "unknown checker \"" + name + "\"";
            throw new IllegalArgumentException(why + "; known checkers: " + String.join(", ", names()));
        }
        return f.get();
    }

    /** Checkers for a comma-separated list such as {@code set,counter}; duplicates are dropped. */
    public List<Checker> createAll(String commaSeparated) {
        List<Checker> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String raw : commaSeparated.split(",")) {
            String n = raw.trim();
            if (n.isEmpty()) {
                throw new IllegalArgumentException("empty checker name in \"" + commaSeparated
                        + "\"; expected NAME[,NAME], known checkers: " + String.join(", ", names()));
            }
            if (seen.contains(n)) continue;
            seen.add(n);
            out.add(create(n));
        }
        return out;
    }
}

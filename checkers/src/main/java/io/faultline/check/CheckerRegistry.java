package io.faultline.check;

import io.faultline.check.counter.CounterChecker;
import io.faultline.check.election.ElectionChecker;
import io.faultline.check.elle.IsolationSpec;
import io.faultline.check.elle.ListAppendChecker;
import io.faultline.check.elle.RwRegisterChecker;
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
import java.util.function.Supplier;

/**
 * The checkers by their CLI names ({@code --checker NAME[,NAME]}). The linearizability checker
 * needs a model and options only the caller knows, so the caller passes its factory in.
 */
public final class CheckerRegistry {
    /** Every name, in the order the CLI lists them. */
    public static final List<String> NAMES = List.of("linearizable", "monotonic-reads", "read-your-writes",
            "monotonic-writes", "writes-follow-reads", "consistent-prefix", "set", "counter", "unique-ids",
            "election", "lock", "list-append", "rw-register");

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
        factories.put("list-append", ListAppendChecker::new);
        factories.put("rw-register", RwRegisterChecker::new);
    }

    /**
     * The consistency models and anomalies the transactional checkers (list-append, rw-register) check, in
     * place of their default, strict serializability ({@code --consistency-models},
     * {@code --anomalies}).
     */
    public CheckerRegistry isolation(IsolationSpec spec) {
        factories.put("list-append", () -> new ListAppendChecker(spec));
        factories.put("rw-register", () -> new RwRegisterChecker(spec));
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

package io.faultline.junit;

import io.faultline.db.Db;
import io.faultline.env.Environment;
import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import io.faultline.runner.NemesisRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The nemesis handle of one test: starts and stops faultline's nemeses (partition, kill, pause,
 * clock, packet) on the cluster and records each start and stop in the test's history, so the
 * checker and a reader of the history see when faults were active. Needs the faultline-nemesis
 * module on the test class path.
 */
public final class Faults {
    private final Environment env;
    private final Db db;
    private final HistoryRecorder history;
    private final NemesisRegistry registry;
    private final Random random;
    private final Map<String, Nemesis> started = new LinkedHashMap<>();

    Faults(Environment env, Db db, HistoryRecorder history, NemesisRegistry registry, long seed) {
        this.env = env;
        this.db = db;
        this.history = history;
        this.registry = registry;
        this.random = new Random(seed);
    }

    /** Partitions the leader away from the others (grudge mode "leader"). */
    public Op partitionLeader() {
        return start("partition", Map.of("mode", "leader"));
    }

    /** Partition mode "one", "leader", "majority", "majorities-ring" or "bridge". */
    public Op partition(String mode) {
        return start("partition", Map.of("mode", mode));
    }

    /** SIGKILLs targets "one", "minority", "majority", "all" or "leader"; {@link #stop} restarts them. */
    public Op kill(String targets) {
        return start("kill", Map.of("targets", targets));
    }

    /** SIGSTOPs targets as for {@link #kill}; {@link #stop} resumes them. */
    public Op pause(String targets) {
        return start("pause", Map.of("targets", targets));
    }

    /**
     * Starts nemesis {@code name} with what the invocation asks for (e.g. {@code {"mode":"bridge"}});
     * throws when the fault could not be applied (the environment lacks it, a command failed).
     */
    public Op start(String name, Map<String, Object> request) {
        Nemesis n = started.computeIfAbsent(name, k -> registry.find(k).create(Map.of()));
        return apply(n, n.startF(), new LinkedHashMap<>(request));
    }

    /** Stops (heals) nemesis {@code name}. */
    public Op stop(String name) {
        Nemesis n = started.get(name);
        if (n == null) {
            throw new IllegalStateException("fault '" + name + "' was not started in this test");
        }
        return apply(n, n.stopF(), new LinkedHashMap<>());
    }

    /** Heals everything every started nemesis may have done; the extension calls it after each test. */
    public void healAll() {
        NemesisContext ctx = context();
        for (Nemesis n : started.values()) {
            n.healAll(ctx);
        }
    }

    private Op apply(Nemesis n, String f, Map<String, Object> value) {
        Op inv = history.recordNemesisInvoke(f, value.isEmpty() ? null : value);
        Op done = n.invoke(context(), inv);
        history.recordNemesis(done);
        if (done.error() != null) {
            throw new IllegalStateException(f + " was not applied: " + done.error());
        }
        return done;
    }

    private NemesisContext context() {
        return new NemesisContext(env, db, random, line -> System.out.println("faultline: " + line));
    }
}

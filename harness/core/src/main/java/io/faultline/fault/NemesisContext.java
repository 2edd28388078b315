package io.faultline.fault;

import io.faultline.db.Db;
import io.faultline.env.Environment;
import java.util.Random;
import java.util.function.Consumer;

/**
 * What a nemesis may touch: the environment's control surface, the store's lifecycle, a seeded
 * random source (so the same seed gives the same faults), the run's log, and the harness's own
 * client workers (for faults that pause a client, not a node).
 */
public record NemesisContext(Environment environment, Db db, Random random, Consumer<String> log, ClientControl clients) {
    /** A context without client workers to act on. */
    public NemesisContext(Environment environment, Db db, Random random, Consumer<String> log) {
        this(environment, db, random, log, ClientControl.none());
    }
}

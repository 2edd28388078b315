package io.faultline.fault;

import io.faultline.db.Db;
import io.faultline.env.Environment;
import java.util.Random;
import java.util.function.Consumer;

/**
 * What a nemesis may touch: the environment's control surface, the store's lifecycle, a seeded
 * random source (so the same seed gives the same faults), and the run's log.
 */
public record NemesisContext(Environment environment, Db db, Random random, Consumer<String> log) {
}

package io.faultline.workloads.register;

import io.faultline.generator.GenOp;
import io.faultline.generator.Rng;
import io.faultline.workloads.KeyedOps;
import java.util.List;

/**
 * Reads, writes and cas ops over a sliding window of independent keys ({@link KeyedOps}, keys
 * {@code r<id>}): half the ops read, a quarter write and a quarter cas, over {@code values}
 * distinct values.
 */
record RegisterOps(int values) implements KeyedOps.Chooser {

    static KeyedOps start(Rng rng, int activeKeys, int opsPerKey, int values) {
        return KeyedOps.start(rng, activeKeys, opsPerKey, "r", new RegisterOps(values));
    }

    @Override
    public KeyedOps.Choice choose(Rng rng, String key) {
        int kind = rng.below(4);
        Rng r = rng.next();
        GenOp template = switch (kind) {
            case 0, 1 -> GenOp.of("read", key, null);
            case 2 -> GenOp.of("write", key, (long) r.below(values));
            default -> GenOp.of("cas", key, List.of((long) r.below(values), (long) r.next().below(values)));
        };
        return new KeyedOps.Choice(template, this, r.next().next());
    }
}

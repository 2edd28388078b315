package io.faultline.workloads.session;

import io.faultline.generator.GenOp;
import io.faultline.generator.Rng;
import io.faultline.workloads.KeyedOps;

/**
 * Reads and writes over a sliding window of shared keys ({@link KeyedOps}, keys {@code s<id>}).
 * Every write carries a value never written before (a run-wide counter), so each read names
 * exactly one write and the session checkers can order versions by the real time of writes. A key
 * is retired after {@code opsPerKey} ops so each key's linearizability search stays small.
 */
record SessionOps(long nextValue, int readShare) implements KeyedOps.Chooser {

    static KeyedOps start(Rng rng, int activeKeys, int opsPerKey, int readPercent) {
        return KeyedOps.start(rng, activeKeys, opsPerKey, "s", new SessionOps(1, readPercent));
    }

    @Override
    public KeyedOps.Choice choose(Rng rng, String key) {
        boolean read = rng.below(100) < readShare;
        return read
                ? new KeyedOps.Choice(GenOp.of("read", key, null), this, rng.next())
                : new KeyedOps.Choice(GenOp.of("write", key, nextValue), new SessionOps(nextValue + 1, readShare), rng.next());
    }
}
